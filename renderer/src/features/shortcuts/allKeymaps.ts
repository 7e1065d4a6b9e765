import { rankingKeymap, rankResponseKeymap } from '../ranking/rankingKeymap';
import { workspaceKeymap } from '../workspace/workspaceKeymap';
import type { Keymap } from './keymap';

/** Every workspace keymap, in the order the `?` list shows them. A new workspace adds its keymaps here. */
export const KEYMAPS: readonly Keymap[] = [workspaceKeymap, rankingKeymap, rankResponseKeymap];

import { defineKeymap, primary } from '../shortcuts/keymap';

/** Keys every workspace shares (bound by useUndoRedoShortcuts); text fields keep their own native undo. */
export const workspaceKeymap = defineKeymap<'undo' | 'redo'>('Task', [
  { action: 'undo', keys: ['Ctrl', 'Z'], description: 'Undo the last change to the judgement', matches: (p) => primary(p) && !p.shiftKey && p.key.toLowerCase() === 'z', repeats: true },
  { action: 'redo', keys: ['Ctrl', 'Shift', 'Z'], description: 'Redo (also Ctrl+Y)', matches: (p) => primary(p) && ((p.shiftKey && p.key.toLowerCase() === 'z') || p.key.toLowerCase() === 'y'), repeats: true },
]);

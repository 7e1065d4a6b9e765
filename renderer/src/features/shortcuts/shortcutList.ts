import { REASONING_KEYMAP } from '../reasoning/reasoningKeymap';
import { REVIEW_KEYS } from '../review/reviewKeys';
import { TRAJECTORY_KEYS } from '../trajectory/trajectoryKeys';

export interface Shortcut {
  keys: string[];
  action: string;
  where: 'Everywhere' | 'Inbox' | 'Task' | 'Reasoning task' | 'Trajectory' | 'Review';
}

/** Every keyboard shortcut, listed once: the `?` dialog shows this list. */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['?'], action: 'Show keyboard shortcuts', where: 'Everywhere' },
  { keys: ['Ctrl', ','], action: 'Open settings', where: 'Everywhere' },
  { keys: ['j'], action: 'Next task', where: 'Inbox' },
  { keys: ['k'], action: 'Previous task', where: 'Inbox' },
  { keys: ['↓ / ↑'], action: 'Next / previous task', where: 'Inbox' },
  { keys: ['PgDn / PgUp'], action: 'Ten tasks down / up', where: 'Inbox' },
  { keys: ['Home / End'], action: 'First / last task', where: 'Inbox' },
  { keys: ['Enter'], action: 'Open the selected task', where: 'Inbox' },
  { keys: ['/'], action: 'Search titles and prompts', where: 'Inbox' },
  { keys: ['Esc'], action: 'Leave the search field', where: 'Inbox' },
  { keys: ['Esc'], action: 'Back to the inbox', where: 'Task' },
  ...REASONING_KEYMAP.map((k) => ({ keys: k.keys, action: k.label, where: 'Reasoning task' as const })),
  ...TRAJECTORY_KEYS.map((b): Shortcut => ({ keys: [...b.display], action: b.action, where: 'Trajectory' })),
  { keys: ['j / k'], action: 'Next / previous submission', where: 'Review' },
  { keys: ['Enter'], action: 'Open the selected submission', where: 'Review' },
  { keys: ['/'], action: 'Search the review queue', where: 'Review' },
  ...REVIEW_KEYS.map((k): Shortcut => ({ keys: k.display, action: k.label, where: 'Review' })),
  { keys: ['Esc'], action: 'Cancel, or back to the review queue', where: 'Review' },
];

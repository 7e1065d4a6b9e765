/**
 * Every key of the reasoning workspace, as data: the workspace binds exactly these (by `matches`) and the `?`
 * list shows exactly these (by `keys` and `action`), so the two cannot drift. `scope` says where a key works:
 * `steps` on the step list (not while typing), `editor` inside one of the expert's step editors, `any` everywhere
 * in the task.
 */
export type ReasoningAction =
  | 'next'
  | 'previous'
  | 'ratePlus'
  | 'rateZero'
  | 'rateMinus'
  | 'flag'
  | 'rewrite'
  | 'edit'
  | 'answer'
  | 'problem'
  | 'submit'
  | 'newStep'
  | 'split'
  | 'merge'
  | 'moveUp'
  | 'moveDown'
  | 'deleteStep'
  | 'leaveEditor';

export interface ReasoningKey {
  action: ReasoningAction;
  keys: string[];
  label: string;
  scope: 'steps' | 'editor' | 'any';
  matches(e: KeyboardEvent): boolean;
}

const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const alt = (e: KeyboardEvent) => e.altKey && !e.ctrlKey && !e.metaKey;

export const REASONING_KEYMAP: readonly ReasoningKey[] = [
  { action: 'next', keys: ['j', '↓'], label: 'Next step', scope: 'steps', matches: (e) => plain(e) && (e.key === 'j' || e.key === 'ArrowDown') },
  { action: 'previous', keys: ['k', '↑'], label: 'Previous step', scope: 'steps', matches: (e) => plain(e) && (e.key === 'k' || e.key === 'ArrowUp') },
  { action: 'ratePlus', keys: ['+', '1'], label: 'Rate the step +1 (correct, moves forward)', scope: 'steps', matches: (e) => plain(e) && (e.key === '+' || e.key === '=' || e.key === '1') },
  { action: 'rateZero', keys: ['0', '2'], label: 'Rate the step 0 (not wrong, no progress)', scope: 'steps', matches: (e) => plain(e) && (e.key === '0' || e.key === '2') },
  { action: 'rateMinus', keys: ['-', '3'], label: 'Rate the step −1 (wrong)', scope: 'steps', matches: (e) => plain(e) && (e.key === '-' || e.key === '3') },
  { action: 'flag', keys: ['f'], label: 'Flag the step for a reviewer', scope: 'steps', matches: (e) => plain(e) && e.key === 'f' },
  { action: 'rewrite', keys: ['r'], label: 'Rewrite from this step', scope: 'steps', matches: (e) => plain(e) && e.key === 'r' },
  { action: 'edit', keys: ['Enter'], label: 'Edit your step', scope: 'steps', matches: (e) => plain(e) && e.key === 'Enter' },
  { action: 'answer', keys: ['a'], label: 'Go to the final answer', scope: 'steps', matches: (e) => plain(e) && e.key === 'a' },
  { action: 'problem', keys: ['p'], label: 'Show or hide the problem', scope: 'steps', matches: (e) => plain(e) && e.key === 'p' },
  { action: 'submit', keys: ['Ctrl', 'Enter'], label: 'Submit', scope: 'any', matches: (e) => (e.ctrlKey || e.metaKey) && !e.altKey && e.key === 'Enter' },
  { action: 'newStep', keys: ['Alt', 'Enter'], label: 'New step below yours', scope: 'editor', matches: (e) => alt(e) && !e.shiftKey && e.key === 'Enter' },
  { action: 'split', keys: ['Alt', 'S'], label: 'Split your step at the cursor', scope: 'editor', matches: (e) => alt(e) && e.code === 'KeyS' },
  { action: 'merge', keys: ['Alt', 'M'], label: 'Merge your step into the one above', scope: 'editor', matches: (e) => alt(e) && e.code === 'KeyM' },
  { action: 'moveUp', keys: ['Alt', '↑'], label: 'Move your step up', scope: 'editor', matches: (e) => alt(e) && e.key === 'ArrowUp' },
  { action: 'moveDown', keys: ['Alt', '↓'], label: 'Move your step down', scope: 'editor', matches: (e) => alt(e) && e.key === 'ArrowDown' },
  { action: 'deleteStep', keys: ['Alt', 'Shift', 'D'], label: 'Delete your step', scope: 'editor', matches: (e) => alt(e) && e.shiftKey && e.code === 'KeyD' },
  { action: 'leaveEditor', keys: ['Esc'], label: 'Leave the editor (back to the steps)', scope: 'editor', matches: (e) => plain(e) && e.key === 'Escape' },
];

/** The key for this event in this scope, if any. */
export const reasoningKeyFor = (e: KeyboardEvent, scope: 'steps' | 'editor'): ReasoningKey | undefined =>
  REASONING_KEYMAP.find((k) => (k.scope === scope || k.scope === 'any') && k.matches(e));

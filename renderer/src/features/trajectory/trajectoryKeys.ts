/**
 * The trajectory workspace's keys, as data: the `?` dialog lists them (this file is in the first bundle and
 * imports nothing), and trajectoryKeymap.ts binds each id to its handler (a missing handler fails to compile).
 */
export const TRAJECTORY_KEYS = [
  { id: 'next', keys: ['j', 'ArrowDown'], display: ['j', '↓'], action: 'Next step', whileReadOnly: true },
  { id: 'previous', keys: ['k', 'ArrowUp'], display: ['k', '↑'], action: 'Previous step', whileReadOnly: true },
  { id: 'first', keys: ['Home'], display: ['Home'], action: 'First step', whileReadOnly: true },
  { id: 'last', keys: ['End'], display: ['End'], action: 'Last step', whileReadOnly: true },
  { id: 'good', keys: ['g'], display: ['g'], action: 'Label the step good (again: clear)' },
  { id: 'neutral', keys: ['n'], display: ['n'], action: 'Label the step neutral (again: clear)' },
  { id: 'bad', keys: ['b'], display: ['b'], action: 'Label the step bad (again: clear)' },
  { id: 'firstWrong', keys: ['w'], display: ['w'], action: 'Mark the step as the first wrong one (again: unmark)' },
  { id: 'comment', keys: ['c'], display: ['c'], action: 'Comment on the step' },
  { id: 'edit', keys: ['e'], display: ['e'], action: 'Edit the step (thought and action)' },
  { id: 'rewrite', keys: ['r'], display: ['r'], action: 'Rewrite from here: drop the later steps' },
  { id: 'add', keys: ['a'], display: ['a'], action: 'Add a step of your own at the end' },
  { id: 'showAll', keys: ['o'], display: ['o'], action: 'Show the whole observation', whileReadOnly: true },
  { id: 'problem', keys: ['i'], display: ['i'], action: 'Show the problem statement', whileReadOnly: true },
  { id: 'patch', keys: ['p'], display: ['p'], action: 'Show the final patch', whileReadOnly: true },
  { id: 'step', keys: ['s'], display: ['s'], action: 'Back to the selected step', whileReadOnly: true },
  { id: 'submit', keys: ['Enter'], ctrl: true, display: ['Ctrl', 'Enter'], action: 'Submit the trajectory' },
] as const satisfies readonly TrajectoryKey[];

export interface TrajectoryKey {
  id: string;
  /** `KeyboardEvent.key` values that trigger it. */
  keys: readonly string[];
  /** Needs Ctrl (or Cmd). */
  ctrl?: boolean;
  /** How the `?` list shows the keys. */
  display: readonly string[];
  action: string;
  /** Allowed on a read-only (submitted) task. */
  whileReadOnly?: boolean;
}

export type TrajectoryKeyId = (typeof TRAJECTORY_KEYS)[number]['id'];

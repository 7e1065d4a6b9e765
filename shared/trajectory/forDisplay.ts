import type { Task } from '../domain';

/**
 * The task as a workspace needs it: a trajectory's verbatim source record (as large as the run itself) is
 * left out, so opening a 20 MB run moves and holds the steps once, not twice. Exports read the stored task.
 */
export const taskForDisplay = (task: Task): Task =>
  task.payload.kind === 'trajectory' && task.payload.source !== null && !task.payload.source.omitted
    ? { ...task, payload: { ...task.payload, source: { format: task.payload.source.format, text: '', omitted: true } } }
    : task;

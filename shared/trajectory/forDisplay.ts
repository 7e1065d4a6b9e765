import type { Task, TrajectoryStep } from '../domain';

/** An observation longer than this opens as its head; the whole text comes from the store on "Show all". */
export const DISPLAY_OBSERVATION_CHARS = 4 * 1024;

const headOf = (step: TrajectoryStep): TrajectoryStep =>
  step.observation.length > DISPLAY_OBSERVATION_CHARS && step.observationChars === null
    ? { ...step, observation: step.observation.slice(0, DISPLAY_OBSERVATION_CHARS), observationChars: step.observation.length }
    : step;

/**
 * The task as a workspace opens it. A trajectory leaves out its verbatim source record (as large as the run)
 * and carries only the head of each long observation, so opening a 20 MB run moves and holds a small fraction
 * of it. Exports and "Show all" read the stored task.
 */
export const taskForDisplay = (task: Task): Task => {
  if (task.payload.kind !== 'trajectory') return task;
  const { source, steps } = task.payload;
  return {
    ...task,
    payload: {
      ...task.payload,
      steps: steps.map(headOf),
      source: source === null || source.omitted ? source : { format: source.format, text: '', omitted: true },
    },
  };
};

import type { StepLabel, TrajectoryAnnotation, TrajectoryStep } from '../domain';

/** Pure edits of a trajectory annotation; each returns the same object when nothing changes (no undo step). */

export const setStepLabel = (a: TrajectoryAnnotation, stepId: string, label: StepLabel | null): TrajectoryAnnotation => {
  if ((a.stepLabels[stepId] ?? null) === label) return a;
  const stepLabels = { ...a.stepLabels };
  if (label === null) delete stepLabels[stepId];
  else stepLabels[stepId] = label;
  return { ...a, stepLabels };
};

/** Marks (or, for the step already marked, clears) the first wrong step; a wrong step is labelled bad. */
export const toggleFirstWrong = (a: TrajectoryAnnotation, stepId: string): TrajectoryAnnotation => {
  if (a.firstWrongStepId === stepId) return { ...a, firstWrongStepId: null };
  return { ...setStepLabel(a, stepId, 'bad'), firstWrongStepId: stepId };
};

export const setStepComment = (a: TrajectoryAnnotation, stepId: string, comment: string): TrajectoryAnnotation => {
  if ((a.stepComments[stepId] ?? '') === comment) return a;
  const stepComments = { ...a.stepComments };
  if (comment === '') delete stepComments[stepId];
  else stepComments[stepId] = comment;
  return { ...a, stepComments };
};

/** Replaces a step of the run (an original one through editedSteps, a new one in place). */
export const replaceStep = (a: TrajectoryAnnotation, step: TrajectoryStep): TrajectoryAnnotation => {
  const index = a.newSteps.findIndex((s) => s.id === step.id);
  if (index >= 0) {
    const newSteps = a.newSteps.slice();
    newSteps[index] = step;
    return { ...a, newSteps };
  }
  return { ...a, editedSteps: { ...a.editedSteps, [step.id]: step } };
};

/** Drops the original steps after this one (and any new steps), ready for the expert's own. */
export const rewriteFrom = (a: TrajectoryAnnotation, stepId: string): TrajectoryAnnotation => ({ ...a, truncateAfterStepId: stepId, newSteps: [] });

/** Keeps the whole original run again. */
export const undoRewrite = (a: TrajectoryAnnotation): TrajectoryAnnotation => ({ ...a, truncateAfterStepId: null, newSteps: [] });

const nextNewId = (a: TrajectoryAnnotation): string => {
  const taken = new Set(a.newSteps.map((s) => s.id));
  let n = a.newSteps.length + 1;
  while (taken.has(`new-${n}`)) n += 1;
  return `new-${n}`;
};

export const addNewStep = (a: TrajectoryAnnotation): { annotation: TrajectoryAnnotation; id: string } => {
  const id = nextNewId(a);
  const step: TrajectoryStep = { id, thought: '', action: '', toolCalls: [], observation: '', observationChars: null, edits: [], elapsedSeconds: null, startedAt: null };
  return { annotation: { ...a, newSteps: [...a.newSteps, step] }, id };
};

export const removeNewStep = (a: TrajectoryAnnotation, stepId: string): TrajectoryAnnotation => ({ ...a, newSteps: a.newSteps.filter((s) => s.id !== stepId) });

export const setFinalPatch = (a: TrajectoryAnnotation, patch: string): TrajectoryAnnotation =>
  a.finalPatchEdited && a.finalPatch === patch ? a : { ...a, finalPatch: patch, finalPatchEdited: true };

import type { TrajectoryAnnotation, TrajectoryPayload, TrajectoryStep } from '../domain';

/** Where a step of the corrected run comes from. */
export type StepOrigin = 'original' | 'edited' | 'new';

export interface RunStep {
  step: TrajectoryStep;
  origin: StepOrigin;
  /** 1-based position in the corrected run. */
  number: number;
}

/** The run as the expert left it: edited steps in place, the tail after `truncateAfterStepId` replaced by new steps. */
export const effectiveSteps = (payload: TrajectoryPayload, annotation: TrajectoryAnnotation): RunStep[] => {
  let base = payload.steps;
  if (annotation.truncateAfterStepId !== null) {
    const cut = base.findIndex((s) => s.id === annotation.truncateAfterStepId);
    if (cut >= 0) base = base.slice(0, cut + 1);
  }
  const steps: RunStep[] = base.map((s) => {
    const edited = annotation.editedSteps[s.id];
    if (!edited) return { step: s, origin: 'original', number: 0 };
    // An edit made in the workspace copied the observation's head: against the whole run, keep the whole text.
    const whole = edited.observationChars !== null && s.observationChars === null ? { ...edited, observation: s.observation, observationChars: null } : edited;
    return { step: whole, origin: 'edited', number: 0 };
  });
  for (const s of annotation.newSteps) steps.push({ step: s, origin: 'new', number: 0 });
  return steps.map((s, i) => ({ ...s, number: i + 1 }));
};

/** The final patch: the expert's when they changed it (older drafts: any non-empty text), else the run's own. */
export const effectivePatch = (payload: TrajectoryPayload, annotation: TrajectoryAnnotation): string =>
  annotation.finalPatchEdited || annotation.finalPatch !== '' ? annotation.finalPatch : payload.patch;

/** True when the run or its patch differs from what was imported. */
export const runIsEdited = (payload: TrajectoryPayload, annotation: TrajectoryAnnotation): boolean =>
  Object.keys(annotation.editedSteps).length > 0 ||
  (annotation.truncateAfterStepId !== null && payload.steps.at(-1)?.id !== annotation.truncateAfterStepId) ||
  annotation.newSteps.length > 0 ||
  effectivePatch(payload, annotation) !== payload.patch;

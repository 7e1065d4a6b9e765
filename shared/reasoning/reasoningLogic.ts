import type { FinishReason, ReasoningAnnotation, ReasoningMode, ReasoningPayload, ReasoningStep, StepRating } from '../domain';

/** The task's mode; tasks written before modes existed are author tasks without steps, else first_error. */
export const modeOf = (payload: ReasoningPayload): ReasoningMode => payload.mode ?? (payload.modelSteps.length === 0 ? 'author' : 'first_error');

/** A fresh annotation for the task. */
export const startReasoningAnnotation = (payload: ReasoningPayload): ReasoningAnnotation => ({
  kind: 'reasoning',
  stepRatings: {},
  flaggedStepIds: [],
  firstErrorStepId: null,
  rewriteFromStepId: null,
  authoredSteps: modeOf(payload) === 'author' ? [{ id: 'mine-1', content: '' }] : [],
  finalAnswer: '',
  acknowledgedAnswer: null,
  finishReason: null,
  note: '',
  stepSeconds: {},
});

const indexOfStep = (payload: ReasoningPayload, id: string | null | undefined): number =>
  id == null ? -1 : payload.modelSteps.findIndex((s) => s.id === id);

/** The first model step rated -1, in the order of the steps. */
export const firstErrorOf = (payload: ReasoningPayload, ratings: Readonly<Record<string, StepRating>>): string | null =>
  payload.modelSteps.find((s) => ratings[s.id] === -1)?.id ?? null;

/**
 * Rates one model step (null clears it). In first_error mode rating stops at the first -1: ratings after it are
 * dropped, since those steps rest on a wrong result.
 */
export const rateStep = (payload: ReasoningPayload, a: ReasoningAnnotation, stepId: string, rating: StepRating | null): ReasoningAnnotation => {
  const at = indexOfStep(payload, stepId);
  if (at < 0) return a;
  const stepRatings: Record<string, StepRating> = { ...a.stepRatings };
  if (rating === null) delete stepRatings[stepId];
  else stepRatings[stepId] = rating;
  const firstErrorStepId = firstErrorOf(payload, stepRatings);
  if (modeOf(payload) === 'first_error' && firstErrorStepId !== null) {
    const cut = indexOfStep(payload, firstErrorStepId);
    for (const step of payload.modelSteps.slice(cut + 1)) delete stepRatings[step.id];
  }
  return { ...a, stepRatings, firstErrorStepId };
};

export const toggleFlag = (a: ReasoningAnnotation, stepId: string): ReasoningAnnotation => ({
  ...a,
  flaggedStepIds: a.flaggedStepIds.includes(stepId) ? a.flaggedStepIds.filter((id) => id !== stepId) : [...a.flaggedStepIds, stepId],
});

/** Whether the model step can be rated now: in first_error mode, not after the first error. */
export const isGradable = (payload: ReasoningPayload, a: ReasoningAnnotation, stepId: string): boolean => {
  const mode = modeOf(payload);
  if (mode === 'author') return false;
  const at = indexOfStep(payload, stepId);
  if (at < 0) return false;
  if (mode === 'grade') return true;
  const error = indexOfStep(payload, a.firstErrorStepId);
  return error < 0 || at <= error;
};

/** The model steps the expert's rewrite replaces (from the anchor on); empty without a rewrite. */
export const replacedSteps = (payload: ReasoningPayload, a: ReasoningAnnotation): ReasoningStep[] => {
  const from = indexOfStep(payload, a.rewriteFromStepId);
  return from < 0 ? [] : payload.modelSteps.slice(from);
};

/** The model steps kept as they are: before the rewrite, or all of them. */
export const keptSteps = (payload: ReasoningPayload, a: ReasoningAnnotation): ReasoningStep[] => {
  if (modeOf(payload) === 'author') return [];
  const from = indexOfStep(payload, a.rewriteFromStepId);
  return from < 0 ? payload.modelSteps : payload.modelSteps.slice(0, from);
};

/** The corrected solution: the model's steps before the rewrite, then the expert's. */
export const correctedSteps = (payload: ReasoningPayload, a: ReasoningAnnotation): ReasoningStep[] => [
  ...keptSteps(payload, a),
  ...a.authoredSteps,
];

export const hasRewrite = (payload: ReasoningPayload, a: ReasoningAnnotation): boolean =>
  modeOf(payload) === 'author' ? a.authoredSteps.length > 0 : a.rewriteFromStepId !== null && indexOfStep(payload, a.rewriteFromStepId) >= 0;

/** The answer the work ends on: the expert's, else (no rewrite) the model's. */
export const effectiveFinalAnswer = (payload: ReasoningPayload, a: ReasoningAnnotation): string => {
  if (a.finalAnswer.trim() !== '') return a.finalAnswer;
  return hasRewrite(payload, a) || modeOf(payload) === 'author' ? '' : (payload.modelAnswer ?? '');
};

/** What the finish reason is when the expert has not picked one: found_error once a step is rated -1, else solution. */
export const suggestedFinishReason = (payload: ReasoningPayload, a: ReasoningAnnotation): FinishReason =>
  modeOf(payload) !== 'author' && firstErrorOf(payload, a.stepRatings) !== null ? 'found_error' : 'solution';

export const finishReasonOf = (payload: ReasoningPayload, a: ReasoningAnnotation): FinishReason => a.finishReason ?? suggestedFinishReason(payload, a);

const nextAuthoredId = (a: ReasoningAnnotation): string => {
  const used = a.authoredSteps.map((s) => Number(/^mine-(\d+)$/.exec(s.id)?.[1] ?? 0));
  return `mine-${Math.max(0, ...used) + 1}`;
};

/**
 * Starts "rewrite from here": the expert's steps replace this model step and all after it. A first rewrite
 * starts from a copy of the step's text, to correct in place; an existing rewrite keeps its steps.
 */
export const startRewrite = (payload: ReasoningPayload, a: ReasoningAnnotation, stepId: string): ReasoningAnnotation => {
  const step = payload.modelSteps.find((s) => s.id === stepId);
  if (!step) return a;
  const authoredSteps = a.authoredSteps.length > 0 ? a.authoredSteps : [{ id: nextAuthoredId(a), content: step.content }];
  return { ...a, rewriteFromStepId: stepId, authoredSteps };
};

/** Drops the rewrite: the model's steps stand again. */
export const cancelRewrite = (a: ReasoningAnnotation): ReasoningAnnotation => ({ ...a, rewriteFromStepId: null, authoredSteps: [] });

export const updateAuthoredStep = (a: ReasoningAnnotation, id: string, content: string): ReasoningAnnotation => {
  const at = a.authoredSteps.findIndex((s) => s.id === id);
  if (at < 0 || a.authoredSteps[at]!.content === content) return a;
  const authoredSteps = a.authoredSteps.slice();
  authoredSteps[at] = { id, content };
  return { ...a, authoredSteps };
};

/** Inserts an empty step after `afterId` (at the start when null); answers the annotation and the new id. */
export const insertAuthoredStep = (a: ReasoningAnnotation, afterId: string | null, content = ''): { annotation: ReasoningAnnotation; id: string } => {
  const id = nextAuthoredId(a);
  const at = afterId === null ? 0 : a.authoredSteps.findIndex((s) => s.id === afterId) + 1;
  const authoredSteps = [...a.authoredSteps.slice(0, at), { id, content }, ...a.authoredSteps.slice(at)];
  return { annotation: { ...a, authoredSteps }, id };
};

/** Splits a step at a character offset: the text after it becomes a new step right below. */
export const splitAuthoredStep = (a: ReasoningAnnotation, id: string, offset: number): { annotation: ReasoningAnnotation; id: string } | null => {
  const step = a.authoredSteps.find((s) => s.id === id);
  if (!step) return null;
  const cut = Math.max(0, Math.min(offset, step.content.length));
  const before = step.content.slice(0, cut).replace(/\s+$/, '');
  const after = step.content.slice(cut).replace(/^\s+/, '');
  const inserted = insertAuthoredStep(updateAuthoredStep(a, id, before), id, after);
  return inserted;
};

/** Joins a step onto the one above it (a blank line between); answers the step that remains and where the join is. */
export const mergeWithPrevious = (a: ReasoningAnnotation, id: string): { annotation: ReasoningAnnotation; id: string; caret: number } | null => {
  const at = a.authoredSteps.findIndex((s) => s.id === id);
  if (at <= 0) return null;
  const previous = a.authoredSteps[at - 1]!;
  const current = a.authoredSteps[at]!;
  const glue = previous.content === '' || current.content === '' ? '' : '\n\n';
  const merged = { id: previous.id, content: `${previous.content}${glue}${current.content}` };
  const authoredSteps = [...a.authoredSteps.slice(0, at - 1), merged, ...a.authoredSteps.slice(at + 1)];
  const stepSeconds = { ...a.stepSeconds };
  if (stepSeconds[current.id] !== undefined) {
    stepSeconds[previous.id] = (stepSeconds[previous.id] ?? 0) + stepSeconds[current.id]!;
    delete stepSeconds[current.id];
  }
  return { annotation: { ...a, authoredSteps, stepSeconds }, id: previous.id, caret: previous.content.length + glue.length };
};

export const moveAuthoredStep = (a: ReasoningAnnotation, id: string, by: -1 | 1): ReasoningAnnotation => {
  const at = a.authoredSteps.findIndex((s) => s.id === id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= a.authoredSteps.length) return a;
  const authoredSteps = a.authoredSteps.slice();
  [authoredSteps[at], authoredSteps[to]] = [authoredSteps[to]!, authoredSteps[at]!];
  return { ...a, authoredSteps };
};

/** Deletes a step; the last step of a rewrite cannot go (cancel the rewrite instead). */
export const deleteAuthoredStep = (a: ReasoningAnnotation, id: string): ReasoningAnnotation => {
  if (a.authoredSteps.length <= 1 || !a.authoredSteps.some((s) => s.id === id)) return a;
  return { ...a, authoredSteps: a.authoredSteps.filter((s) => s.id !== id) };
};

/** Adds active seconds to a step (model or authored). */
export const addStepSeconds = (a: ReasoningAnnotation, stepId: string, seconds: number): ReasoningAnnotation => ({
  ...a,
  stepSeconds: { ...a.stepSeconds, [stepId]: (a.stepSeconds[stepId] ?? 0) + seconds },
});

export const totalStepSeconds = (a: ReasoningAnnotation): number => Object.values(a.stepSeconds).reduce((s, x) => s + x, 0);

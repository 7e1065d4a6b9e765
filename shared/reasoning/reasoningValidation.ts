import type { ReasoningAnnotation, ReasoningPayload } from '../domain';
import { wrongCalculations } from './calculator';
import { effectiveFinalAnswer, finishReasonOf, firstErrorOf, hasRewrite, isGradable, modeOf } from './reasoningLogic';

export interface ReasoningIssue {
  /** `stepRatings.<id>`, `authoredSteps`, `authoredSteps.<id>`, `finalAnswer`, `finishReason`, `note`. */
  field: string;
  code: string;
  message: string;
}

export interface ReasoningValidation {
  errors: ReasoningIssue[];
  /** Worth a look, never blocking; `answer_differs` needs an acknowledgement to submit. */
  warnings: ReasoningIssue[];
}

/**
 * What stops a submission, per mode: grade rates every step; first_error rates up to the first -1 and rewrites
 * from it; author writes at least one step; a final answer unless give_up or bad_problem; bad_problem says why.
 * `answerVerdict` is the answer check against the reference, when there is one.
 */
export const validateReasoning = (
  payload: ReasoningPayload,
  a: ReasoningAnnotation,
  answerVerdict: 'matches' | 'differs' | 'cannot_compare' | null = null,
): ReasoningValidation => {
  const errors: ReasoningIssue[] = [];
  const warnings: ReasoningIssue[] = [];
  const mode = modeOf(payload);
  const finish = finishReasonOf(payload, a);
  const stopsEarly = finish === 'give_up' || finish === 'bad_problem';
  const firstError = firstErrorOf(payload, a.stepRatings);

  if (!stopsEarly && mode !== 'author') {
    for (const [index, step] of payload.modelSteps.entries()) {
      if (!isGradable(payload, a, step.id)) break;
      if (a.stepRatings[step.id] === undefined) {
        errors.push({ field: `stepRatings.${step.id}`, code: 'unrated_step', message: `Rate step ${index + 1}` });
      }
    }
  }
  if (!stopsEarly && mode === 'first_error' && firstError !== null && !hasRewrite(payload, a)) {
    const index = payload.modelSteps.findIndex((s) => s.id === firstError);
    errors.push({ field: 'authoredSteps', code: 'rewrite_missing', message: `Step ${index + 1} is wrong: rewrite from it (r) before submitting` });
  }
  if (!stopsEarly && (mode === 'author' || hasRewrite(payload, a)) && a.authoredSteps.every((s) => s.content.trim() === '')) {
    errors.push({ field: 'authoredSteps', code: 'empty_solution', message: mode === 'author' ? 'Write the solution, one step at a time' : 'Your rewrite is empty' });
  }
  if (!stopsEarly && a.authoredSteps.length > 1) {
    a.authoredSteps.forEach((s, i) => {
      if (s.content.trim() === '') errors.push({ field: `authoredSteps.${s.id}`, code: 'empty_step', message: `Your step ${i + 1} is empty: write it or delete it` });
    });
  }
  if (finish === 'found_error' && firstError === null) {
    errors.push({ field: 'finishReason', code: 'no_error_marked', message: 'Found error needs a step rated −1' });
  }
  if (finish === 'solution' && firstError !== null && mode === 'first_error') {
    errors.push({ field: 'finishReason', code: 'solution_with_error', message: 'A step is rated −1: finish with found error' });
  }
  if (!stopsEarly && effectiveFinalAnswer(payload, a).trim() === '') {
    errors.push({ field: 'finalAnswer', code: 'answer_missing', message: 'Give the final answer' });
  }
  if (finish === 'bad_problem' && a.note.trim() === '') {
    errors.push({ field: 'note', code: 'note_missing', message: 'Say what is wrong with the problem' });
  }
  if (!stopsEarly && answerVerdict === 'differs' && a.acknowledgedAnswer !== effectiveFinalAnswer(payload, a)) {
    warnings.push({ field: 'finalAnswer', code: 'answer_differs', message: 'The final answer differs from the reference: confirm it to submit' });
  }
  a.authoredSteps.forEach((s, i) => {
    for (const c of wrongCalculations(s.content)) {
      warnings.push({ field: `authoredSteps.${s.id}`, code: 'wrong_calculation', message: `Your step ${i + 1}: ${c.expression} is ${c.computed ?? '?'}, not ${c.stated}` });
    }
  });
  return { errors, warnings };
};

/** Whether the work can be submitted: no errors, and every warning that needs it acknowledged. */
export const canSubmitReasoning = (v: ReasoningValidation): boolean => v.errors.length === 0 && !v.warnings.some((w) => w.code === 'answer_differs');

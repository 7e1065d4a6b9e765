import { describe, expect, it } from 'vitest';
import { annotationSchema, draftSchema, reasoningPayloadSchema, taskSchema, type ReasoningAnnotation } from '@shared/domain';
import { demoTasks } from '@shared/demo';
import {
  canSubmitReasoning,
  correctedSteps,
  deleteAuthoredStep,
  finishReasonOf,
  insertAuthoredStep,
  isGradable,
  mergeWithPrevious,
  modeOf,
  moveAuthoredStep,
  rateStep,
  splitAuthoredStep,
  startReasoningAnnotation,
  startRewrite,
  validateReasoning,
} from '@shared/reasoning';

const payload = reasoningPayloadSchema.parse({
  kind: 'reasoning',
  mode: 'first_error',
  problem: 'p',
  modelSteps: [1, 2, 3, 4, 5].map((n) => ({ id: `s${n}`, content: `step ${n}` })),
  modelAnswer: '7',
  referenceAnswer: '8',
});
const grade = { ...payload, mode: 'grade' as const };

describe('migrating old reasoning drafts and tasks', () => {
  it('an old draft (before modes and rewrite anchors) opens, its rewrite anchored at the first error', () => {
    const old = {
      taskId: 't',
      revision: 3,
      savedAt: '2026-11-20T10:00:00.000Z',
      annotation: { kind: 'reasoning', stepRatings: { s1: 1, s2: -1 }, firstErrorStepId: 's2', authoredSteps: [{ id: 'w1', content: 'fixed' }], finalAnswer: '8', finishReason: 'found_error' },
    };
    const draft = draftSchema.parse(old);
    const a = draft.annotation as ReasoningAnnotation;
    expect(a.rewriteFromStepId).toBe('s2');
    expect(a.flaggedStepIds).toEqual([]);
    expect(a.stepSeconds).toEqual({});
    expect(a.acknowledgedAnswer).toBeNull();
    expect(correctedSteps(payload, a).map((s) => s.content)).toEqual(['step 1', 'fixed']);
  });

  it('an old draft without a rewrite has none; a saved anchor is kept as it is', () => {
    expect((annotationSchema.parse({ kind: 'reasoning', stepRatings: { s1: 1 } }) as ReasoningAnnotation).rewriteFromStepId).toBeNull();
    const kept = annotationSchema.parse({ kind: 'reasoning', firstErrorStepId: 's2', rewriteFromStepId: 's1', authoredSteps: [{ id: 'w', content: 'x' }] }) as ReasoningAnnotation;
    expect(kept.rewriteFromStepId).toBe('s1');
  });

  it('an old task without a mode opens as first_error with steps, author without; the reference stays hidden by default', () => {
    const old = taskSchema.parse({ id: 'x', project: 'P', title: 'T', payload: { kind: 'reasoning', problem: 'p', modelSteps: [{ id: 'a', content: 'b' }], referenceAnswer: '1' } });
    expect(old.payload.kind === 'reasoning' && modeOf(old.payload)).toBe('first_error');
    expect(old.payload.kind === 'reasoning' && old.payload.showReference).toBe(false);
    expect(modeOf(reasoningPayloadSchema.parse({ kind: 'reasoning', problem: 'p' }))).toBe('author');
    expect(demoTasks.every((t) => taskSchema.safeParse(t).success)).toBe(true);
  });
});

describe('rating', () => {
  it('first_error: rating stops at the first -1 and later ratings are dropped; clearing the -1 reopens them', () => {
    let a = startReasoningAnnotation(payload);
    a = rateStep(payload, a, 's1', 1);
    a = rateStep(payload, a, 's2', 1);
    a = rateStep(payload, a, 's3', 1);
    a = rateStep(payload, a, 's2', -1);
    expect(a.stepRatings).toEqual({ s1: 1, s2: -1 });
    expect(a.firstErrorStepId).toBe('s2');
    expect(isGradable(payload, a, 's3')).toBe(false);
    expect(finishReasonOf(payload, a)).toBe('found_error');
    a = rateStep(payload, a, 's2', null);
    expect(a.firstErrorStepId).toBeNull();
    expect(isGradable(payload, a, 's3')).toBe(true);
  });

  it('grade: every step stays gradable after a -1', () => {
    let a = rateStep(grade, startReasoningAnnotation(grade), 's1', -1);
    a = rateStep(grade, a, 's3', 1);
    expect(a.stepRatings).toEqual({ s1: -1, s3: 1 });
    expect(isGradable(grade, a, 's5')).toBe(true);
  });
});

describe('authored steps', () => {
  const base = (): ReasoningAnnotation => ({ ...startRewrite(payload, startReasoningAnnotation(payload), 's2') });

  it('rewrite from here starts from a copy of the step, and keeps an existing rewrite when moved', () => {
    const a = base();
    expect(a.rewriteFromStepId).toBe('s2');
    expect(a.authoredSteps).toEqual([{ id: 'mine-1', content: 'step 2' }]);
    expect(startRewrite(payload, a, 's3').authoredSteps).toBe(a.authoredSteps);
  });

  it('new, split at the cursor, merge with the previous, move and delete', () => {
    let a = base();
    a = { ...a, authoredSteps: [{ id: 'mine-1', content: 'first part. second part' }] };
    const split = splitAuthoredStep(a, 'mine-1', 12)!;
    expect(split.annotation.authoredSteps.map((s) => s.content)).toEqual(['first part.', 'second part']);
    const inserted = insertAuthoredStep(split.annotation, split.id, 'third');
    expect(inserted.annotation.authoredSteps.map((s) => s.content)).toEqual(['first part.', 'second part', 'third']);
    const moved = moveAuthoredStep(inserted.annotation, inserted.id, -1);
    expect(moved.authoredSteps.map((s) => s.content)).toEqual(['first part.', 'third', 'second part']);
    expect(moveAuthoredStep(moved, 'mine-1', -1)).toBe(moved);
    const merged = mergeWithPrevious({ ...moved, stepSeconds: { [inserted.id]: 4, 'mine-1': 1 } }, inserted.id)!;
    expect(merged.annotation.authoredSteps.map((s) => s.content)).toEqual(['first part.\n\nthird', 'second part']);
    expect(merged.caret).toBe('first part.\n\n'.length);
    expect(merged.annotation.stepSeconds).toEqual({ 'mine-1': 5 });
    expect(mergeWithPrevious(merged.annotation, 'mine-1')).toBeNull();
    const deleted = deleteAuthoredStep(merged.annotation, 'mine-1');
    expect(deleted.authoredSteps.map((s) => s.content)).toEqual(['second part']);
    expect(deleteAuthoredStep(deleted, deleted.authoredSteps[0]!.id)).toBe(deleted);
  });
});

describe('validation per mode, at the field', () => {
  it('first_error: unrated steps before the error, then a missing rewrite, then a missing answer', () => {
    let a = startReasoningAnnotation(payload);
    expect(validateReasoning(payload, a).errors.map((e) => e.field)).toEqual(['stepRatings.s1', 'stepRatings.s2', 'stepRatings.s3', 'stepRatings.s4', 'stepRatings.s5']);
    a = rateStep(payload, rateStep(payload, a, 's1', 1), 's2', -1);
    expect(validateReasoning(payload, a).errors.map((e) => e.code)).toEqual(['rewrite_missing']);
    a = startRewrite(payload, a, 's2');
    expect(validateReasoning(payload, a).errors.map((e) => e.code)).toEqual(['answer_missing']);
    a = { ...a, finalAnswer: '8' };
    expect(canSubmitReasoning(validateReasoning(payload, a, 'matches'))).toBe(true);
  });

  it('a differing answer needs an acknowledgement of that very answer', () => {
    let a = { ...startRewrite(payload, rateStep(payload, startReasoningAnnotation(payload), 's1', -1), 's1'), finalAnswer: '9' };
    expect(canSubmitReasoning(validateReasoning(payload, a, 'differs'))).toBe(false);
    a = { ...a, acknowledgedAnswer: '9' };
    expect(canSubmitReasoning(validateReasoning(payload, a, 'differs'))).toBe(true);
    expect(canSubmitReasoning(validateReasoning(payload, { ...a, finalAnswer: '10' }, 'differs'))).toBe(false);
  });

  it('grade: every step rated; the model answer stands in without a rewrite; give_up needs nothing more; bad_problem needs a note', () => {
    let a = startReasoningAnnotation(grade);
    for (const id of ['s1', 's2', 's3', 's4', 's5']) a = rateStep(grade, a, id, 1);
    expect(validateReasoning(grade, a, 'differs').warnings.map((w) => w.code)).toEqual(['answer_differs']);
    expect(validateReasoning(grade, a).errors).toEqual([]);
    const fresh = startReasoningAnnotation(grade);
    expect(validateReasoning(grade, { ...fresh, finishReason: 'give_up' }).errors).toEqual([]);
    expect(validateReasoning(grade, { ...fresh, finishReason: 'bad_problem' }).errors.map((e) => e.field)).toEqual(['note']);
    expect(validateReasoning(grade, { ...fresh, finishReason: 'found_error' }).errors.map((e) => e.field)).toContain('finishReason');
  });

  it('author: at least one written step, no empty ones, and a wrong calculator annotation is a warning on the step', () => {
    const author = reasoningPayloadSchema.parse({ kind: 'reasoning', problem: 'p' });
    const a = startReasoningAnnotation(author);
    expect(validateReasoning(author, a).errors.map((e) => e.code)).toEqual(['empty_solution', 'answer_missing']);
    const written = { ...a, authoredSteps: [{ id: 'mine-1', content: 'So 2*3=<<2*3=7>>7.' }, { id: 'mine-2', content: ' ' }], finalAnswer: '7' };
    const v = validateReasoning(author, written);
    expect(v.errors.map((e) => e.field)).toEqual(['authoredSteps.mine-2']);
    expect(v.warnings.map((w) => w.field)).toEqual(['authoredSteps.mine-1']);
  });
});

import { describe, expect, it } from 'vitest';
import { annotationSchema, type ReasoningAnnotation, type ReasoningPayload, type Result, type Task } from '@shared/domain';
import { demoTasks } from '@shared/demo';
import { exportAnnotations } from '@shared/formats/exportAnnotations';
import { parseCanonicalAnnotationJsonl, toCanonicalAnnotationJsonl } from '@shared/formats/preference';
import { toPrm800kJsonl, toReasoningDpoJsonl, toSftChatJsonl, toTrlStepwiseJsonl, type Prm800kRecord, type StepwiseLine } from '@shared/formats/reasoning/exporters';
import { importPrm800k } from '@shared/formats/reasoning/prm800k';
import { rateStep, startReasoningAnnotation, startRewrite } from '@shared/reasoning';

const valueOf = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const lines = <T>(text: string): T[] => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);

const demo = demoTasks.find((t) => t.payload.kind === 'reasoning') as Task & { payload: ReasoningPayload };
const payload = demo.payload;
const REWRITE = ['Add $2024^2$: $(m-2024)(n-2024) = 2024^2$.', 'So pairs match divisors of $2^6 \\cdot 11^2 \\cdot 23^2$.', 'There are $\\boxed{63}$.'];

/** The browser test's flow, as data: +1 on steps 1-3, -1 (flagged) on 4, a three-step rewrite, answer 63. */
const graded = (): ReasoningAnnotation => {
  let a = startReasoningAnnotation(payload);
  for (const [id, r] of [['step-1', 1], ['step-2', 1], ['step-3', 0], ['step-4', -1]] as const) a = rateStep(payload, a, id, r);
  a = startRewrite(payload, a, 'step-4');
  return {
    ...a,
    flaggedStepIds: ['step-4'],
    authoredSteps: REWRITE.map((content, i) => ({ id: `mine-${i + 1}`, content })),
    finalAnswer: '63',
    finishReason: 'found_error',
    stepSeconds: { 'step-1': 3, 'step-4': 20, 'mine-1': 40 },
  };
};
const items = () => [{ task: demo, annotation: graded() }];

describe('PRM800K-shaped labels', () => {
  it('writes the steps with ratings, the human completion, finish_reason and total_time in ms', () => {
    const [record] = lines<Prm800kRecord>(valueOf(toPrm800kJsonl(items())));
    expect(record!.question.pre_generated_steps).toEqual(payload.modelSteps.map((s) => s.content));
    expect(record!.label.steps.map((s) => s.completions[0]?.rating ?? null)).toEqual([1, 1, 0, -1, null, null]);
    expect(record!.label.steps[3]).toEqual({ completions: [{ text: payload.modelSteps[3]!.content, rating: -1, flagged: true }], human_completion: REWRITE[0], chosen_completion: null });
    expect(record!.label.steps.slice(4).map((s) => s.human_completion)).toEqual(REWRITE.slice(1));
    expect(record!.label.finish_reason).toBe('found_error');
    expect(record!.label.total_time).toBe(63_000);
  });

  it('round-trips through the PRM800K importer: problem, steps, reference, ratings as prior labels, finish reason, time', () => {
    const [task] = valueOf(importPrm800k(valueOf(toPrm800kJsonl(items()))));
    const p = task!.payload as ReasoningPayload;
    expect(p.problem).toBe(payload.problem);
    expect(p.modelSteps).toEqual(payload.modelSteps);
    expect(p.referenceAnswer).toBe(payload.referenceAnswer);
    expect(p.modelAnswer).toBe(payload.modelAnswer);
    expect(p.priorLabels?.steps.slice(0, 4).map((s) => [s.stepId, s.rating, s.flagged])).toEqual([
      ['step-1', 1, false],
      ['step-2', 1, false],
      ['step-3', 0, false],
      ['step-4', -1, true],
    ]);
    expect(p.priorLabels?.finishReason).toBe('found_error');
    expect(p.priorLabels?.totalTimeMs).toBe(63_000);
  });
});

describe('TRL stepwise supervision', () => {
  it('gives the rated model steps with booleans (0 counts as true by default), then the corrected solution', () => {
    const [model, corrected] = lines<StepwiseLine>(valueOf(toTrlStepwiseJsonl(items())));
    expect(model).toEqual({ prompt: payload.problem, completions: payload.modelSteps.slice(0, 4).map((s) => s.content), labels: [true, true, true, false] });
    expect(corrected).toEqual({ prompt: payload.problem, completions: [...payload.modelSteps.slice(0, 3).map((s) => s.content), ...REWRITE], labels: [true, true, true, true, true, true] });
    const [strict] = lines<StepwiseLine>(valueOf(toTrlStepwiseJsonl(items(), { neutral: false })));
    expect(strict!.labels).toEqual([true, true, false, false]);
  });

  it('every line has one boolean label per completion (the shape TRL checks)', () => {
    for (const line of lines<StepwiseLine>(valueOf(toTrlStepwiseJsonl(items())))) {
      expect(typeof line.prompt).toBe('string');
      expect(line.labels).toHaveLength(line.completions.length);
      expect(line.labels.every((l) => typeof l === 'boolean')).toBe(true);
    }
  });
});

describe('SFT chat and DPO', () => {
  it('SFT: the problem, then the corrected solution (model steps before the error, the expert steps)', () => {
    const [line] = lines<{ messages: { role: string; content: string }[] }>(valueOf(toSftChatJsonl(items())));
    expect(line!.messages[0]).toEqual({ role: 'user', content: payload.problem });
    expect(line!.messages[1]!.content).toBe([...payload.modelSteps.slice(0, 3).map((s) => s.content.trim()), ...REWRITE].join('\n\n'));
  });

  it('DPO: chosen is the corrected solution, rejected the original; nothing for a task without a rewrite', () => {
    const [line] = lines<{ prompt: unknown[]; chosen: { content: string }[]; rejected: { content: string }[] }>(valueOf(toReasoningDpoJsonl(items())));
    expect(line!.prompt).toEqual([{ role: 'user', content: payload.problem }]);
    expect(line!.chosen[0]!.content).toContain(REWRITE[2]);
    expect(line!.rejected[0]!.content).toContain(payload.modelSteps[3]!.content.trim());
    expect(line!.rejected[0]!.content).not.toContain(REWRITE[0]);
    const untouched = startReasoningAnnotation(payload);
    expect(valueOf(toReasoningDpoJsonl([{ task: demo, annotation: untouched }]))).toBe('');
    expect(valueOf(toSftChatJsonl([{ task: demo, annotation: { ...graded(), finishReason: 'give_up' } }]))).toBe('');
  });
});

describe('canonical annotations and the export entry point', () => {
  it('the canonical file round-trips the reasoning annotation losslessly', () => {
    const text = toCanonicalAnnotationJsonl([{ taskId: demo.id, annotation: graded() }]);
    expect(valueOf(parseCanonicalAnnotationJsonl(text))).toEqual([{ taskId: demo.id, annotation: graded() }]);
  });

  it('exportAnnotations writes the reasoning formats from reasoning tasks only', () => {
    const ranking = demoTasks.find((t) => t.payload.kind === 'ranking')!;
    const mixed = [...items(), { task: ranking, annotation: annotationSchema.parse({ kind: 'ranking', displayOrder: [] }) }];
    for (const format of ['prm800k-jsonl', 'trl-stepwise-jsonl', 'sft-chat-jsonl', 'reasoning-dpo-jsonl'] as const) {
      const file = valueOf(exportAnnotations(mixed, format, '2026-11-30'));
      expect(file.tasks).toBe(1);
      expect(file.fileName).toMatch(/^reasoning\..*\.2026-11-30\.jsonl$/);
      expect(file.text.endsWith('\n')).toBe(true);
    }
  });
});

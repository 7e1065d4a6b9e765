import { describe, expect, it } from 'vitest';
import { annotationSchema, rankingAnnotationSchema, type Task } from '@shared/domain';
import { demoTasks } from '@shared/demo';
import { exportAnnotations } from '@shared/formats/exportAnnotations';

const ranking = demoTasks.find((t) => t.payload.kind === 'ranking') as Task & { payload: { kind: 'ranking' } };
const reasoning = demoTasks.find((t) => t.payload.kind === 'reasoning')!;
const [a, b, c] = ranking.payload.responses.map((r) => r.id) as [string, string, string];
const annotation = rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: [c, a, b], ranks: { [c]: 1, [a]: 2, [b]: 2 }, justification: 'C is right' });

describe('exportAnnotations', () => {
  it('writes one DPO line per ordered pair the ranking implies, with prompt, chosen, rejected and margin', () => {
    const result = exportAnnotations([{ task: ranking, annotation }], 'dpo-jsonl', '2026-11-23');
    if (!result.ok) throw new Error(result.error.message);
    const lines = result.value.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['chosen', 'margin', 'prompt', 'rejected']);
      expect(line.margin).toBe(1);
      expect(line.chosen).toEqual([{ role: 'assistant', content: ranking.payload.responses.find((r) => r.id === c)!.content }]);
    }
    expect(result.value.fileName).toBe('preferences.dpo.2026-11-23.jsonl');
    expect(result.value.tasks).toBe(1);
  });

  it('leaves non-ranking work out of preference files but keeps it in the canonical file', () => {
    const reasoningAnnotation = annotationSchema.parse({ kind: 'reasoning', stepRatings: {}, firstErrorStepId: null, authoredSteps: [], finalAnswer: '63', finishReason: 'solution' });
    const items = [
      { task: ranking, annotation },
      { task: reasoning, annotation: reasoningAnnotation },
    ];
    const dpo = exportAnnotations(items, 'dpo-jsonl', 'x');
    const canonical = exportAnnotations(items, 'canonical-annotations-jsonl', 'x');
    expect(dpo.ok && dpo.value.tasks).toBe(1);
    expect(canonical.ok && canonical.value.text.trim().split('\n')).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import { annotationSchema, rankingAnnotationSchema } from '@shared/domain';
import { parseCanonicalAnnotationJsonl, toCanonicalAnnotationJsonl, type TaskAnnotation } from '@shared/formats/preference';

const full: TaskAnnotation = {
  taskId: 'task-1',
  annotation: rankingAnnotationSchema.parse({
    kind: 'ranking',
    displayOrder: ['r3', 'r1', 'r2'],
    ranks: { r1: 1, r2: 1, r3: 2 },
    graded: null,
    ratings: { r1: { correct: 7, helpful: 6 }, r2: { correct: 6, helpful: 6 }, r3: { correct: 2, helpful: 1 } },
    flags: { allBad: false, notRankable: false },
    spans: [{ id: 's1', responseId: 'r3', start: 3, end: 17, label: 'hallucination', comment: 'Invented "\u2028" citation ✓ 😀' }],
    justification: 'A and B are both right;\nC cites [s1], a made-up paper.',
  }),
};
const pair: TaskAnnotation = {
  taskId: 'task-2',
  annotation: rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: ['b', 'a'], graded: -3, ranks: { b: 1, a: 2 } }),
};
const flagged: TaskAnnotation = {
  taskId: 'task-3',
  annotation: rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: ['x', 'y'], flags: { allBad: false, notRankable: true }, justification: 'Both empty.' }),
};
const reasoning: TaskAnnotation = { taskId: 'task-4', annotation: annotationSchema.parse({ kind: 'reasoning' }) };

describe('canonical annotation JSONL', () => {
  it('round trips losslessly, value and text', () => {
    const items = [full, pair, flagged, reasoning];
    const text = toCanonicalAnnotationJsonl(items);
    expect(text.split('\n')).toHaveLength(5);
    expect(text.endsWith('\n')).toBe(true);
    const parsed = parseCanonicalAnnotationJsonl(text);
    expect(parsed).toEqual({ ok: true, value: items });
    expect(parsed.ok ? toCanonicalAnnotationJsonl(parsed.value) : null).toBe(text);
    expect(parseCanonicalAnnotationJsonl(toCanonicalAnnotationJsonl([]))).toEqual({ ok: true, value: [] });
  });

  it('reads CRLF, a BOM and blank lines', () => {
    const text = `\uFEFF${toCanonicalAnnotationJsonl([full, pair]).replaceAll('\n', '\r\n')}\r\n\r\n`;
    expect(parseCanonicalAnnotationJsonl(text)).toEqual({ ok: true, value: [full, pair] });
  });

  it('a bad line names the line and the field and reads nothing', () => {
    const lines = toCanonicalAnnotationJsonl([full, pair, flagged]).trim().split('\n');
    lines[1] = lines[1]?.replace('"graded":-3', '"graded":5') ?? '';
    const result = parseCanonicalAnnotationJsonl(lines.join('\n'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('Line 2: annotation.graded: expected at most 3');
    expect(result.error.detail).toBe('line 2, field annotation.graded');
  });

  it('refuses a missing task id, a second annotation for a task, and broken JSON', () => {
    const noId = parseCanonicalAnnotationJsonl(JSON.stringify({ annotation: pair.annotation }));
    expect(noId.ok ? null : noId.error.message).toBe('Line 1: taskId: required field is missing');
    const dup = parseCanonicalAnnotationJsonl(toCanonicalAnnotationJsonl([pair, pair]));
    expect(dup.ok ? null : dup.error.detail).toBe('line 2, field taskId');
    const broken = parseCanonicalAnnotationJsonl(`${toCanonicalAnnotationJsonl([pair])}{"taskId":`);
    expect(broken.ok ? null : broken.error.detail).toBe('line 2');
  });
});

import { describe, expect, it } from 'vitest';
import { annotationSchema } from '../../../shared/domain';
import { fieldDiff, fieldLabel, fieldValueText } from '../../../shared/review';

describe('fieldDiff', () => {
  it('lists each changed, added and removed leaf with its path and both values', () => {
    const before = { kind: 'reasoning', stepRatings: { s1: 1, s2: 1 }, finalAnswer: '42', authoredSteps: [{ id: 'a1', content: 'x' }] };
    const after = { kind: 'reasoning', stepRatings: { s1: 1, s2: -1, s3: 0 }, finalAnswer: '43', authoredSteps: [] };
    expect(fieldDiff(before, after)).toEqual([
      // A removed item is one change, whole.
      { path: 'authoredSteps[0]', before: { id: 'a1', content: 'x' }, after: undefined },
      { path: 'finalAnswer', before: '42', after: '43' },
      { path: 'stepRatings.s2', before: 1, after: -1 },
      { path: 'stepRatings.s3', before: undefined, after: 0 },
    ]);
  });

  it('is empty for equal judgements and treats a type change as one change', () => {
    expect(fieldDiff({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
    expect(fieldDiff({ a: { b: 1 } }, { a: 'text' })).toEqual([{ path: 'a', before: { b: 1 }, after: 'text' }]);
  });

  it('writes values as text for the table', () => {
    expect([fieldValueText('plain <b>'), fieldValueText(3), fieldValueText(undefined), fieldValueText({ a: 1 })]).toEqual(['plain <b>', '3', '—', '{"a":1}']);
  });
});

describe('fieldLabel', () => {
  it('names a ranking response by the blind label the expert saw, and leaves other paths alone', () => {
    const ranking = annotationSchema.parse({ kind: 'ranking', displayOrder: ['r2', 'r9', 'r1'] });
    expect(fieldLabel('ratings.r1.correctness', ranking)).toBe('ratings.Response C.correctness');
    expect(fieldLabel('ranks.r2', ranking)).toBe('ranks.Response A');
    expect(fieldLabel('ranks.unknown', ranking)).toBe('ranks.unknown');
    expect(fieldLabel('justification', ranking)).toBe('justification');
    const reasoning = annotationSchema.parse({ kind: 'reasoning' });
    expect(fieldLabel('stepRatings.r1', reasoning)).toBe('stepRatings.r1');
  });
});

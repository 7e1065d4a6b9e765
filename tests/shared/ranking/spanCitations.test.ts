import { describe, expect, it } from 'vitest';
import { rankingAnnotationSchema, rankingPayloadSchema, type RankingAnnotation } from '@shared/domain';
import { addHighlight, removeHighlight, spanCitations, staleCitations, validateRanking } from '@shared/ranking';

const payload = rankingPayloadSchema.parse({
  kind: 'ranking',
  conversation: [{ role: 'user', content: 'Explain recursion.' }],
  responses: [
    { id: 'r1', content: 'Recursion is a function calling itself until a base case stops it.' },
    { id: 'r2', content: 'Recursion means looping forever.' },
  ],
});
const empty = rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: ['r1', 'r2'], graded: -2, justification: '' });
const span = (id: string, responseId: string, start: number) => ({ id, responseId, start, end: start + 5, label: 'error', comment: '' });
const names = (a: RankingAnnotation) => a.spans.map((s) => spanCitations(a).get(s.id));

/** A draft with highlights A1, A2, A3 on the first response and B1 on the second. */
const withThree = (): RankingAnnotation =>
  [span('x', 'r1', 0), span('y', 'r1', 10), span('z', 'r1', 20), span('w', 'r2', 0)].reduce(addHighlight, {
    ...empty,
    justification: 'A is right: [A1] is the definition, [A2] and [A3] add the base case; [B1] is wrong.',
  });

describe('citation names', () => {
  it('names highlights by blind label and number as they are added', () => {
    expect(names(withThree())).toEqual(['A1', 'A2', 'A3', 'B1']);
  });

  it('keeps A2 and A3 when A1 is removed, and flags the justification\'s [A1]', () => {
    const after = removeHighlight(withThree(), 'x');
    expect(names(after)).toEqual(['A2', 'A3', 'B1']);
    expect(staleCitations(after)).toEqual([{ name: 'A1', offsets: [after.justification.indexOf('[A1]')], removed: true }]);
    const { errors } = validateRanking(payload, after);
    expect(errors).toContainEqual(expect.objectContaining({ code: 'citation_removed', field: 'justification.citations' }));
    expect(errors.find((e) => e.code === 'citation_removed')?.message).toContain('[A1]');
    // Before the removal nothing was stale.
    expect(validateRanking(payload, withThree()).errors.map((e) => e.code)).not.toContain('citation_removed');
  });

  it('never gives a removed name again, even to the next highlight of the same response', () => {
    const after = addHighlight(removeHighlight(withThree(), 'z'), span('v', 'r1', 30));
    expect(names(after)).toEqual(['A1', 'A2', 'B1', 'A4']);
    expect(staleCitations(after).map((c) => c.name)).toEqual(['A3']);
  });

  it('keeps the names through a save and load (the stored JSON)', () => {
    const stored = JSON.parse(JSON.stringify(removeHighlight(withThree(), 'x'))) as unknown;
    const loaded = rankingAnnotationSchema.parse(stored);
    expect(names(loaded)).toEqual(['A2', 'A3', 'B1']);
    expect(names(addHighlight(loaded, span('u', 'r1', 40)))).toEqual(['A2', 'A3', 'B1', 'A4']);
  });

  it('gives an old draft without stored names the names it was shown with, then keeps them', () => {
    const old = {
      kind: 'ranking',
      displayOrder: ['r2', 'r1'],
      spans: [span('p', 'r1', 0), span('q', 'r2', 0), span('s', 'r1', 10)],
      justification: 'See [B2].',
    };
    const migrated = rankingAnnotationSchema.parse(old);
    expect(migrated.spans.map((s) => s.name)).toEqual(['B1', 'A1', 'B2']);
    expect(migrated.citationCounters).toEqual({ A: 1, B: 2 });
    expect(names(removeHighlight(migrated, 'p'))).toEqual(['A1', 'B2']);
  });

  it('tells a citation that never named a highlight from a removed one, as a warning', () => {
    const a = { ...withThree(), justification: '[A9] and [C1] are not highlights.' };
    expect(staleCitations(a).map((c) => [c.name, c.removed])).toEqual([
      ['A9', false],
      ['C1', false],
    ]);
    const { errors, warnings } = validateRanking(payload, a);
    expect(errors.map((e) => e.code)).not.toContain('citation_removed');
    expect(warnings.map((w) => w.code)).toContain('citation_unknown');
  });

  it('renames a duplicated stored name instead of letting two highlights share it', () => {
    const parsed = rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: ['r1', 'r2'], spans: [{ ...span('a', 'r1', 0), name: 'A1' }, { ...span('b', 'r1', 9), name: 'A1' }] });
    expect(parsed.spans.map((s) => s.name)).toEqual(['A1', 'A2']);
  });
});

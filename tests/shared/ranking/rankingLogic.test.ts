import { describe, expect, it } from 'vitest';
import { rankingAnnotationSchema, rankingPayloadSchema, type RankingAnnotation } from '@shared/domain';
import {
  blindOrder,
  clearRank,
  gradedDirectionOfRanks,
  gradedToRanks,
  normalizeRanks,
  pairwisePreferences,
  ranksFromTiers,
  setGraded,
  setRank,
  startRankingAnnotation,
  tiersFromRanks,
} from '@shared/ranking';

const annotation = (fields: Partial<RankingAnnotation> & { displayOrder: string[] }): RankingAnnotation => rankingAnnotationSchema.parse({ kind: 'ranking', ...fields });

describe('ranks with ties', () => {
  it('sets and clears ranks without touching the input; equal ranks are a tie', () => {
    const empty = annotation({ displayOrder: ['a', 'b', 'c'] });
    const ranked = setRank(setRank(setRank(empty, 'a', 2), 'b', 1), 'c', 2);
    expect(ranked.ranks).toEqual({ a: 2, b: 1, c: 2 });
    expect(empty.ranks).toEqual({});
    expect(clearRank(ranked, 'a').ranks).toEqual({ b: 1, c: 2 });
    expect(() => setRank(empty, 'a', 0)).toThrow(RangeError);
    expect(() => setRank(empty, 'a', 1.5)).toThrow(RangeError);
  });

  it('keeps raw ranks while editing: a 3 typed first stays 3', () => {
    expect(setRank(annotation({ displayOrder: ['a', 'b', 'c'] }), 'c', 3).ranks).toEqual({ c: 3 });
  });
});

describe('normalizeRanks (dense)', () => {
  it('closes gaps and keeps ties: competition 1,1,3 becomes dense 1,1,2', () => {
    expect(normalizeRanks({ a: 1, b: 1, c: 3 })).toEqual({ a: 1, b: 1, c: 2 });
    expect(normalizeRanks({ a: 4, b: 2, c: 9, d: 2 })).toEqual({ a: 2, b: 1, c: 3, d: 1 });
    expect(normalizeRanks({})).toEqual({});
  });

  it('is idempotent', () => {
    const once = normalizeRanks({ a: 5, b: 7, c: 5 });
    expect(normalizeRanks(once)).toEqual(once);
  });
});

describe('tiers', () => {
  it('groups tied responses in display order and converts back', () => {
    const tiers = tiersFromRanks({ a: 3, b: 1, c: 3, d: 2 }, ['c', 'a', 'b', 'd', 'unranked']);
    expect(tiers).toEqual([['b'], ['d'], ['c', 'a']]);
    expect(ranksFromTiers(tiers)).toEqual({ b: 1, d: 2, c: 3, a: 3 });
    expect(ranksFromTiers([['a'], [], ['b', 'c']])).toEqual({ a: 1, b: 2, c: 2 });
  });
});

describe('pairwisePreferences', () => {
  it('3 responses with a tie give 2 pairs', () => {
    expect(pairwisePreferences(annotation({ displayOrder: ['a', 'b', 'c'], ranks: { a: 1, b: 1, c: 2 } }))).toEqual([
      { chosen: 'a', rejected: 'c', margin: 1 },
      { chosen: 'b', rejected: 'c', margin: 1 },
    ]);
  });

  it('4 strictly ranked responses give 6 pairs with rank-difference margins', () => {
    const pairs = pairwisePreferences(annotation({ displayOrder: ['w', 'x', 'y', 'z'], ranks: { x: 1, z: 2, w: 3, y: 4 } }));
    expect(pairs).toEqual([
      { chosen: 'x', rejected: 'z', margin: 1 },
      { chosen: 'x', rejected: 'w', margin: 2 },
      { chosen: 'x', rejected: 'y', margin: 3 },
      { chosen: 'z', rejected: 'w', margin: 1 },
      { chosen: 'z', rejected: 'y', margin: 2 },
      { chosen: 'w', rejected: 'y', margin: 1 },
    ]);
  });

  it('uses dense margins even when the raw ranks have gaps', () => {
    expect(pairwisePreferences(annotation({ displayOrder: ['a', 'b', 'c'], ranks: { a: 1, b: 1, c: 3 } })).map((p) => p.margin)).toEqual([1, 1]);
  });

  it('all tied gives nothing; flags give nothing', () => {
    expect(pairwisePreferences(annotation({ displayOrder: ['a', 'b', 'c'], ranks: { a: 1, b: 1, c: 1 } }))).toEqual([]);
    const ranks = { a: 1, b: 2 };
    expect(pairwisePreferences(annotation({ displayOrder: ['a', 'b'], ranks, flags: { allBad: true, notRankable: false } }))).toEqual([]);
    expect(pairwisePreferences(annotation({ displayOrder: ['a', 'b'], ranks, flags: { allBad: false, notRankable: true } }))).toEqual([]);
  });

  it('for 2 responses the graded preference decides, mapped through the display order', () => {
    // displayOrder[0] is A. graded -2: A (= "r2") better by 2.
    expect(pairwisePreferences(annotation({ displayOrder: ['r2', 'r1'], graded: -2 }))).toEqual([{ chosen: 'r2', rejected: 'r1', margin: 2 }]);
    expect(pairwisePreferences(annotation({ displayOrder: ['r2', 'r1'], graded: 3 }))).toEqual([{ chosen: 'r1', rejected: 'r2', margin: 3 }]);
    expect(pairwisePreferences(annotation({ displayOrder: ['r2', 'r1'], graded: 0, ranks: { r1: 1, r2: 2 } }))).toEqual([]);
    // Without a graded value the ranks are used.
    expect(pairwisePreferences(annotation({ displayOrder: ['r2', 'r1'], ranks: { r1: 2, r2: 1 } }))).toEqual([{ chosen: 'r2', rejected: 'r1', margin: 1 }]);
  });

  it('does not depend on the display order when ranks decide', () => {
    const ranks = { a: 2, b: 1, c: 3 };
    expect(pairwisePreferences(annotation({ displayOrder: ['a', 'b', 'c'], ranks }))).toEqual(pairwisePreferences(annotation({ displayOrder: ['c', 'b', 'a'], ranks })));
  });
});

describe('graded <-> ranks', () => {
  it('negative graded ranks the first displayed response above, 0 ties', () => {
    expect(gradedToRanks(-1, ['x', 'y'])).toEqual({ x: 1, y: 2 });
    expect(gradedToRanks(2, ['x', 'y'])).toEqual({ x: 2, y: 1 });
    expect(gradedToRanks(0, ['x', 'y'])).toEqual({ x: 1, y: 1 });
    expect(() => gradedToRanks(1, ['x', 'y', 'z'])).toThrow(RangeError);
  });

  it('reads the direction back from ranks', () => {
    expect(gradedDirectionOfRanks({ x: 1, y: 2 }, ['x', 'y'])).toBe(-1);
    expect(gradedDirectionOfRanks({ x: 2, y: 1 }, ['x', 'y'])).toBe(1);
    expect(gradedDirectionOfRanks({ x: 1, y: 1 }, ['x', 'y'])).toBe(0);
    expect(gradedDirectionOfRanks({ x: 1 }, ['x', 'y'])).toBeNull();
  });

  it('setGraded keeps ranks in step', () => {
    const a = setGraded(annotation({ displayOrder: ['x', 'y'] }), 3);
    expect(a.graded).toBe(3);
    expect(a.ranks).toEqual({ x: 2, y: 1 });
    expect(setGraded(a, null).graded).toBeNull();
    expect(() => setGraded(a, 4)).toThrow(RangeError);
  });
});

describe('startRankingAnnotation', () => {
  it('starts with the annotator own blind order and nothing judged', () => {
    const payload = rankingPayloadSchema.parse({
      kind: 'ranking',
      conversation: [{ role: 'user', content: 'Hi' }],
      responses: [
        { id: 'a', content: '1' },
        { id: 'b', content: '2' },
        { id: 'c', content: '3' },
      ],
    });
    const started = startRankingAnnotation(payload, 'seed');
    expect(started.displayOrder).toEqual(blindOrder(['a', 'b', 'c'], 'seed'));
    expect(started.ranks).toEqual({});
    expect(started.graded).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { rankingAnnotationSchema, rankingPayloadSchema, type RankingAnnotation, type RankingPayload } from '@shared/domain';
import { validateRanking } from '@shared/ranking';

/** Exact issues, edge by edge: what the expert reads at each field, and where each rule's boundary lies. */

const payload = (responseCount: number, criteria = [{ id: 'correct', label: 'Correctness', scale: { min: 1, max: 7 } }]): RankingPayload =>
  rankingPayloadSchema.parse({
    kind: 'ranking',
    conversation: [{ role: 'user', content: 'Explain recursion.' }],
    responses: Array.from({ length: responseCount }, (_, i) => ({ id: `r${i + 1}`, content: `Response ${i + 1}.` })),
    rubric: { criteria, minJustificationLength: 5 },
  });

const annotation = (fields: Partial<RankingAnnotation>): RankingAnnotation =>
  rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: ['r1', 'r2', 'r3'], justification: 'Because.', ...fields });

const complete3 = annotation({ ranks: { r1: 1, r2: 2, r3: 3 }, ratings: { r1: { correct: 7 }, r2: { correct: 4 }, r3: { correct: 1 } } });

describe('validateRanking, exactly', () => {
  it.each([
    ['a missing response', ['r1', 'r2']],
    ['an unknown response in place of one', ['r1', 'r2', 'rX']],
    ['a response twice', ['r1', 'r1', 'r2']],
    ['an extra response', ['r1', 'r2', 'r3', 'r4']],
  ])('refuses a blind order with %s', (_label, displayOrder) => {
    const { errors } = validateRanking(payload(3), { ...complete3, displayOrder });
    expect(errors).toContainEqual({ field: 'displayOrder', code: 'display_order', message: 'The blind order does not list every response exactly once; reopen the task' });
  });

  it('names a rank for an unknown response and one out of range', () => {
    const { errors } = validateRanking(payload(3), { ...complete3, ranks: { r1: 1, r2: 2, r3: 4, rX: 1 } });
    expect(errors).toEqual([
      { field: 'ranks.r3', code: 'rank_out_of_range', message: 'Response C is ranked 4; ranks go from 1 to 3' },
      { field: 'ranks.rX', code: 'rank_unknown_response', message: 'A rank is given for "rX", which is not one of this task\'s responses' },
    ]);
  });

  it('takes ratings at both ends of the scale and refuses one past either end', () => {
    expect(validateRanking(payload(3), { ...complete3, ratings: { r1: { correct: 7 }, r2: { correct: 1 }, r3: { correct: 1 } } }).errors).toEqual([]);
    const { errors } = validateRanking(payload(3), { ...complete3, ratings: { r1: { correct: 8 }, r2: { correct: 0 } } });
    expect(errors).toEqual([
      { field: 'ratings.r1.correct', code: 'rating_out_of_scale', message: 'Correctness for response A is 8; the scale goes from 1 to 7' },
      { field: 'ratings.r2.correct', code: 'rating_out_of_scale', message: 'Correctness for response B is 0; the scale goes from 1 to 7' },
      { field: 'ratings.r3.correct', code: 'rating_missing', message: 'Rate Correctness for response C' },
    ]);
  });

  it('names ratings for an unknown criterion or response', () => {
    const { errors } = validateRanking(payload(3), { ...complete3, ratings: { ...complete3.ratings, r1: { correct: 7, style: 3 }, rX: { correct: 1 } } });
    expect(errors).toEqual([
      { field: 'ratings.r1.style', code: 'rating_unknown', message: 'A rating is given for criterion "style", which this rubric does not have' },
      { field: 'ratings.rX.correct', code: 'rating_unknown', message: 'A rating is given for response "rX", which this task does not have' },
    ]);
  });

  it('names duplicate, stray, empty and mislabelled highlights', () => {
    const span = { responseId: 'r1', start: 0, end: 4, label: 'error', comment: '' };
    const { errors } = validateRanking(payload(3), {
      ...complete3,
      spans: [
        { ...span, id: 's1' },
        { ...span, id: 's1' },
        { ...span, id: 's2', responseId: 'rX' },
        { ...span, id: 's3', start: 4, end: 4 },
        { ...span, id: 's4', label: 'meh' },
      ],
    });
    expect(errors).toEqual([
      { field: 'spans.s1', code: 'span_duplicate_id', message: 'Two highlights share the id "s1"' },
      { field: 'spans.s2', code: 'span_unknown_response', message: 'A highlight points at "rX", which is not one of this task\'s responses' },
      { field: 'spans.s3', code: 'span_out_of_bounds', message: 'A highlight in response A covers 4..4, outside the text (0..11) or empty' },
      { field: 'spans.s4', code: 'span_label', message: 'A highlight in response A is labelled "meh"; the rubric\'s labels are hallucination, error, unsafe, good' },
    ]);
  });

  it('refuses a graded preference on more than two responses, and compares it with nothing', () => {
    expect(validateRanking(payload(3), { ...complete3, graded: 2 })).toEqual({
      errors: [{ field: 'graded', code: 'graded_not_applicable', message: 'A graded preference is only for 2 responses; this task has 3' }],
      warnings: [],
    });
  });

  it('does not compare a graded pair whose blind order is broken', () => {
    const broken = annotation({ displayOrder: ['r1', 'rX'], graded: 2, ranks: { r1: 1, r2: 2 }, ratings: { r1: { correct: 6 }, r2: { correct: 6 } } });
    expect(validateRanking(payload(2), broken).warnings).toEqual([]);
  });

  it('for two responses without a graded preference, the ranks are what the ratings are checked against', () => {
    const pair = annotation({ displayOrder: ['r1', 'r2'], graded: null, ranks: { r1: 1, r2: 2 }, ratings: { r1: { correct: 2 }, r2: { correct: 6 } } });
    expect(validateRanking(payload(2), pair).warnings).toEqual([
      { field: 'ranks', code: 'ranking_contradicts_ratings', message: 'Response A is ranked above B but has a lower mean rating (2 vs 6)' },
    ]);
  });

  it('for two responses, the graded preference stands in for the ranks, and must agree with any ranks given', () => {
    const pair = annotation({ displayOrder: ['r1', 'r2'], ratings: { r1: { correct: 6 }, r2: { correct: 3 } } });
    expect(validateRanking(payload(2), { ...pair, graded: -2 })).toEqual({ errors: [], warnings: [] });
    expect(validateRanking(payload(2), { ...pair, graded: null }).errors.map((e) => e.code)).toEqual(['rank_missing', 'rank_missing', 'graded_missing']);
    expect(validateRanking(payload(2), { ...pair, graded: 2, ranks: { r1: 1, r2: 2 } }).warnings).toContainEqual({
      field: 'graded',
      code: 'graded_contradicts_ranks',
      message: 'The graded preference and the ranking disagree about which response is better',
    });
    // The graded preference, not the ranks, is the judgement the ratings are checked against.
    expect(validateRanking(payload(2), { ...pair, graded: 2, ranks: { r1: 1, r2: 2 } }).warnings.map((w) => w.code)).toEqual([
      'ranking_contradicts_ratings',
      'graded_contradicts_ranks',
    ]);
    expect(validateRanking(payload(2), { ...pair, graded: -2, ranks: { r1: 2, r2: 1 } }).warnings.map((w) => w.code)).toEqual(['graded_contradicts_ranks']);
    // Flagged as all bad or not rankable, nothing about the ranking is checked.
    expect(validateRanking(payload(2), { ...pair, graded: 2, ranks: { r1: 1, r2: 2 }, flags: { allBad: true, notRankable: false } }).warnings).toEqual([]);
  });

  it('compares ratings scaled to 0..1 per criterion, on the criteria both responses have valid ratings for', () => {
    const criteria = [
      { id: 'short', label: 'Short', scale: { min: 1, max: 3 } },
      { id: 'long', label: 'Long', scale: { min: 1, max: 7 } },
    ];
    const ranked = annotation({ ranks: { r1: 1, r2: 2, r3: 3 } });
    // r1: 3/3 and 1/7 -> (1 + 0) / 2; r2: 1/3 and 7/7 -> (0 + 1) / 2. Equal once scaled, so no warning
    // (their raw means, 2 and 4, would disagree).
    const even = { r1: { short: 3, long: 1 }, r2: { short: 1, long: 7 }, r3: { short: 1, long: 1 } };
    expect(validateRanking(payload(3, criteria), { ...ranked, ratings: even }).warnings).toEqual([]);
    const worse = { ...even, r1: { short: 2, long: 1 } };
    expect(validateRanking(payload(3, criteria), { ...ranked, ratings: worse }).warnings).toEqual([
      { field: 'ranks', code: 'ranking_contradicts_ratings', message: 'Response A is ranked above B but has a lower mean rating (1.50 vs 4)' },
    ]);
    // An out-of-scale rating is left out of the comparison (it is an error of its own): only Long is compared.
    const outOfScale = { ...even, r1: { short: 9, long: 1 } };
    expect(validateRanking(payload(3, criteria), { ...ranked, ratings: outOfScale }).warnings).toEqual([
      { field: 'ranks', code: 'ranking_contradicts_ratings', message: 'Response A is ranked above B but has a lower mean rating (1 vs 7)' },
    ]);
    // Below the scale too; and a criterion only one of the two has rated is not compared either.
    expect(validateRanking(payload(3, criteria), { ...ranked, ratings: { ...even, r1: { short: 0, long: 1 } } }).warnings.map((w) => w.message)).toEqual([
      'Response A is ranked above B but has a lower mean rating (1 vs 7)',
    ]);
    expect(validateRanking(payload(3, criteria), { ...ranked, ratings: { ...even, r2: { long: 7 }, r1: { short: 1, long: 7 } } }).warnings).toEqual([]);
    // Nothing rated in common: nothing to compare.
    expect(validateRanking(payload(3, criteria), { ...ranked, ratings: { r1: { short: 1 }, r2: { long: 7 } } }).warnings).toEqual([]);
    // Ties and unranked responses are not compared.
    expect(validateRanking(payload(3, criteria), { ...ranked, ranks: { r1: 1, r2: 1 }, ratings: worse }).warnings).toEqual([]);
    expect(validateRanking(payload(3, criteria), { ...ranked, ranks: { r1: 1 }, ratings: worse }).warnings).toEqual([]);
    expect(validateRanking(payload(3, criteria), { ...ranked, ranks: { r2: 1, r1: 2 }, ratings: worse }).warnings).toEqual([]);
  });

  it('has nothing to compare without a rubric', () => {
    expect(validateRanking(payload(3, []), { ...complete3, ratings: {}, ranks: { r1: 1, r2: 2, r3: 3 } })).toEqual({ errors: [], warnings: [] });
  });
});

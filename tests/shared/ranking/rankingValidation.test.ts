import { describe, expect, it } from 'vitest';
import { rankingAnnotationSchema, rankingPayloadSchema, type RankingAnnotation, type RankingPayload } from '@shared/domain';
import { validateRanking, type Issue } from '@shared/ranking';

const payload = (responseCount: number, rubric: Partial<RankingPayload['rubric']> = {}): RankingPayload =>
  rankingPayloadSchema.parse({
    kind: 'ranking',
    conversation: [{ role: 'user', content: 'Explain recursion.' }],
    responses: Array.from({ length: responseCount }, (_, i) => ({ id: `r${i + 1}`, content: `Response number ${i + 1}.` })),
    rubric: {
      criteria: [
        { id: 'correct', label: 'Correctness', scale: { min: 1, max: 7 } },
        { id: 'helpful', label: 'Helpfulness', scale: { min: 1, max: 7 } },
      ],
      minJustificationLength: 20,
      ...rubric,
    },
  });

const annotation = (fields: Partial<RankingAnnotation>): RankingAnnotation =>
  rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: ['r1', 'r2', 'r3'], ...fields });

const rate = (values: Record<string, [number, number]>): RankingAnnotation['ratings'] =>
  Object.fromEntries(Object.entries(values).map(([id, [correct, helpful]]) => [id, { correct, helpful }]));

const JUSTIFICATION = 'r1 is correct and clear; r3 makes an error.';

const valid3 = annotation({
  ranks: { r1: 1, r2: 2, r3: 3 },
  ratings: rate({ r1: [7, 6], r2: [5, 5], r3: [2, 3] }),
  justification: JUSTIFICATION,
});

const fields = (issues: readonly Issue[]): string[] => issues.map((i) => i.field);

describe('validateRanking', () => {
  it('accepts a complete, consistent judgement', () => {
    expect(validateRanking(payload(3), valid3)).toEqual({ errors: [], warnings: [] });
  });

  it('accepts ties and raw (competition) ranks with gaps', () => {
    const result = validateRanking(payload(3), { ...valid3, ranks: { r1: 1, r2: 1, r3: 3 }, ratings: rate({ r1: [6, 6], r2: [6, 6], r3: [2, 3] }) });
    expect(result).toEqual({ errors: [], warnings: [] });
  });

  it('needs every response ranked, naming it by blind label at ranks.<id>', () => {
    const { errors } = validateRanking(payload(3), { ...valid3, displayOrder: ['r3', 'r1', 'r2'], ranks: { r1: 1, r3: 2 } });
    expect(errors).toEqual([{ field: 'ranks.r2', code: 'rank_missing', message: 'Response C is not ranked' }]);
  });

  it('rejects ranks past the number of responses and for unknown responses', () => {
    const { errors } = validateRanking(payload(3), { ...valid3, ranks: { r1: 1, r2: 2, r3: 4, ghost: 1 } });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['ranks.r3', 'rank_out_of_range'],
      ['ranks.ghost', 'rank_unknown_response'],
    ]);
  });

  it('lets allBad / notRankable skip the ranking', () => {
    const unranked = { ...valid3, ranks: {} };
    expect(validateRanking(payload(3), { ...unranked, flags: { allBad: true, notRankable: false } }).errors).toEqual([]);
    // notRankable needs no ratings either, only the justification.
    const bare = annotation({ flags: { allBad: false, notRankable: true }, justification: JUSTIFICATION });
    expect(validateRanking(payload(3), bare).errors).toEqual([]);
    // allBad still needs the ratings.
    expect(fields(validateRanking(payload(3), { ...bare, flags: { allBad: true, notRankable: false } }).errors)).toHaveLength(6);
  });

  it('needs every criterion rated for every response, within the scale', () => {
    const ratings = rate({ r1: [7, 6], r2: [5, 5], r3: [2, 3] });
    const { errors } = validateRanking(payload(3), {
      ...valid3,
      ratings: { ...ratings, r2: { correct: 5 }, r3: { correct: 0, helpful: 3 }, r1: { correct: 7, helpful: 6, style: 3 } },
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['ratings.r2.helpful', 'rating_missing'],
      ['ratings.r3.correct', 'rating_out_of_scale'],
      ['ratings.r1.style', 'rating_unknown'],
    ]);
    expect(errors[1]?.message).toBe('Correctness for response C is 0; the scale goes from 1 to 7');
  });

  it('needs a graded preference with exactly 2 responses, and only then', () => {
    const two = annotation({ displayOrder: ['r2', 'r1'], ranks: { r1: 1, r2: 2 }, ratings: rate({ r1: [6, 6], r2: [4, 4] }), justification: JUSTIFICATION });
    expect(validateRanking(payload(2), two).errors).toEqual([{ field: 'graded', code: 'graded_missing', message: 'Choose how much better one response is (or a tie)' }]);
    expect(validateRanking(payload(2), { ...two, graded: 2 }).errors).toEqual([]);
    // The graded preference alone is a complete judgement of 2 responses.
    expect(validateRanking(payload(2), { ...two, graded: 2, ranks: {} })).toEqual({ errors: [], warnings: [] });
    // ...and is what the ratings are checked against: graded -1 puts A (r2, rated lower) above B.
    expect(validateRanking(payload(2), { ...two, graded: -1, ranks: {} }).warnings.map((w) => w.code)).toEqual(['ranking_contradicts_ratings']);
    expect(fields(validateRanking(payload(3), { ...valid3, graded: 1 }).errors)).toEqual(['graded']);
  });

  it('counts the trimmed justification against the rubric minimum', () => {
    const { errors } = validateRanking(payload(3), { ...valid3, justification: `   ${'x'.repeat(19)}   \n` });
    expect(errors).toEqual([{ field: 'justification', code: 'justification_too_short', message: 'The justification needs at least 20 characters (19 so far)' }]);
    expect(validateRanking(payload(3), { ...valid3, justification: 'x'.repeat(20) }).errors).toEqual([]);
  });

  it('checks highlights: in bounds, on a real response, with a rubric label', () => {
    const length = 'Response number 1.'.length;
    const span = { responseId: 'r1', start: 0, end: length, label: 'error', comment: '' };
    expect(validateRanking(payload(3), { ...valid3, spans: [{ ...span, id: 's1' }] }).errors).toEqual([]);
    const { errors } = validateRanking(payload(3), {
      ...valid3,
      spans: [
        { ...span, id: 's1', end: length + 1 },
        { ...span, id: 's2', start: 4, end: 4 },
        { ...span, id: 's3', label: 'typo' },
        { ...span, id: 's4', responseId: 'nope' },
      ],
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['spans.s1', 'span_out_of_bounds'],
      ['spans.s2', 'span_out_of_bounds'],
      ['spans.s3', 'span_label'],
      ['spans.s4', 'span_unknown_response'],
    ]);
  });

  it('warns (without blocking) when a better-ranked response has a lower mean rating', () => {
    const result = validateRanking(payload(3), { ...valid3, displayOrder: ['r2', 'r1', 'r3'], ratings: rate({ r1: [4, 4], r2: [6, 5], r3: [2, 3] }) });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      { field: 'ranks', code: 'ranking_contradicts_ratings', message: 'Response B is ranked above A but has a lower mean rating (4 vs 5.50)' },
    ]);
  });

  it('does not warn for equal means or ties', () => {
    const tiedMeans = validateRanking(payload(3), { ...valid3, ratings: rate({ r1: [5, 5], r2: [6, 4], r3: [2, 3] }) });
    expect(tiedMeans.warnings).toEqual([]);
    const tiedRanks = validateRanking(payload(3), { ...valid3, ranks: { r1: 1, r2: 1, r3: 2 }, ratings: rate({ r1: [3, 3], r2: [6, 6], r3: [2, 3] }) });
    expect(tiedRanks.warnings).toEqual([]);
  });

  it('warns when the graded direction contradicts the ranks', () => {
    const two = annotation({ displayOrder: ['r1', 'r2'], ranks: { r1: 1, r2: 2 }, graded: 2, ratings: rate({ r1: [5, 5], r2: [5, 5] }), justification: JUSTIFICATION });
    const result = validateRanking(payload(2), two);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      { field: 'graded', code: 'graded_contradicts_ranks', message: 'The graded preference and the ranking disagree about which response is better' },
    ]);
    expect(validateRanking(payload(2), { ...two, graded: -2 }).warnings).toEqual([]);
    expect(validateRanking(payload(2), { ...two, graded: 0 }).warnings).toHaveLength(1);
  });

  it('reports a display order that is not a permutation of the responses', () => {
    expect(fields(validateRanking(payload(3), { ...valid3, displayOrder: ['r1', 'r1', 'r2'] }).errors)).toEqual(['displayOrder']);
  });
});

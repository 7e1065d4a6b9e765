import { describe, expect, it } from 'vitest';
import { annotationSchema, type Annotation } from '../../../shared/domain';
import { agreementSummary, goldScore, taskAgreement } from '../../../shared/review';

const ranking = (ranks: Record<string, number>, ratings: Record<string, Record<string, number>> = {}): Annotation =>
  annotationSchema.parse({ kind: 'ranking', displayOrder: Object.keys(ranks), ranks, ratings });
const trajectory = (stepLabels: Record<string, 'good' | 'neutral' | 'bad'>, firstWrongStepId: string | null): Annotation =>
  annotationSchema.parse({ kind: 'trajectory', stepLabels, firstWrongStepId });
const reasoning = (stepRatings: Record<string, -1 | 0 | 1>, firstErrorStepId: string | null): Annotation =>
  annotationSchema.parse({ kind: 'reasoning', stepRatings, firstErrorStepId });

describe('gold scores', () => {
  it('ranking: the share of the expected pairwise preferences the expert states; an unranked response misses its pairs', () => {
    const expected = ranking({ a: 1, b: 2, c: 3 });
    expect(goldScore(expected, ranking({ a: 1, b: 2, c: 3 }))).toEqual({ score: 1, matched: 3, of: 3, firstWrongStep: null });
    // b and c swapped: ab, ac agree; bc does not.
    expect(goldScore(expected, ranking({ a: 1, b: 3, c: 2 })).score).toBeCloseTo(2 / 3, 12);
    expect(goldScore(expected, ranking({ a: 3, b: 2, c: 1 })).score).toBe(0);
    // Only a and b ranked: ab agrees, the two pairs with c are missed.
    expect(goldScore(expected, ranking({ a: 1, b: 2 })).score).toBeCloseTo(1 / 3, 12);
    // A tie expected is a preference too.
    expect(goldScore(ranking({ a: 1, b: 1 }), ranking({ a: 1, b: 1 })).score).toBe(1);
    expect(goldScore(ranking({ a: 1 }), ranking({ a: 1 })).score).toBeNull();
  });

  it('reasoning and trajectory: the share of expected step labels given, and the first wrong step', () => {
    expect(goldScore(reasoning({ s1: 1, s2: -1 }, 's2'), reasoning({ s1: 1, s2: 0 }, null))).toEqual({ score: 0.5, matched: 1, of: 2, firstWrongStep: 'different' });
    expect(goldScore(trajectory({ t1: 'good', t2: 'bad', t3: 'bad' }, 't2'), trajectory({ t1: 'good', t2: 'bad' }, 't2'))).toEqual({
      score: 2 / 3,
      matched: 2,
      of: 3,
      firstWrongStep: 'same',
    });
    // Nothing labelled in the gold judgement: the first wrong step alone decides.
    expect(goldScore(trajectory({}, null), trajectory({ t1: 'bad' }, 't1')).score).toBe(0);
    expect(goldScore(trajectory({}, 't1'), trajectory({}, 't1')).score).toBe(1);
  });

  it('refuses to score a judgement of another kind', () => {
    expect(() => goldScore(reasoning({}, null), trajectory({}, null))).toThrow(/trajectory judgement cannot be scored against a reasoning/);
  });
});

describe('agreement summary', () => {
  it('ranking: tau-b and pairwise agreement per task and over the project, Krippendorff on the ratings', () => {
    const A = { a: 1, b: 2, c: 2, d: 3, e: 4 };
    const B = { a: 1, b: 3, c: 2, d: 2, e: 4 };
    const summary = agreementSummary([
      { taskId: 't1', kind: 'ranking', gold: null, judgements: [{ expert: 'ann', annotation: ranking(A, { a: { c1: 5 }, b: { c1: 3 } }) }, { expert: 'bo', annotation: ranking(B, { a: { c1: 5 }, b: { c1: 4 } }) }] },
      { taskId: 't2', kind: 'ranking', gold: null, judgements: [{ expert: 'ann', annotation: ranking({ x: 1, y: 2 }) }] },
    ]);
    expect(summary.tasks.map((t) => t.taskId)).toEqual(['t1']);
    const figures = Object.fromEntries(summary.kinds[0]!.figures.map((f) => [f.measure, f.value]));
    // The hand-worked example of agreement.test.ts: tau-b 6/9, 7 of 10 pairs.
    expect(figures.kendall_tau_b!.toFixed(3)).toBe('0.667');
    expect(figures.pairwise_agreement).toBe(0.7);
    // Ratings (5, 5) and (3, 4) in two units, worked by hand from the coincidence matrix (Krippendorff 2011):
    // Do = (1 + 1) / 4 = 0.5; De = 2 (2*1*4 + 2*1*1 + 1*1*1) / (4 * 3) = 22 / 12; alpha = 1 - 0.5 / (22 / 12) = 0.727.
    expect(figures.ratings_alpha_interval!.toFixed(3)).toBe('0.727');
    expect(figures.ratings_alpha_ordinal).not.toBeNull();
  });

  it('one expert gives no figures; all ties give no tau-b but full pairwise agreement', () => {
    expect(taskAgreement({ taskId: 't', kind: 'ranking', gold: null, judgements: [{ expert: 'ann', annotation: ranking({ a: 1, b: 2 }) }] }).figures).toEqual([]);
    const tied = taskAgreement({
      taskId: 't',
      kind: 'ranking',
      gold: null,
      judgements: [{ expert: 'ann', annotation: ranking({ a: 1, b: 1, c: 1 }) }, { expert: 'bo', annotation: ranking({ a: 1, b: 1, c: 1 }) }],
    });
    expect(tied.figures).toEqual([
      { measure: 'kendall_tau_b', value: null, n: 0 },
      { measure: 'pairwise_agreement', value: 1, n: 3 },
    ]);
  });

  it('trajectory: Fleiss over the steps every expert labelled, with missing labels left out; gold scores per expert', () => {
    const gold = trajectory({ t1: 'good', t2: 'bad' }, 't2');
    const summary = agreementSummary([
      {
        taskId: 'j1',
        kind: 'trajectory',
        gold,
        judgements: [
          { expert: 'ann', annotation: trajectory({ t1: 'good', t2: 'bad', t3: 'bad' }, 't2') },
          { expert: 'bo', annotation: trajectory({ t1: 'good', t2: 'neutral' }, 't3') },
        ],
      },
      { taskId: 'j2', kind: 'trajectory', gold: null, judgements: [{ expert: 'ann', annotation: trajectory({ t1: 'bad' }, 't1') }, { expert: 'bo', annotation: trajectory({ t1: 'good' }, null) }] },
    ]);
    const figures = Object.fromEntries(summary.kinds[0]!.figures.map((f) => [f.measure, f]));
    // Subjects with both labels: j1.t1 (good, good), j1.t2 (bad, neutral), j2.t1 (bad, good); j1.t3 has one label.
    expect(figures.fleiss_kappa_steps!.n).toBe(3);
    // P = (1 + 0 + 0) / 3; categories bad 2/6, good 3/6, neutral 1/6: Pe = (4 + 9 + 1) / 36; kappa = (1/3 - 14/36) / (1 - 14/36).
    expect(figures.fleiss_kappa_steps!.value!).toBeCloseTo((1 / 3 - 14 / 36) / (1 - 14 / 36), 12);
    expect(figures.step_label_agreement).toEqual({ measure: 'step_label_agreement', value: 1 / 3, n: 3 });
    expect(figures.first_wrong_step_agreement).toEqual({ measure: 'first_wrong_step_agreement', value: 0, n: 2 });
    expect(summary.gold.map((g) => [g.taskId, g.kind, g.expert, g.score])).toEqual([
      ['j1', 'trajectory', 'ann', 1],
      ['j1', 'trajectory', 'bo', 0.5],
    ]);
  });
});

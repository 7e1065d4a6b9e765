import { describe, expect, it } from 'vitest';
import {
  countsFromLabels,
  eachRaterPair,
  firstWrongStepAgreement,
  fleissKappa,
  kendallTauB,
  krippendorffAlpha,
  pairwisePreferenceAgreement,
} from '../../../shared/review';

const _ = null;
/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with missing data:
 * 4 observers x 12 units. Published: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
 */
const KRIPPENDORFF = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

describe("Krippendorff's alpha", () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('matches the published %s value of the 4 x 12 example', (level, expected) => {
    const result = krippendorffAlpha(KRIPPENDORFF, level);
    expect(result.alpha!.toFixed(3)).toBe(expected.toFixed(3));
    // Unit 12 has one value: not pairable. 40 pairable values in 11 units.
    expect(result.pairableValues).toBeCloseTo(40, 9);
    expect(result.pairableUnits).toBe(11);
  });

  it('is 1 for perfect agreement, with missing values, and null when nothing varies', () => {
    expect(krippendorffAlpha([[1, 2, 3, _], [1, 2, 3, 4], [_, 2, 3, 4]], 'interval').alpha).toBe(1);
    expect(krippendorffAlpha([[2, 2, 2], [2, 2, 2]], 'interval').alpha).toBeNull();
  });

  it('is undefined with one rater (no pairable values)', () => {
    const result = krippendorffAlpha([[1, 2, 3, 4]], 'ordinal');
    expect(result.alpha).toBeNull();
    expect(result.pairableValues).toBe(0);
  });

  it('refuses ragged rows and non-numbers, naming the rater and unit', () => {
    expect(() => krippendorffAlpha([[1, 2], [1]], 'interval')).toThrow(/Rater 2 has 1 values/);
    expect(() => krippendorffAlpha([[1, Number.NaN]], 'interval')).toThrow(/Rater 1, unit 2/);
  });

  it('two raters systematically apart disagree below chance on interval data', () => {
    // Rater 2 reverses rater 1: alpha is negative.
    expect(krippendorffAlpha([[1, 2, 3, 4], [4, 3, 2, 1]], 'interval').alpha!).toBeLessThan(0);
  });
});

/** Fleiss (1971) as worked on Wikipedia's "Fleiss' kappa": 10 subjects, 14 raters, 5 categories; kappa = 0.210. */
const FLEISS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe("Fleiss' kappa", () => {
  it('matches the worked example (P = 0.378, Pe = 0.213, kappa = 0.210)', () => {
    const result = fleissKappa(FLEISS);
    expect(result.observedAgreement.toFixed(3)).toBe('0.378');
    expect(result.chanceAgreement.toFixed(3)).toBe('0.213');
    expect(result.kappa!.toFixed(3)).toBe('0.210');
    expect(result.ratersPerSubject).toBe(14);
  });

  it('is 1 for unanimous raters across categories and null when every rating is one category', () => {
    expect(fleissKappa([[3, 0], [0, 3]]).kappa).toBe(1);
    expect(fleissKappa([[3, 0], [3, 0]]).kappa).toBeNull();
  });

  it('refuses one rater and unequal rater counts, naming the subject', () => {
    expect(() => fleissKappa([[1, 0], [0, 1]])).toThrow(/two raters/);
    expect(() => fleissKappa([[2, 1], [1, 1]])).toThrow(/Subject 2 has 2 ratings/);
  });

  it('builds counts from labels and leaves out subjects with a missing label', () => {
    const { categories, counts, skipped } = countsFromLabels([
      ['ok', 'ok', 'bad'],
      ['bad', null, 'bad'],
      ['bad', 'bad', 'bad'],
    ]);
    expect(categories).toEqual(['bad', 'ok']);
    expect(counts).toEqual([[1, 2], [3, 0]]);
    expect(skipped).toBe(1);
  });
});

describe("Kendall's tau-b and pairwise preferences", () => {
  // Worked by hand: pairs ab ac ad ae be ce de concordant (7), bd discordant (1), bc tied in A, cd tied in B.
  // tau-b = (7 - 1) / sqrt((10 - 1)(10 - 1)) = 6 / 9.
  const A = { a: 1, b: 2, c: 2, d: 3, e: 4 };
  const B = { a: 1, b: 3, c: 2, d: 2, e: 4 };

  it('matches the hand-worked example with ties', () => {
    const r = kendallTauB(A, B);
    expect(r).toMatchObject({ concordant: 7, discordant: 1, tiedFirst: 1, tiedSecond: 1, pairs: 10 });
    expect(r.tau!.toFixed(3)).toBe('0.667');
    expect(pairwisePreferenceAgreement(A, B)).toEqual({ agreeing: 7, pairs: 10, share: 0.7 });
  });

  it('is 1 for the same order, -1 for the reverse, and counts only items both ranked', () => {
    expect(kendallTauB({ a: 1, b: 2, c: 3 }, { a: 1, b: 2, c: 3, z: 9 }).tau).toBe(1);
    expect(kendallTauB({ a: 1, b: 2, c: 3 }, { a: 3, b: 2, c: 1 }).tau).toBe(-1);
  });

  it('is undefined when one ranking is all ties, but ties agree as preferences', () => {
    const allTied = { a: 1, b: 1, c: 1 };
    expect(kendallTauB(allTied, { a: 1, b: 2, c: 3 }).tau).toBeNull();
    expect(kendallTauB(allTied, allTied).tau).toBeNull();
    expect(pairwisePreferenceAgreement(allTied, allTied).share).toBe(1);
    expect(pairwisePreferenceAgreement({ a: 1 }, { a: 1 }).share).toBeNull();
  });

  it('applies a measure to each pair of raters', () => {
    const pairs = eachRaterPair([{ rater: 'ann', ranks: A }, { rater: 'bo', ranks: B }, { rater: 'cy', ranks: A }], (x, y) => kendallTauB(x, y).tau);
    expect(pairs.map((p) => [p.first, p.second, p.value?.toFixed(3)])).toEqual([
      ['ann', 'bo', '0.667'],
      ['ann', 'cy', '1.000'],
      ['bo', 'cy', '0.667'],
    ]);
  });
});

describe('agreement on the first wrong step', () => {
  it('counts unanimous tasks and agreeing pairs, with missing raters and "no wrong step"', () => {
    const result = firstWrongStepAgreement([
      ['s3', 's3', 's3'],
      ['s2', 's4', undefined],
      [null, null, 's1'],
      ['s1', undefined, undefined], // one rater: not counted
    ]);
    expect(result.tasks).toBe(3);
    expect(result.unanimous).toBe(1);
    // task 1: 3 of 3 pairs; task 2: 0 of 1; task 3: 1 of 3.
    expect(result).toMatchObject({ agreeingPairs: 4, pairs: 7 });
    expect(result.pairShare!.toFixed(3)).toBe('0.571');
    expect(result.alpha).not.toBeNull();
    expect(result.alpha!).toBeLessThan(1);
  });

  it('is perfect when all raters agree on every task', () => {
    const result = firstWrongStepAgreement([['s1', 's1'], [null, null], ['s2', 's2']]);
    expect(result.pairShare).toBe(1);
    expect(result.alpha).toBe(1);
  });
});

describe('edge cases across the measures', () => {
  it('missing everywhere: no unit has two values, so alpha is undefined rather than 0 or 1', () => {
    const result = krippendorffAlpha([[1, _, _], [_, 2, _], [_, _, 3]], 'nominal');
    expect(result).toMatchObject({ alpha: null, pairableValues: 0, pairableUnits: 0 });
  });

  it('one rater on the first wrong step: nothing judged twice, no figure', () => {
    expect(firstWrongStepAgreement([['s1'], [null]])).toMatchObject({ tasks: 0, pairs: 0, pairShare: null, alpha: null });
  });

  it('all ties in every ranking: tau-b undefined for each pair, preferences all agree', () => {
    const tied = { a: 2, b: 2, c: 2, d: 2 };
    const pairs = eachRaterPair([{ rater: 'ann', ranks: tied }, { rater: 'bo', ranks: tied }, { rater: 'cy', ranks: tied }], (x, y) => [kendallTauB(x, y).tau, pairwisePreferenceAgreement(x, y).share]);
    expect(pairs.map((p) => p.value)).toEqual([[null, 1], [null, 1], [null, 1]]);
  });
});

describe("Kendall's tau-b against a published example", () => {
  it('matches SciPy’s documented kendalltau example with ties (x = 12 2 1 12 2, y = 1 4 7 1 0): -0.471', () => {
    // https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.kendalltau.html: tau = -0.47140452079103173.
    const x = { a: 12, b: 2, c: 1, d: 12, e: 2 };
    const y = { a: 1, b: 4, c: 7, d: 1, e: 0 };
    const r = kendallTauB(x, y);
    expect(r.tau!.toFixed(3)).toBe('-0.471');
    expect(r.tau!).toBeCloseTo(-0.47140452079103173, 12);
  });
});

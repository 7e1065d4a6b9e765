/**
 * Agreement between two rankings of the same responses. A ranking is a rank per item id (1 is best; equal
 * ranks are ties), as in a ranking annotation's `ranks`. Only items ranked by both count.
 */
export type Ranks = Readonly<Record<string, number>>;

const commonIds = (a: Ranks, b: Ranks): string[] => Object.keys(a).filter((id) => Object.hasOwn(b, id)).sort();

/** -1, 0 or 1: the sign of a difference. */
const sign = (x: number): -1 | 0 | 1 => (x > 0 ? 1 : x < 0 ? -1 : 0);

export interface TauB {
  /** Kendall's tau-b, or null when it is undefined (fewer than two common items, or one ranking all ties). */
  tau: number | null;
  concordant: number;
  discordant: number;
  /** Pairs tied in the first ranking (including those tied in both). */
  tiedFirst: number;
  /** Pairs tied in the second ranking (including those tied in both). */
  tiedSecond: number;
  pairs: number;
}

/** Kendall's tau-b over the items both rankings rank: (C - D) / sqrt((n0 - n1)(n0 - n2)). */
export const kendallTauB = (a: Ranks, b: Ranks): TauB => {
  const ids = commonIds(a, b);
  let concordant = 0;
  let discordant = 0;
  let tiedFirst = 0;
  let tiedSecond = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const x = sign(a[ids[i]!]! - a[ids[j]!]!);
      const y = sign(b[ids[i]!]! - b[ids[j]!]!);
      if (x === 0) tiedFirst++;
      if (y === 0) tiedSecond++;
      if (x !== 0 && y !== 0) {
        if (x === y) concordant++;
        else discordant++;
      }
    }
  }
  const pairs = (ids.length * (ids.length - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedFirst) * (pairs - tiedSecond));
  return { tau: denominator === 0 ? null : (concordant - discordant) / denominator, concordant, discordant, tiedFirst, tiedSecond, pairs };
};

export interface PairwiseAgreement {
  /** Pairs on which both rankings say the same: the same one better, or both a tie. */
  agreeing: number;
  pairs: number;
  /** agreeing / pairs, or null with no pair. */
  share: number | null;
}

/** The share of item pairs on which two rankings express the same preference (a tie is a preference too). */
export const pairwisePreferenceAgreement = (a: Ranks, b: Ranks): PairwiseAgreement => {
  const ids = commonIds(a, b);
  let agreeing = 0;
  let pairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      pairs++;
      if (sign(a[ids[i]!]! - a[ids[j]!]!) === sign(b[ids[i]!]! - b[ids[j]!]!)) agreeing++;
    }
  }
  return { agreeing, pairs, share: pairs === 0 ? null : agreeing / pairs };
};

export interface RaterPair<T> {
  first: string;
  second: string;
  value: T;
}

/** A measure applied to every pair of raters, in the order given (first < second by position). */
export const eachRaterPair = <T>(rankings: ReadonlyArray<{ rater: string; ranks: Ranks }>, measure: (a: Ranks, b: Ranks) => T): RaterPair<T>[] => {
  const out: RaterPair<T>[] = [];
  for (let i = 0; i < rankings.length; i++) {
    for (let j = i + 1; j < rankings.length; j++) {
      out.push({ first: rankings[i]!.rater, second: rankings[j]!.rater, value: measure(rankings[i]!.ranks, rankings[j]!.ranks) });
    }
  }
  return out;
};

import { rankingAnnotationSchema, type RankingAnnotation, type RankingPayload } from '../domain';
import { blindOrder } from './blindOrder';

/**
 * Ranks map a response id to its rank: 1 is best, equal ranks are ties. While the expert is editing, any
 * positive integers are accepted (pressing 3 before anything is ranked 1 must not be rewritten under their
 * fingers). What is stored on submit and fed to exporters is the dense form: 1,1,2 rather than the
 * competition form 1,1,3, so that a margin of 1 always means "adjacent tiers".
 */
export type Ranks = Readonly<Record<string, number>>;

export interface PairwisePreference {
  chosen: string;
  rejected: string;
  /** How much better `chosen` is: the dense rank difference, or |graded| for a graded pair. Always >= 1. */
  margin: number;
}

const assertRank = (rank: number): void => {
  if (!Number.isInteger(rank) || rank < 1) throw new RangeError(`A rank is an integer of 1 or more, got ${rank}`);
};

export const setRank = (annotation: RankingAnnotation, responseId: string, rank: number): RankingAnnotation => {
  assertRank(rank);
  return { ...annotation, ranks: { ...annotation.ranks, [responseId]: rank } };
};

export const clearRank = (annotation: RankingAnnotation, responseId: string): RankingAnnotation => {
  const ranks = Object.fromEntries(Object.entries(annotation.ranks).filter(([id]) => id !== responseId));
  return { ...annotation, ranks };
};

/** Dense ranking, keeping the relative order and the ties: {a:1, b:1, c:3} -> {a:1, b:1, c:2}. */
export const normalizeRanks = (ranks: Ranks): Record<string, number> => {
  const distinct = [...new Set(Object.values(ranks))].sort((x, y) => x - y);
  const dense = new Map(distinct.map((rank, index) => [rank, index + 1]));
  return Object.fromEntries(Object.entries(ranks).map(([id, rank]) => [id, dense.get(rank) ?? rank]));
};

export const normalizeAnnotationRanks = (annotation: RankingAnnotation): RankingAnnotation => ({
  ...annotation,
  ranks: normalizeRanks(annotation.ranks),
});

/** Tiers best first, each tier the tied ids in `order` (the display order) - the shape a drag-and-drop list shows. */
export const tiersFromRanks = (ranks: Ranks, order: readonly string[]): string[][] => {
  const dense = normalizeRanks(ranks);
  const tiers: string[][] = [];
  for (const id of order) {
    const rank = dense[id];
    if (rank === undefined) continue;
    (tiers[rank - 1] ??= []).push(id);
  }
  return tiers.filter((tier) => tier.length > 0);
};

/** The inverse of `tiersFromRanks`: tier i (0-based) gets rank i + 1; empty tiers are dropped. */
export const ranksFromTiers = (tiers: readonly (readonly string[])[]): Record<string, number> => {
  const ranks: Record<string, number> = {};
  let rank = 0;
  for (const tier of tiers) {
    if (tier.length === 0) continue;
    rank += 1;
    for (const id of tier) ranks[id] = rank;
  }
  return ranks;
};

export type GradedDirection = -1 | 0 | 1;

/** For two displayed responses [first, second]: graded < 0 ranks the first above, > 0 the second, 0 ties them. */
export const gradedToRanks = (graded: number, displayOrder: readonly string[]): Record<string, number> => {
  const [first, second] = displayOrder;
  if (displayOrder.length !== 2 || first === undefined || second === undefined) {
    throw new RangeError(`A graded preference needs exactly 2 responses, got ${displayOrder.length}`);
  }
  if (graded < 0) return { [first]: 1, [second]: 2 };
  if (graded > 0) return { [first]: 2, [second]: 1 };
  return { [first]: 1, [second]: 1 };
};

/** The direction the ranks give two displayed responses, in graded terms (-1: first better), or null while either is unranked. */
export const gradedDirectionOfRanks = (ranks: Ranks, displayOrder: readonly string[]): GradedDirection | null => {
  const [first, second] = displayOrder;
  if (displayOrder.length !== 2 || first === undefined || second === undefined) return null;
  const a = ranks[first];
  const b = ranks[second];
  if (a === undefined || b === undefined) return null;
  return a < b ? -1 : a > b ? 1 : 0;
};

export const gradedDirection = (graded: number): GradedDirection => (graded < 0 ? -1 : graded > 0 ? 1 : 0);

/** Sets the graded preference and the ranks it implies, so the two never disagree when the UI goes through here. */
export const setGraded = (annotation: RankingAnnotation, graded: number | null): RankingAnnotation => {
  if (graded === null) return { ...annotation, graded: null };
  if (!Number.isInteger(graded) || graded < -3 || graded > 3) throw new RangeError(`A graded preference is an integer from -3 to 3, got ${graded}`);
  return { ...annotation, graded, ranks: gradedToRanks(graded, annotation.displayOrder) };
};

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every ordered pair (chosen better than rejected) the judgement implies; ties give no pair. With exactly 2
 * displayed responses and a graded preference, the graded value decides (its sign picks the side, |graded| is
 * the margin); otherwise the dense ranks do (margin = rank difference). An annotation flagged allBad or
 * notRankable implies no preference at all. Pairs come best chosen first, then best rejected, then by id, so
 * the output does not depend on the annotator's display order.
 */
export const pairwisePreferences = (annotation: RankingAnnotation): PairwisePreference[] => {
  if (annotation.flags.allBad || annotation.flags.notRankable) return [];
  const [first, second] = annotation.displayOrder;
  if (annotation.graded !== null && annotation.displayOrder.length === 2 && first !== undefined && second !== undefined) {
    if (annotation.graded === 0) return [];
    const margin = Math.abs(annotation.graded);
    return annotation.graded < 0 ? [{ chosen: first, rejected: second, margin }] : [{ chosen: second, rejected: first, margin }];
  }
  const ranked = Object.entries(normalizeRanks(annotation.ranks)).sort(([idA, a], [idB, b]) => a - b || compareIds(idA, idB));
  const pairs: PairwisePreference[] = [];
  for (const [chosen, chosenRank] of ranked) {
    for (const [rejected, rejectedRank] of ranked) {
      if (rejectedRank > chosenRank) pairs.push({ chosen, rejected, margin: rejectedRank - chosenRank });
    }
  }
  return pairs;
};

/** A fresh annotation whose blind order is this annotator's own shuffle (see `blindSeed`). */
export const startRankingAnnotation = (payload: RankingPayload, seed: string): RankingAnnotation =>
  rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: blindOrder(payload.responses.map((r) => r.id), seed) });

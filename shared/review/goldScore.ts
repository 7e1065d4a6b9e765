import type { Annotation } from '../domain';
import { pairwisePreferenceAgreement } from './rankAgreement';

/**
 * An expert's score on a gold task: how close their judgement is to the expected one, from 0 to 1.
 * - ranking: the share of response pairs on which the expert's ranking states the expected preference
 *   (a tie is a preference too);
 * - reasoning: the share of the expected step ratings the expert gave too (-1, 0 or +1 per step);
 * - trajectory: the share of the expected step labels the expert gave too (good, neutral, bad).
 * For reasoning and trajectory, `firstWrongStep` says whether the expert named the expected first wrong step
 * (the expected "none" included); when the expected judgement labels no step, the score is that match alone.
 */
export interface GoldScore {
  /** 0 to 1; null when nothing can be compared (the expected ranking ranks fewer than two responses). */
  score: number | null;
  /** Pairs or steps matching the expected judgement, out of `of`. */
  matched: number;
  of: number;
  firstWrongStep: 'same' | 'different' | null;
}

const labelScore = (expected: Readonly<Record<string, string | number>>, given: Readonly<Record<string, string | number>>, expectedFirst: string | null, givenFirst: string | null): GoldScore => {
  const ids = Object.keys(expected);
  const matched = ids.filter((id) => Object.hasOwn(given, id) && given[id] === expected[id]).length;
  const firstWrongStep = expectedFirst === givenFirst ? 'same' : 'different';
  const score = ids.length === 0 ? (firstWrongStep === 'same' ? 1 : 0) : matched / ids.length;
  return { score, matched, of: ids.length, firstWrongStep };
};

/** Scores `given` against the gold `expected`; throws when they are judgements of different kinds. */
export const goldScore = (expected: Annotation, given: Annotation): GoldScore => {
  if (expected.kind !== given.kind) throw new TypeError(`A ${given.kind} judgement cannot be scored against a ${expected.kind} gold judgement`);
  if (expected.kind === 'ranking' && given.kind === 'ranking') {
    // Every pair of responses the expected ranking orders counts; one the expert left unranked counts as missed.
    const { agreeing, pairs } = pairwisePreferenceAgreement(expected.ranks, given.ranks);
    const n = Object.keys(expected.ranks).length;
    const of = (n * (n - 1)) / 2;
    return { score: of === 0 ? null : agreeing / of, matched: agreeing, of: Math.max(of, pairs), firstWrongStep: null };
  }
  if (expected.kind === 'reasoning' && given.kind === 'reasoning') {
    return labelScore(expected.stepRatings, given.stepRatings, expected.firstErrorStepId, given.firstErrorStepId);
  }
  if (expected.kind === 'trajectory' && given.kind === 'trajectory') {
    return labelScore(expected.stepLabels, given.stepLabels, expected.firstWrongStepId, given.firstWrongStepId);
  }
  throw new TypeError(`No gold score for ${expected.kind} judgements`);
};

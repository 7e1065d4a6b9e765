import type { Criterion, RankingAnnotation, RankingPayload } from '../domain';
import { blindLabel } from './blindOrder';
import { staleCitations } from './spanCitations';
import { gradedDirection, gradedDirectionOfRanks, gradedToRanks, normalizeRanks } from './rankingLogic';

export type IssueCode =
  | 'display_order'
  | 'rank_missing'
  | 'rank_unknown_response'
  | 'rank_out_of_range'
  | 'graded_missing'
  | 'graded_not_applicable'
  | 'rating_missing'
  | 'rating_out_of_scale'
  | 'rating_unknown'
  | 'justification_too_short'
  | 'citation_removed'
  | 'citation_unknown'
  | 'span_unknown_response'
  | 'span_out_of_bounds'
  | 'span_label'
  | 'span_duplicate_id'
  | 'ranking_contradicts_ratings'
  | 'graded_contradicts_ranks';

export interface Issue {
  /**
   * Where the UI shows it: 'ranks', 'ranks.<responseId>', 'graded', 'ratings.<responseId>.<criterionId>',
   * 'justification', 'justification.citations', 'spans.<spanId>', 'displayOrder'.
   */
  field: string;
  /** Names responses by their blind label, never by id or model. */
  message: string;
  /** Stable across edits, so the UI can remember which warnings the expert acknowledged. */
  code: IssueCode;
}

export interface RankingValidation {
  /** Block submission. */
  errors: Issue[];
  /** The expert may acknowledge them and submit anyway. */
  warnings: Issue[];
}

const isPermutation = (order: readonly string[], ids: readonly string[]): boolean =>
  order.length === ids.length && new Set(order).size === order.length && ids.every((id) => order.includes(id));

const checkRanks = (
  responseIds: readonly string[],
  annotation: RankingAnnotation,
  labelOf: (id: string) => string,
  requireEvery: boolean,
  errors: Issue[],
): void => {
  const known = new Set(responseIds);
  const n = responseIds.length;
  for (const [id, rank] of Object.entries(annotation.ranks)) {
    if (!known.has(id)) {
      errors.push({ field: `ranks.${id}`, code: 'rank_unknown_response', message: `A rank is given for ${JSON.stringify(id)}, which is not one of this task's responses` });
    } else if (rank > n) {
      errors.push({ field: `ranks.${id}`, code: 'rank_out_of_range', message: `Response ${labelOf(id)} is ranked ${rank}; ranks go from 1 to ${n}` });
    }
  }
  if (!requireEvery) return;
  for (const id of responseIds) {
    if (annotation.ranks[id] === undefined) {
      errors.push({ field: `ranks.${id}`, code: 'rank_missing', message: `Response ${labelOf(id)} is not ranked` });
    }
  }
};

const checkRatings = (payload: RankingPayload, annotation: RankingAnnotation, labelOf: (id: string) => string, errors: Issue[]): void => {
  const criteria = new Map(payload.rubric.criteria.map((c) => [c.id, c]));
  const responseIds = new Set(payload.responses.map((r) => r.id));
  for (const response of payload.responses) {
    const given = annotation.ratings[response.id] ?? {};
    for (const criterion of payload.rubric.criteria) {
      const field = `ratings.${response.id}.${criterion.id}`;
      const value = given[criterion.id];
      if (value === undefined) {
        errors.push({ field, code: 'rating_missing', message: `Rate ${criterion.label} for response ${labelOf(response.id)}` });
      } else if (value < criterion.scale.min || value > criterion.scale.max) {
        errors.push({
          field,
          code: 'rating_out_of_scale',
          message: `${criterion.label} for response ${labelOf(response.id)} is ${value}; the scale goes from ${criterion.scale.min} to ${criterion.scale.max}`,
        });
      }
    }
  }
  for (const [responseId, byCriterion] of Object.entries(annotation.ratings)) {
    for (const criterionId of Object.keys(byCriterion)) {
      if (responseIds.has(responseId) && criteria.has(criterionId)) continue;
      const what = responseIds.has(responseId) ? `criterion ${JSON.stringify(criterionId)}, which this rubric does not have` : `response ${JSON.stringify(responseId)}, which this task does not have`;
      errors.push({ field: `ratings.${responseId}.${criterionId}`, code: 'rating_unknown', message: `A rating is given for ${what}` });
    }
  }
};

const checkSpans = (payload: RankingPayload, annotation: RankingAnnotation, labelOf: (id: string) => string, errors: Issue[]): void => {
  const contentOf = new Map(payload.responses.map((r) => [r.id, r.content]));
  const labels = new Set(payload.rubric.spanLabels);
  const seen = new Set<string>();
  for (const span of annotation.spans) {
    const field = `spans.${span.id}`;
    if (seen.has(span.id)) errors.push({ field, code: 'span_duplicate_id', message: `Two highlights share the id ${JSON.stringify(span.id)}` });
    seen.add(span.id);
    const content = contentOf.get(span.responseId);
    if (content === undefined) {
      errors.push({ field, code: 'span_unknown_response', message: `A highlight points at ${JSON.stringify(span.responseId)}, which is not one of this task's responses` });
      continue;
    }
    // Offsets are UTF-16 code units, as String.prototype.slice counts them.
    if (span.start >= span.end || span.end > content.length) {
      errors.push({
        field,
        code: 'span_out_of_bounds',
        message: `A highlight in response ${labelOf(span.responseId)} covers ${span.start}..${span.end}, outside the text (0..${content.length}) or empty`,
      });
    }
    if (!labels.has(span.label)) {
      errors.push({
        field,
        code: 'span_label',
        message: `A highlight in response ${labelOf(span.responseId)} is labelled ${JSON.stringify(span.label)}; the rubric's labels are ${payload.rubric.spanLabels.join(', ')}`,
      });
    }
  }
};

/** Characters as a person counts them (code points), after trimming. */
const visibleLength = (text: string): number => [...text.trim()].length;

const fraction = (value: number, criterion: Criterion): number => (value - criterion.scale.min) / (criterion.scale.max - criterion.scale.min);

const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

const formatMean = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/**
 * A response ranked strictly better should not have a strictly lower mean rating. Ratings are compared on the
 * criteria both responses have valid ratings for, each scaled to 0..1 so a 1-3 criterion weighs as much as a 1-7 one.
 */
const ratingsWarnings = (payload: RankingPayload, annotation: RankingAnnotation, labelOf: (id: string) => string): Issue[] => {
  const criteria = payload.rubric.criteria;
  if (criteria.length === 0) return [];
  const [first, second] = annotation.displayOrder;
  // The same judgement pairwisePreferences exports: for 2 responses the graded preference wins over ranks.
  const ranks =
    annotation.graded !== null && annotation.displayOrder.length === 2 && first !== undefined && second !== undefined
      ? gradedToRanks(annotation.graded, annotation.displayOrder)
      : normalizeRanks(annotation.ranks);
  const validRating = (responseId: string, criterion: Criterion): number | undefined => {
    const value = annotation.ratings[responseId]?.[criterion.id];
    return value !== undefined && value >= criterion.scale.min && value <= criterion.scale.max ? value : undefined;
  };
  const warnings: Issue[] = [];
  const ids = payload.responses.map((r) => r.id);
  for (const better of ids) {
    for (const worse of ids) {
      const betterRank = ranks[better];
      const worseRank = ranks[worse];
      if (betterRank === undefined || worseRank === undefined || betterRank >= worseRank) continue;
      const shared = criteria.flatMap((criterion) => {
        const a = validRating(better, criterion);
        const b = validRating(worse, criterion);
        return a === undefined || b === undefined ? [] : [{ criterion, a, b }];
      });
      if (shared.length === 0) continue;
      const scaledBetter = mean(shared.map((s) => fraction(s.a, s.criterion)));
      const scaledWorse = mean(shared.map((s) => fraction(s.b, s.criterion)));
      // Scaled means are sums of fractions like 5/6: compare with a tolerance so equal means are not flagged.
      if (scaledBetter >= scaledWorse - 1e-9) continue;
      warnings.push({
        field: 'ranks',
        code: 'ranking_contradicts_ratings',
        message: `Response ${labelOf(better)} is ranked above ${labelOf(worse)} but has a lower mean rating (${formatMean(mean(shared.map((s) => s.a)))} vs ${formatMean(mean(shared.map((s) => s.b)))})`,
      });
    }
  }
  return warnings;
};

/**
 * What stands between this annotation and submission. Flags relax the judgement: `notRankable` needs only the
 * justification (why it cannot be ranked); `allBad` needs no ranking or graded preference, but still the
 * ratings (how bad each is) and the justification.
 */
export const validateRanking = (payload: RankingPayload, annotation: RankingAnnotation): RankingValidation => {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const responseIds = payload.responses.map((r) => r.id);
  const displayOk = isPermutation(annotation.displayOrder, responseIds);
  const labelOf = (id: string): string => {
    const index = displayOk ? annotation.displayOrder.indexOf(id) : responseIds.indexOf(id);
    return index === -1 ? JSON.stringify(id) : blindLabel(index);
  };
  if (!displayOk) {
    errors.push({ field: 'displayOrder', code: 'display_order', message: 'The blind order does not list every response exactly once; reopen the task' });
  }
  const { allBad, notRankable } = annotation.flags;
  const judging = !allBad && !notRankable;

  const pair = responseIds.length === 2;
  // With 2 responses a graded preference is itself the ranking (see pairwisePreferences); ranks may be left out.
  if (judging) checkRanks(responseIds, annotation, labelOf, !(pair && annotation.graded !== null), errors);
  if (!pair && annotation.graded !== null) {
    errors.push({ field: 'graded', code: 'graded_not_applicable', message: `A graded preference is only for 2 responses; this task has ${responseIds.length}` });
  }
  if (judging && pair && annotation.graded === null) {
    errors.push({ field: 'graded', code: 'graded_missing', message: 'Choose how much better one response is (or a tie)' });
  }
  if (!notRankable) checkRatings(payload, annotation, labelOf, errors);
  checkSpans(payload, annotation, labelOf, errors);
  const minLength = payload.rubric.minJustificationLength;
  const length = visibleLength(annotation.justification);
  if (length < minLength) {
    errors.push({ field: 'justification', code: 'justification_too_short', message: `The justification needs at least ${minLength} characters (${length} so far)` });
  }
  // A citation of a removed highlight points at nothing: the justification would cite a span the reviewer cannot see.
  const stale = staleCitations(annotation);
  const removed = stale.filter((c) => c.removed).map((c) => `[${c.name}]`);
  if (removed.length > 0) {
    errors.push({
      field: 'justification.citations',
      code: 'citation_removed',
      message: `The justification cites ${removed.join(', ')}, ${removed.length === 1 ? 'a highlight that was' : 'highlights that were'} removed; cite another highlight or delete the citation`,
    });
  }
  const unknown = stale.filter((c) => !c.removed).map((c) => `[${c.name}]`);
  if (unknown.length > 0) {
    warnings.push({
      field: 'justification.citations',
      code: 'citation_unknown',
      message: `The justification cites ${unknown.join(', ')}, which ${unknown.length === 1 ? 'names' : 'name'} no highlight`,
    });
  }

  if (judging) {
    warnings.push(...ratingsWarnings(payload, annotation, labelOf));
    if (pair && annotation.graded !== null && displayOk) {
      const fromRanks = gradedDirectionOfRanks(annotation.ranks, annotation.displayOrder);
      if (fromRanks !== null && fromRanks !== gradedDirection(annotation.graded)) {
        warnings.push({ field: 'graded', code: 'graded_contradicts_ranks', message: 'The graded preference and the ranking disagree about which response is better' });
      }
    }
  }
  return { errors, warnings };
};

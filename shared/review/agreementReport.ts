import type { Annotation, TaskKind } from '../domain';
import { firstWrongStepAgreement } from './firstWrongStep';
import { countsFromLabels, fleissKappa } from './fleissKappa';
import { goldScore, type GoldScore } from './goldScore';
import { krippendorffAlpha } from './krippendorffAlpha';
import { kendallTauB, pairwisePreferenceAgreement } from './rankAgreement';

/** The judgements several experts made of one task, and its gold judgement when it is a gold task. */
export interface TaskJudgements {
  taskId: string;
  kind: TaskKind;
  judgements: ReadonlyArray<{ expert: string; annotation: Annotation }>;
  gold: Annotation | null;
}

export const MEASURES = {
  kendall_tau_b: "Kendall's tau-b (mean over expert pairs)",
  pairwise_agreement: 'Agreeing pairwise preferences (share)',
  ratings_alpha_interval: "Krippendorff's alpha, ratings (interval)",
  ratings_alpha_ordinal: "Krippendorff's alpha, ratings (ordinal)",
  step_label_agreement: 'Agreeing step labels (share of expert pairs)',
  fleiss_kappa_steps: "Fleiss' kappa, step labels",
  first_wrong_step_agreement: 'Same first wrong step (share of expert pairs)',
  first_wrong_step_alpha: "Krippendorff's alpha, first wrong step (nominal)",
} as const;
export type Measure = keyof typeof MEASURES;

export interface Figure {
  measure: Measure;
  /** null when the measure is undefined here (one expert, no variation, nothing comparable). */
  value: number | null;
  /** What it is computed over: expert pairs, rated cells or steps. */
  n: number;
}

export interface TaskAgreement {
  taskId: string;
  kind: TaskKind;
  experts: string[];
  gold: boolean;
  figures: Figure[];
}

export interface KindAgreement {
  kind: TaskKind;
  /** Tasks judged by at least two experts. */
  tasks: number;
  figures: Figure[];
}

export interface ExpertGoldScore extends GoldScore {
  taskId: string;
  kind: TaskKind;
  expert: string;
}

export interface AgreementSummary {
  tasks: TaskAgreement[];
  kinds: KindAgreement[];
  gold: ExpertGoldScore[];
}

const pairsOf = <T>(items: readonly T[]): Array<[T, T]> => items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);
const share = (agreeing: number, pairs: number): number | null => (pairs === 0 ? null : agreeing / pairs);

/** Step labels per expert: reasoning step ratings as text, trajectory step labels as they are. */
const stepLabels = (a: Annotation): Record<string, string> | null => {
  if (a.kind === 'reasoning') return Object.fromEntries(Object.entries(a.stepRatings).map(([id, r]) => [id, String(r)]));
  if (a.kind === 'trajectory') return { ...a.stepLabels };
  return null;
};
const firstWrong = (a: Annotation): string | null => (a.kind === 'reasoning' ? a.firstErrorStepId : a.kind === 'trajectory' ? a.firstWrongStepId : null);

/** Pairs of experts (within each step) that gave a step the same label. */
const stepPairCounts = (labels: ReadonlyArray<Record<string, string>>): { agreeing: number; pairs: number; steps: Array<Array<string | null>> } => {
  const ids = [...new Set(labels.flatMap((l) => Object.keys(l)))].sort();
  let agreeing = 0;
  let pairs = 0;
  const steps = ids.map((id) => labels.map((l) => (Object.hasOwn(l, id) ? l[id]! : null)));
  for (const step of steps) {
    const given = step.filter((v): v is string => v !== null);
    for (const [x, y] of pairsOf(given)) {
      pairs++;
      if (x === y) agreeing++;
    }
  }
  return { agreeing, pairs, steps };
};

const rankingTask = (annotations: readonly Annotation[]): Figure[] => {
  const ranks = annotations.flatMap((a) => (a.kind === 'ranking' ? [a.ranks] : []));
  const pairs = pairsOf(ranks);
  const taus = pairs.map(([a, b]) => kendallTauB(a, b).tau).filter((t): t is number => t !== null);
  const pref = pairs.map(([a, b]) => pairwisePreferenceAgreement(a, b));
  const agreeing = pref.reduce((s, p) => s + p.agreeing, 0);
  const total = pref.reduce((s, p) => s + p.pairs, 0);
  return [
    { measure: 'kendall_tau_b', value: mean(taus), n: taus.length },
    { measure: 'pairwise_agreement', value: share(agreeing, total), n: total },
  ];
};

const stepTask = (annotations: readonly Annotation[]): Figure[] => {
  const { agreeing, pairs } = stepPairCounts(annotations.map((a) => stepLabels(a) ?? {}));
  const first = pairsOf(annotations.map(firstWrong));
  return [
    { measure: 'step_label_agreement', value: share(agreeing, pairs), n: pairs },
    { measure: 'first_wrong_step_agreement', value: share(first.filter(([x, y]) => x === y).length, first.length), n: first.length },
  ];
};

/** The figures of one task judged by several experts (an empty list of figures with fewer than two). */
export const taskAgreement = (task: TaskJudgements): TaskAgreement => {
  const annotations = task.judgements.map((j) => j.annotation).filter((a) => a.kind === task.kind);
  const figures = annotations.length < 2 ? [] : task.kind === 'ranking' ? rankingTask(annotations) : stepTask(annotations);
  return { taskId: task.taskId, kind: task.kind, experts: task.judgements.map((j) => j.expert), gold: task.gold !== null, figures };
};

const rankingKind = (tasks: readonly TaskJudgements[], experts: readonly string[]): Figure[] => {
  const taus: number[] = [];
  let agreeing = 0;
  let total = 0;
  for (const task of tasks) {
    const ranks = task.judgements.flatMap((j) => (j.annotation.kind === 'ranking' ? [j.annotation.ranks] : []));
    for (const [a, b] of pairsOf(ranks)) {
      const tau = kendallTauB(a, b).tau;
      if (tau !== null) taus.push(tau);
      const p = pairwisePreferenceAgreement(a, b);
      agreeing += p.agreeing;
      total += p.pairs;
    }
  }
  // Ratings: one unit per (task, response, criterion) cell, one row per expert, missing where they gave none.
  const rows = experts.map(() => [] as Array<number | null>);
  for (const task of tasks) {
    const cells = new Set<string>();
    for (const j of task.judgements) {
      if (j.annotation.kind !== 'ranking') continue;
      for (const [response, byCriterion] of Object.entries(j.annotation.ratings)) for (const criterion of Object.keys(byCriterion)) cells.add(JSON.stringify([response, criterion]));
    }
    for (const cell of [...cells].sort()) {
      const [response, criterion] = JSON.parse(cell) as [string, string];
      experts.forEach((expert, r) => {
        const j = task.judgements.find((x) => x.expert === expert);
        const value = j?.annotation.kind === 'ranking' ? j.annotation.ratings[response]?.[criterion] : undefined;
        rows[r]!.push(value ?? null);
      });
    }
  }
  const interval = krippendorffAlpha(rows, 'interval');
  const ordinal = krippendorffAlpha(rows, 'ordinal');
  return [
    { measure: 'kendall_tau_b', value: mean(taus), n: taus.length },
    { measure: 'pairwise_agreement', value: share(agreeing, total), n: total },
    { measure: 'ratings_alpha_interval', value: interval.alpha, n: interval.pairableValues },
    { measure: 'ratings_alpha_ordinal', value: ordinal.alpha, n: ordinal.pairableValues },
  ];
};

const stepKind = (tasks: readonly TaskJudgements[]): Figure[] => {
  let agreeing = 0;
  let pairs = 0;
  // Fleiss' kappa needs the same number of raters on every subject: the steps rated by every expert of their
  // task, from the tasks with the most common number of experts.
  const byRaterCount = new Map<number, Array<Array<string | null>>>();
  const firstWrongRows: Array<Array<string | null>> = [];
  for (const task of tasks) {
    const labels = task.judgements.map((j) => stepLabels(j.annotation) ?? {});
    const counts = stepPairCounts(labels);
    agreeing += counts.agreeing;
    pairs += counts.pairs;
    const group = byRaterCount.get(labels.length) ?? [];
    group.push(...counts.steps);
    byRaterCount.set(labels.length, group);
    firstWrongRows.push(task.judgements.map((j) => firstWrong(j.annotation)));
  }
  const modal = [...byRaterCount.values()].map((subjects) => countsFromLabels(subjects)).sort((a, b) => b.counts.length - a.counts.length)[0];
  const kappa = modal && modal.counts.length > 0 && (modal.counts[0]?.reduce((s, v) => s + v, 0) ?? 0) >= 2 ? fleissKappa(modal.counts) : null;
  const first = firstWrongStepAgreement(firstWrongRows);
  return [
    { measure: 'step_label_agreement', value: share(agreeing, pairs), n: pairs },
    { measure: 'fleiss_kappa_steps', value: kappa?.kappa ?? null, n: modal?.counts.length ?? 0 },
    { measure: 'first_wrong_step_agreement', value: first.pairShare, n: first.pairs },
    { measure: 'first_wrong_step_alpha', value: first.alpha, n: first.tasks },
  ];
};

/**
 * The agreement figures of a project: per task with two or more experts, per kind of task over all of those,
 * and each expert's score on each gold task they judged.
 */
export const agreementSummary = (tasks: readonly TaskJudgements[]): AgreementSummary => {
  const shared = tasks.filter((t) => t.judgements.length >= 2);
  const kinds = (['ranking', 'reasoning', 'trajectory'] as const).flatMap((kind): KindAgreement[] => {
    const ofKind = shared.filter((t) => t.kind === kind);
    if (ofKind.length === 0) return [];
    const experts = [...new Set(ofKind.flatMap((t) => t.judgements.map((j) => j.expert)))].sort();
    return [{ kind, tasks: ofKind.length, figures: kind === 'ranking' ? rankingKind(ofKind, experts) : stepKind(ofKind) }];
  });
  const gold = tasks.flatMap((t) =>
    t.gold === null ? [] : t.judgements.filter((j) => j.annotation.kind === t.gold!.kind).map((j): ExpertGoldScore => ({ taskId: t.taskId, kind: t.kind, expert: j.expert, ...goldScore(t.gold!, j.annotation) })),
  );
  return { tasks: shared.map(taskAgreement), kinds, gold };
};

import { krippendorffAlpha } from './krippendorffAlpha';

/**
 * Agreement on the first wrong step of a reasoning trace. `tasks[t][r]` is rater r's first wrong step id on
 * task t: a step id, null for "no wrong step", undefined when the rater did not judge that task.
 */
export type FirstWrongStepData = ReadonlyArray<ReadonlyArray<string | null | undefined>>;

export interface FirstWrongStepAgreement {
  /** Tasks judged by at least two raters. */
  tasks: number;
  /** Of those, tasks on which every rater named the same step (or all said none). */
  unanimous: number;
  /** Rater pairs (within a task) that named the same step, over all such pairs. */
  agreeingPairs: number;
  pairs: number;
  pairShare: number | null;
  /** Krippendorff's nominal alpha with "no wrong step" as a category of its own. */
  alpha: number | null;
}

const NONE = '\u0000none';

export const firstWrongStepAgreement = (tasks: FirstWrongStepData): FirstWrongStepAgreement => {
  let judged = 0;
  let unanimous = 0;
  let agreeingPairs = 0;
  let pairs = 0;
  const codes = new Map<string, number>();
  const code = (v: string): number => {
    if (!codes.has(v)) codes.set(v, codes.size);
    return codes.get(v)!;
  };
  const raters = Math.max(0, ...tasks.map((t) => t.length));
  const reliability: (number | null)[][] = Array.from({ length: raters }, () => []);
  tasks.forEach((row, t) => {
    const given = row.filter((v) => v !== undefined).map((v) => v ?? NONE);
    for (let r = 0; r < raters; r++) {
      const v = row[r];
      // Step ids are per task: prefix the task so equal ids in different tasks are different categories;
      // "no wrong step" is one category everywhere.
      reliability[r]![t] = v === undefined ? null : code(v === null ? NONE : `${t}\u0000${v}`);
    }
    if (given.length < 2) return;
    judged++;
    if (given.every((v) => v === given[0])) unanimous++;
    for (let i = 0; i < given.length; i++) {
      for (let j = i + 1; j < given.length; j++) {
        pairs++;
        if (given[i] === given[j]) agreeingPairs++;
      }
    }
  });
  return {
    tasks: judged,
    unanimous,
    agreeingPairs,
    pairs,
    pairShare: pairs === 0 ? null : agreeingPairs / pairs,
    alpha: raters < 2 ? null : krippendorffAlpha(reliability, 'nominal').alpha,
  };
};

import type { Annotation, Task } from '@shared/domain';
import type { TaskJudgement } from '@shared/sync/reviewQuality';

/** One row of the side-by-side table: what each column (gold first when there is one, then each expert) says. */
export interface SideBySideRow {
  label: string;
  cells: string[];
  /** The experts (not the gold column) do not all say the same. */
  disagree: boolean;
}

export interface SideBySide {
  columns: string[];
  rows: SideBySideRow[];
}

const NONE = '—';
const RATING: Record<string, string> = { '1': '+1 correct', '0': '0 neutral', '-1': '−1 wrong' };
const letter = (i: number): string => String.fromCharCode(65 + i);

const stepsOf = (task: Task): string[] =>
  task.payload.kind === 'reasoning' ? task.payload.modelSteps.map((s) => s.id) : task.payload.kind === 'trajectory' ? task.payload.steps.map((s) => s.id) : [];

const stepName = (ids: readonly string[], id: string | null): string => {
  if (id === null) return 'none';
  const at = ids.indexOf(id);
  return at === -1 ? id : `step ${at + 1}`;
};

/** The text of one cell: `annotation`'s answer to the row `key` asks about. */
type RowKey = { kind: 'response' | 'step' | 'firstWrong'; id: string } | { kind: 'rating'; id: string; criterion: string };

const cellOf = (task: Task, annotation: Annotation, key: RowKey, isGold: boolean): string => {
  const steps = stepsOf(task);
  if (key.kind === 'rating') return annotation.kind === 'ranking' ? String(annotation.ratings[key.id]?.[key.criterion] ?? NONE) : NONE;
  if (annotation.kind === 'ranking' && key.kind === 'response') {
    const rank = annotation.ranks[key.id];
    const shown = annotation.displayOrder.indexOf(key.id);
    // An expert saw the responses under their own blind labels; the gold judgement was never shown to anyone.
    return rank === undefined ? NONE : `rank ${rank}${shown === -1 || isGold ? '' : ` (saw ${letter(shown)})`}`;
  }
  if (annotation.kind === 'reasoning') {
    if (key.kind === 'firstWrong') return stepName(steps, annotation.firstErrorStepId);
    const rating = annotation.stepRatings[key.id];
    return rating === undefined ? NONE : (RATING[String(rating)] ?? String(rating));
  }
  if (annotation.kind === 'trajectory') {
    if (key.kind === 'firstWrong') return stepName(steps, annotation.firstWrongStepId);
    return annotation.stepLabels[key.id] ?? NONE;
  }
  return NONE;
};

/** What each expert (and the gold judgement) said, row by row, in the task's own order. */
export const sideBySide = (task: Task, judgements: readonly TaskJudgement[], gold: Annotation | null): SideBySide => {
  const sources = [...(gold === null ? [] : [gold]), ...judgements.map((j) => j.annotation)];
  const columns = [...(gold === null ? [] : ['Gold (expected)']), ...judgements.map((j) => j.expert)];
  const keys: Array<{ label: string; key: RowKey }> =
    task.payload.kind === 'ranking'
      ? [
          ...task.payload.responses.map((r, i) => ({ label: `Response ${i + 1} · ${r.id}`, key: { kind: 'response' as const, id: r.id } })),
          // Then each rating, response by response, criterion by criterion.
          ...task.payload.responses.flatMap((r, i) =>
            (task.payload.kind === 'ranking' ? task.payload.rubric.criteria : []).map((c) => ({
              label: `Response ${i + 1} · ${c.label}`,
              key: { kind: 'rating' as const, id: r.id, criterion: c.id },
            })),
          ),
        ]
      : [
          ...stepsOf(task).map((id, i) => ({ label: `Step ${i + 1}`, key: { kind: 'step' as const, id } })),
          { label: 'First wrong step', key: { kind: 'firstWrong' as const, id: '' } },
        ];
  const rows = keys.map(({ label, key }): SideBySideRow => {
    const cells = sources.map((a, i) => cellOf(task, a, key, gold !== null && i === 0));
    const experts = gold === null ? cells : cells.slice(1);
    // For rankings, compare the ranks only (each expert saw their own blind labels).
    const compared = experts.map((c) => c.replace(/ \(saw [A-Z]\)$/, ''));
    return { label, cells, disagree: new Set(compared).size > 1 };
  });
  if (judgements.some((j) => j.goldScore !== null)) {
    rows.push({
      label: 'Gold score',
      cells: [...(gold === null ? [] : ['']), ...judgements.map((j) => (j.goldScore?.score == null ? NONE : `${Math.round(j.goldScore.score * 100)}% (${j.goldScore.matched}/${j.goldScore.of})`))],
      disagree: false,
    });
  }
  return { columns, rows };
};

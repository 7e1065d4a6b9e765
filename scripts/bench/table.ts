/**
 * Rows, goals and the markdown table. Pure (no I/O), so tests/bench can check it without a browser.
 *
 * Every row is measured beside a raw baseline IN THE SAME RUN, and the goal is usually a ratio to that
 * baseline, so a slower or busier machine moves both numbers together.
 */

export type Unit = 'ms' | 'MB' | 'KB' | 'nodes' | 'count';

export type Goal =
  /** measured / baseline must be at most `max` (e.g. 1.0 = no slower than the floor). */
  | { kind: 'ratio'; max: number }
  /** measured must be below `max` (strictly), in the row's unit (e.g. a 200 ms budget). */
  | { kind: 'below'; max: number }
  /** measured must be exactly `value` (e.g. 0 re-renders). */
  | { kind: 'equal'; value: number };

export interface BenchRow {
  /** "group: what, which moment", e.g. "ranking: warm, first screen". */
  name: string;
  /** The median of the samples (or the single measurement). */
  value: number;
  unit: Unit;
  /** Every run's measurement, to show the spread. */
  samples?: number[];
  /** The raw baseline measured in the same run, e.g. { label: 'floor', value: 1600 }. */
  baseline?: { label: string; value: number };
  goal?: Goal;
  note?: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case 'KB':
      return `${value.toFixed(1)} KB`;
    case 'nodes':
      return `${Math.round(value).toLocaleString('en-US')} nodes`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
  }
}

export function ratioOf(row: BenchRow): number | null {
  if (!row.baseline || !Number.isFinite(row.baseline.value) || row.baseline.value === 0) return null;
  return row.value / row.baseline.value;
}

export function formatGoal(goal: Goal | undefined, unit: Unit): string {
  if (!goal) return '(no goal)';
  switch (goal.kind) {
    case 'ratio':
      return `goal <= ${goal.max.toFixed(1)}x`;
    case 'below':
      return `goal < ${formatValue(goal.max, unit)}`;
    case 'equal':
      return `goal = ${formatValue(goal.value, unit)}`;
  }
}

/** true/false when the row has a goal it can be judged on, null otherwise. */
export function meetsGoal(row: BenchRow): boolean | null {
  const goal = row.goal;
  if (!goal || !Number.isFinite(row.value)) return null;
  switch (goal.kind) {
    case 'ratio': {
      const ratio = ratioOf(row);
      return ratio === null ? null : ratio <= goal.max;
    }
    case 'below':
      return row.value < goal.max;
    case 'equal':
      return row.value === goal.value;
  }
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function formatRow(row: BenchRow): string {
  const ratio = ratioOf(row);
  const met = meetsGoal(row);
  const spread =
    row.samples && row.samples.length > 1
      ? `n=${row.samples.length}, ${formatValue(Math.min(...row.samples), row.unit)} – ${formatValue(Math.max(...row.samples), row.unit)}`
      : row.samples?.length === 1
        ? 'n=1'
        : '';
  return `| ${[
    row.name,
    formatValue(row.value, row.unit),
    row.baseline ? `${row.baseline.label} ${formatValue(row.baseline.value, row.unit)}` : '—',
    ratio === null ? '—' : `${ratio.toFixed(2)}x`,
    formatGoal(row.goal, row.unit),
    met === null ? '' : met ? 'yes' : '**no**',
    spread,
    row.note ?? '',
  ]
    .map(cell)
    .join(' | ')} |`;
}

export const TABLE_HEADER = '| Row | Measured (median) | Baseline, same run | Ratio | Goal | Met | Runs (min – max) | Note |\n|---|---:|---:|---:|---|:---:|---|---|';

export function formatTable(rows: readonly BenchRow[]): string {
  return [TABLE_HEADER, ...rows.map(formatRow)].join('\n');
}

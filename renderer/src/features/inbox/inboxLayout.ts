import { TASK_STATUS_ORDER, type StatusCounts, type TaskStatus } from '@shared/domain';

/** One status group of the inbox: its header row, then `count` task rows for positions start … start+count-1. */
export interface InboxGroup {
  status: TaskStatus;
  count: number;
  /** Position (among matching tasks) of the group's first task. */
  start: number;
  /** Row (among list rows, headers included) of the group's header. */
  headerRow: number;
}

export type InboxRow = { type: 'header'; status: TaskStatus; count: number } | { type: 'task'; position: number };

/**
 * The inbox as list rows, computed from the per-status counts alone, so the list knows every row's place before
 * it has fetched a single task: status groups in inbox order, each a header and its tasks. A search is one flat,
 * ranked list without headers.
 */
export interface InboxLayout {
  rowCount: number;
  taskCount: number;
  rowAt(row: number): InboxRow | null;
  rowOf(position: number): number;
}

/** `counts` lays out the grouped inbox; a ranked search (`counts` null) is `matching` rows. */
export function inboxLayout(counts: StatusCounts | null, matching: number): InboxLayout {
  if (counts === null) {
    return {
      rowCount: matching,
      taskCount: matching,
      rowAt: (row) => (row >= 0 && row < matching ? { type: 'task', position: row } : null),
      rowOf: (position) => position,
    };
  }
  const groups: InboxGroup[] = [];
  let start = 0;
  let headerRow = 0;
  for (const status of TASK_STATUS_ORDER) {
    const count = counts[status];
    if (count === 0) continue;
    groups.push({ status, count, start, headerRow });
    start += count;
    headerRow += count + 1;
  }
  return {
    rowCount: headerRow,
    taskCount: matching,
    rowAt(row) {
      for (const g of groups) {
        if (row === g.headerRow) return { type: 'header', status: g.status, count: g.count };
        if (row > g.headerRow && row <= g.headerRow + g.count) return { type: 'task', position: g.start + row - g.headerRow - 1 };
      }
      return null;
    },
    rowOf(position) {
      const g = groups.find((group) => position >= group.start && position < group.start + group.count);
      return g ? g.headerRow + 1 + position - g.start : -1;
    },
  };
}

import { TASK_STATUS_ORDER, type TaskStatus, type TaskSummary } from '@shared/domain';

export type InboxRow =
  | { type: 'header'; status: TaskStatus; count: number }
  | { type: 'task'; task: TaskSummary; index: number };

/** Flattens tasks into header and task rows, in status order, for one virtualized list. */
export function groupByStatus(tasks: readonly TaskSummary[]): InboxRow[] {
  const rows: InboxRow[] = [];
  const byStatus = new Map<TaskStatus, { task: TaskSummary; index: number }[]>();
  tasks.forEach((task, index) => {
    const group = byStatus.get(task.status) ?? [];
    group.push({ task, index });
    byStatus.set(task.status, group);
  });
  for (const status of TASK_STATUS_ORDER) {
    const group = byStatus.get(status);
    if (!group) continue;
    rows.push({ type: 'header', status, count: group.length });
    for (const item of group) rows.push({ type: 'task', ...item });
  }
  return rows;
}

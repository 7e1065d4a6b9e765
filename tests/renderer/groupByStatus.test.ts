import { describe, expect, it } from 'vitest';
import type { TaskSummary } from '@shared/domain';
import { groupByStatus } from '../../renderer/src/features/inbox/groupByStatus';

const task = (id: string, status: TaskSummary['status']): TaskSummary => ({
  id,
  project: 'P',
  kind: 'ranking',
  title: id,
  status,
  source: 'import',
  updatedAt: '2026-11-23T10:00:00.000Z',
  excerpt: '',
});

describe('groupByStatus', () => {
  it('puts returned work first, then in progress, new, submitted, accepted, each under a header with its count', () => {
    const rows = groupByStatus([task('a', 'new'), task('b', 'submitted'), task('c', 'returned'), task('d', 'new')]);
    expect(rows.map((r) => (r.type === 'header' ? `#${r.status}:${r.count}` : r.task.id))).toEqual([
      '#returned:1',
      'c',
      '#new:2',
      'a',
      'd',
      '#submitted:1',
      'b',
    ]);
  });

  it('keeps each task row pointing at its index in the flat list, so the keyboard cursor and rows agree', () => {
    const tasks = [task('a', 'new'), task('b', 'returned')];
    const rows = groupByStatus(tasks);
    for (const row of rows) if (row.type === 'task') expect(tasks[row.index]).toBe(row.task);
  });

  it('has no rows for no tasks', () => {
    expect(groupByStatus([])).toEqual([]);
  });
});

import type { TaskStatus } from '@shared/domain';
import type { Db } from './database';

/** The expert's own workflow status per task, kept apart from the snapshot so pulls never reset it. */
/**
 * The inbox recency (minus epoch ms of the later of the task's arrival and `at`; see migration 6) of a task_state row
 * written at `at`, set by the same statement so the recency trigger stands aside (migration 11).
 */
export const RECENCY_AT = (at: string, taskId: string): string =>
  `-CAST(round((julianday(max(${at}, (SELECT received_at FROM tasks WHERE id = ${taskId}))) - 2440587.5) * 86400000) AS INTEGER)`;

export const createTaskStateRepository = (db: Db) => {
  const selectStatus = db.prepare<[string], TaskStatus>('SELECT status FROM task_state WHERE task_id = ?').pluck();
  const updateStatus = db.prepare<[{ status: TaskStatus; at: string; taskId: string }]>(
    `UPDATE task_state SET status = @status, updated_at = @at, recency = ${RECENCY_AT('@at', '@taskId')} WHERE task_id = @taskId`,
  );
  const touchRow = db.prepare<[{ at: string; taskId: string }]>(`UPDATE task_state SET updated_at = @at, recency = ${RECENCY_AT('@at', '@taskId')} WHERE task_id = @taskId`);
  return {
    statusOf: (taskId: string): TaskStatus | null => selectStatus.get(taskId) ?? null,
    setStatus(taskId: string, status: TaskStatus, at: string): void {
      updateStatus.run({ status, at, taskId });
    },
    touch(taskId: string, at: string): void {
      touchRow.run({ at, taskId });
    },
  };
};
export type TaskStateRepository = ReturnType<typeof createTaskStateRepository>;

import type { TaskStatus } from '@shared/domain';
import type { Db } from './database';

/** The expert's own workflow status per task, kept apart from the snapshot so pulls never reset it. */
export const createTaskStateRepository = (db: Db) => {
  const selectStatus = db.prepare<[string], TaskStatus>('SELECT status FROM task_state WHERE task_id = ?').pluck();
  const updateStatus = db.prepare<[TaskStatus, string, string]>('UPDATE task_state SET status = ?, updated_at = ? WHERE task_id = ?');
  const touchRow = db.prepare<[string, string]>('UPDATE task_state SET updated_at = ? WHERE task_id = ?');
  return {
    statusOf: (taskId: string): TaskStatus | null => selectStatus.get(taskId) ?? null,
    setStatus(taskId: string, status: TaskStatus, at: string): void {
      updateStatus.run(status, at, taskId);
    },
    touch(taskId: string, at: string): void {
      touchRow.run(at, taskId);
    },
  };
};
export type TaskStateRepository = ReturnType<typeof createTaskStateRepository>;

import type { Annotation, Submission } from '@shared/domain';
import type { Db } from './database';

interface SubmissionRow {
  task_id: string;
  revision: number;
  idempotency_key: string;
  submitted_at: string;
  task_version: number | null;
}

/** What the expert handed in, per task; a returned task can be handed in again, so the latest counts. */
export const createSubmissionRepository = (db: Db) => {
  const insertRow = db.prepare(`
    INSERT INTO submissions (task_id, revision, annotation_json, idempotency_key, submitted_at, task_version)
    VALUES (@taskId, @revision, @annotationJson, @idempotencyKey, @submittedAt, @taskVersion)`);
  const selectLatest = db.prepare<[string], SubmissionRow>(
    'SELECT task_id, revision, idempotency_key, submitted_at, task_version FROM submissions WHERE task_id = ? ORDER BY id DESC LIMIT 1',
  );
  return {
    insert(submission: Submission, annotation: Annotation): void {
      insertRow.run({ ...submission, taskVersion: submission.taskVersion ?? null, annotationJson: JSON.stringify(annotation) });
    },
    latest(taskId: string): Submission | null {
      const row = selectLatest.get(taskId);
      if (!row) return null;
      const submission: Submission = { taskId: row.task_id, revision: row.revision, idempotencyKey: row.idempotency_key, submittedAt: row.submitted_at };
      return row.task_version === null ? submission : { ...submission, taskVersion: row.task_version };
    },
  };
};
export type SubmissionRepository = ReturnType<typeof createSubmissionRepository>;

import { sql } from 'kysely';
import { median, pasteSignalSchema, type PasteSignal, type SubmissionActivity } from '../../shared/domain';
import type { StoreContext } from './context';
import { all, one, run, type Executor } from './database';

/**
 * The activity signals a submission carried (large pastes: size and time only) and the project's median active
 * time, which the review queue shows beside each submission.
 */
export const createSubmissionActivity = ({ db }: StoreContext) => {
  return {
    /** Call inside the submit's transaction. */
    async record(tx: Executor, submissionId: string, activity: SubmissionActivity | undefined): Promise<void> {
      if (!activity || activity.pastes.length === 0) return;
      await run(
        tx,
        sql`INSERT INTO submission_activity (submission_id, pastes_json) VALUES (${submissionId}, ${JSON.stringify(activity.pastes)})
          ON CONFLICT (submission_id) DO UPDATE SET pastes_json = excluded.pastes_json`,
      );
    },
    async pastes(submissionId: string, ex: Executor = db.kysely): Promise<PasteSignal[]> {
      const row = await one<{ pastes_json: string }>(ex, sql`SELECT pastes_json FROM submission_activity WHERE submission_id = ${submissionId}`);
      return row === undefined ? [] : pasteSignalSchema.array().parse(JSON.parse(row.pastes_json));
    },
    async projectMedianSeconds(project: string, ex: Executor = db.kysely): Promise<number | null> {
      // The latest submission of each assignment in the project: one figure per piece of work, not per resubmission.
      const rows = await all<{ active_seconds: number }>(
        ex,
        sql`SELECT s.active_seconds FROM assignments a JOIN submissions s ON s.id = a.last_submission_id JOIN tasks t ON t.id = a.task_id
          WHERE t.project = ${project}`,
      );
      return median(rows.map((r) => r.active_seconds));
    },
  };
};
export type SubmissionActivityStore = ReturnType<typeof createSubmissionActivity>;

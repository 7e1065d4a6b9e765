import { median, pasteSignalSchema, type PasteSignal, type SubmissionActivity } from '../../shared/domain';
import type { StoreContext } from './context';

/**
 * The activity signals a submission carried (large pastes: size and time only) and the project's median active
 * time, which the review queue shows beside each submission.
 */
export const createSubmissionActivity = ({ db }: StoreContext) => {
  const insert = db.prepare('INSERT OR REPLACE INTO submission_activity (submission_id, pastes_json) VALUES (?, ?)');
  const pastesOf = db.prepare<[string], string>('SELECT pastes_json FROM submission_activity WHERE submission_id = ?').pluck();
  // The latest submission of each assignment in the project: one figure per piece of work, not per resubmission.
  const projectTimes = db.prepare<[string], number>(`
    SELECT s.active_seconds FROM assignments a JOIN submissions s ON s.id = a.last_submission_id JOIN tasks t ON t.id = a.task_id
    WHERE t.project = ?`).pluck();

  return {
    /** Call inside the submit's transaction. */
    record(submissionId: string, activity: SubmissionActivity | undefined): void {
      if (activity && activity.pastes.length > 0) insert.run(submissionId, JSON.stringify(activity.pastes));
    },
    pastes(submissionId: string): PasteSignal[] {
      const json = pastesOf.get(submissionId);
      return json === undefined ? [] : pasteSignalSchema.array().parse(JSON.parse(json));
    },
    projectMedianSeconds(project: string): number | null {
      return median(projectTimes.all(project));
    },
  };
};
export type SubmissionActivityStore = ReturnType<typeof createSubmissionActivity>;

import { reviewSchema, type Review } from '@shared/domain';
import type { Db } from './database';

interface ReviewRow {
  task_id: string;
  verdict: string;
  comments_json: string;
  reviewer: string;
  reviewed_at: string;
  fixed_annotation_json: string | null;
  remote_id: string | null;
}

/** Reviewers' verdicts on submitted tasks; sync writes them, the workspace shows the latest. */
export const createReviewRepository = (db: Db) => {
  const insertRow = db.prepare(`
    INSERT INTO reviews (task_id, verdict, comments_json, reviewer, reviewed_at)
    VALUES (@taskId, @verdict, @commentsJson, @reviewer, @reviewedAt)`);
  const selectLatest = db.prepare<[string], ReviewRow>('SELECT * FROM reviews WHERE task_id = ? ORDER BY reviewed_at DESC, id DESC LIMIT 1');
  return {
    insert(review: Review): void {
      insertRow.run({ ...review, commentsJson: JSON.stringify(review.comments) });
    },
    latest(taskId: string): Review | null {
      const row = selectLatest.get(taskId);
      if (!row) return null;
      return reviewSchema.parse({
        ...(row.remote_id === null ? {} : { id: row.remote_id }),
        taskId: row.task_id,
        verdict: row.verdict,
        comments: JSON.parse(row.comments_json),
        reviewer: row.reviewer,
        reviewedAt: row.reviewed_at,
        ...(row.fixed_annotation_json === null ? {} : { fixedAnnotation: JSON.parse(row.fixed_annotation_json) as unknown }),
      });
    },
  };
};
export type ReviewRepository = ReturnType<typeof createReviewRepository>;

import { annotationSchema } from '../../shared/domain';
import type { PlatformUser, PostReviewRequest, ReviewQueueItem, ReviewRecord } from '../../shared/sync/protocol';
import type { AssignmentRepository } from './assignments';
import { isoAt, newId, type StoreContext } from './context';
import { PlatformError } from './errors';
import type { Feed } from './feed';
import { createCommentReplyRepository } from './commentReplies';
import { createSubmissionActivity } from './submissionActivity';
import type { RevisionChain } from './revisionChain';
import { parseStoredTask } from './tasks';

interface QueueRow {
  submission_id: string;
  assignment_id: number;
  user_name: string;
  revision: number;
  annotation_json: string;
  active_seconds: number;
  submitted_at: string;
  task_version: number | null;
}

interface SubmissionRow {
  id: string;
  assignment_id: number;
  task_id: string;
  user_id: string;
  state: string;
  last_submission_id: string | null;
  ended_at: string | null;
}

/** The latest submission of each assignment waiting for a verdict. */
const QUEUE = `
  SELECT s.id AS submission_id, a.id AS assignment_id, u.name AS user_name, s.revision, s.annotation_json, s.active_seconds, s.submitted_at, s.task_version
  FROM assignments a
  JOIN submissions s ON s.id = a.last_submission_id
  JOIN users u ON u.id = a.user_id
  JOIN tasks t ON t.id = a.task_id
  WHERE a.ended_at IS NULL AND a.state = 'submitted' AND (? IS NULL OR t.project = ?) AND a.user_id <> ?
  ORDER BY s.submitted_at, s.rowid LIMIT ?`;

export const createReviewRepository = (ctx: StoreContext, assignments: AssignmentRepository, feed: Feed, chain: RevisionChain) => {
  const { db, now } = ctx;
  const activity = createSubmissionActivity(ctx);
  const replies = createCommentReplyRepository(ctx);
  const queue = db.prepare<[string | null, string | null, string, number], QueueRow>(QUEUE);
  const assignmentById = db.prepare<[number], { task_id: string; user_id: string }>('SELECT task_id, user_id FROM assignments WHERE id = ?');
  const submission = db.prepare<[string], SubmissionRow>(`
    SELECT s.id, s.assignment_id, s.task_id, s.user_id, a.state, a.last_submission_id, a.ended_at
    FROM submissions s JOIN assignments a ON a.id = s.assignment_id WHERE s.id = ?`);
  const versionJson = db.prepare<[string, number], string>('SELECT task_json FROM task_versions WHERE task_id = ? AND version = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO reviews (id, submission_id, task_id, reviewer_id, verdict, record_json, reviewed_at, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byKey = db.prepare<[string, string], string>('SELECT record_json FROM reviews WHERE reviewer_id = ? AND idempotency_key = ?').pluck();

  return {
    queue(reviewer: PlatformUser, project: string | undefined, limit: number): ReviewQueueItem[] {
      const medians = new Map<string, number | null>();
      const medianOf = (project: string): number | null => {
        if (!medians.has(project)) medians.set(project, activity.projectMedianSeconds(project));
        return medians.get(project) ?? null;
      };
      return db.transaction(() =>
        queue.all(project ?? null, project ?? null, reviewer.id, limit).map((row): ReviewQueueItem => {
          const holder = assignmentById.get(row.assignment_id);
          const current = holder ? assignments.latestOfUser(holder.user_id, holder.task_id) : null;
          if (!current) throw new Error(`assignment ${row.assignment_id} vanished`);
          // Reviewers see the task as it was when the expert did the work (the version the submission names), not who holds the lease.
          const json = row.task_version === null ? undefined : versionJson.get(current.task_id, row.task_version);
          const task = { ...(json === undefined ? assignments.taskFor(current) : parseStoredTask(json)), lease: null };
          return {
            submissionId: row.submission_id,
            task,
            expert: row.user_name,
            revision: row.revision,
            annotation: annotationSchema.parse(JSON.parse(row.annotation_json)),
            activeSeconds: row.active_seconds,
            submittedAt: row.submitted_at,
            activity: { pastes: activity.pastes(row.submission_id), projectMedianSeconds: medianOf(task.project) },
            earlierReviews: replies.earlierReviews(row.assignment_id, row.submission_id),
          };
        }),
      )();
    },

    /** Records the verdict and puts it in the expert's feed. Only the current submission awaiting review can be reviewed. */
    post(reviewer: PlatformUser, request: PostReviewRequest): { review: ReviewRecord; duplicate: boolean } {
      return db.transaction(() => {
        // A replay of a verdict already recorded: the stored answer, no second effect.
        const stored = request.idempotencyKey === undefined ? undefined : byKey.get(reviewer.id, request.idempotencyKey);
        if (stored !== undefined) return { review: JSON.parse(stored) as ReviewRecord, duplicate: true };
        const sub = submission.get(request.submissionId);
        if (!sub) throw new PlatformError('not_found', `No submission ${request.submissionId}`, 'submissionId');
        if (sub.user_id === reviewer.id) throw new PlatformError('forbidden', 'You cannot review your own submission');
        if (sub.ended_at !== null || sub.last_submission_id !== sub.id || sub.state !== 'submitted') {
          throw new PlatformError('conflict', `Submission ${sub.id} is not awaiting review (a newer submission exists, it was already reviewed, or the task was withdrawn)`);
        }
        const reviewedAt = isoAt(now());
        const record: ReviewRecord = {
          id: newId('rev'),
          submissionId: sub.id,
          taskId: sub.task_id,
          verdict: request.verdict,
          comments: request.comments.map((c, i) => ({ id: `c${i + 1}`, anchor: c.anchor, body: c.body, author: reviewer.name, createdAt: reviewedAt })),
          reviewer: reviewer.name,
          reviewedAt,
          fixedAnnotation: request.fixedAnnotation ?? null,
        };
        insert.run(record.id, sub.id, sub.task_id, reviewer.id, record.verdict, JSON.stringify(record), reviewedAt, request.idempotencyKey ?? null);
        if (record.verdict === 'fixed') chain.append('fix', record.id);
        const row = assignments.latestOfUser(sub.user_id, sub.task_id);
        if (!row) throw new Error(`assignment of ${sub.id} vanished`);
        assignments.setState(row, request.verdict === 'returned' ? 'returned' : 'accepted');
        feed.append(sub.user_id, { type: 'review', at: reviewedAt, review: record });
        return { review: record, duplicate: false };
      })();
    },
  };
};
export type ReviewRepository = ReturnType<typeof createReviewRepository>;

import { annotationSchema } from '../../shared/domain';
import type { PlatformUser, PostReviewRequest, ReviewQueueItem, ReviewRecord } from '../../shared/sync/protocol';
import type { AssignmentRepository } from './assignments';
import { sql } from 'kysely';
import { isoAt, newId, type StoreContext } from './context';
import { all, insertOrder, one, run, transaction } from './database';
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

export const createReviewRepository = (ctx: StoreContext, assignments: AssignmentRepository, feed: Feed, chain: RevisionChain) => {
  const { db, now } = ctx;
  const activity = createSubmissionActivity(ctx);
  const replies = createCommentReplyRepository(ctx);
  return {
    /** The latest submission of each assignment waiting for a verdict. */
    queue(reviewer: PlatformUser, project: string | undefined, limit: number): Promise<ReviewQueueItem[]> {
      const p = project ?? null;
      return transaction(
        db,
        async (tx) => {
          const rows = await all<QueueRow>(
            tx,
            sql`SELECT s.id AS submission_id, a.id AS assignment_id, u.name AS user_name, s.revision, s.annotation_json, s.active_seconds, s.submitted_at, s.task_version
              FROM assignments a
              JOIN submissions s ON s.id = a.last_submission_id
              JOIN users u ON u.id = a.user_id
              JOIN tasks t ON t.id = a.task_id
              WHERE a.ended_at IS NULL AND a.state = 'submitted' AND (CAST(${p} AS TEXT) IS NULL OR t.project = ${p}) AND a.user_id <> ${reviewer.id}
              ORDER BY s.submitted_at, ${insertOrder(db, 's')} LIMIT ${limit}`,
          );
          const medians = new Map<string, number | null>();
          const medianOf = async (name: string): Promise<number | null> => {
            if (!medians.has(name)) medians.set(name, await activity.projectMedianSeconds(name, tx));
            return medians.get(name) ?? null;
          };
          const items: ReviewQueueItem[] = [];
          for (const row of rows) {
            const holder = await one<{ task_id: string; user_id: string }>(tx, sql`SELECT task_id, user_id FROM assignments WHERE id = ${row.assignment_id}`);
            const current = holder ? await assignments.latestOfUser(holder.user_id, holder.task_id, tx) : null;
            if (!current) throw new Error(`assignment ${row.assignment_id} vanished`);
            // Reviewers see the task as it was when the expert did the work (the version the submission names), not who holds the lease.
            const version =
              row.task_version === null
                ? undefined
                : await one<{ task_json: string }>(tx, sql`SELECT task_json FROM task_versions WHERE task_id = ${current.task_id} AND version = ${row.task_version}`);
            const task = { ...(version === undefined ? await assignments.taskFor(tx, current) : parseStoredTask(version.task_json)), lease: null };
            items.push({
              submissionId: row.submission_id,
              task,
              expert: row.user_name,
              revision: row.revision,
              annotation: annotationSchema.parse(JSON.parse(row.annotation_json)),
              activeSeconds: row.active_seconds,
              submittedAt: row.submitted_at,
              activity: { pastes: await activity.pastes(row.submission_id, tx), projectMedianSeconds: await medianOf(task.project) },
              earlierReviews: await replies.earlierReviews(Number(row.assignment_id), row.submission_id, tx),
            });
          }
          return items;
        },
        'read',
      );
    },

    /** Records the verdict and puts it in the expert's feed. Only the current submission awaiting review can be reviewed. */
    post(reviewer: PlatformUser, request: PostReviewRequest): Promise<{ review: ReviewRecord; duplicate: boolean }> {
      return transaction(db, async (tx) => {
        // A replay of a verdict already recorded: the stored answer, no second effect.
        const stored =
          request.idempotencyKey === undefined
            ? undefined
            : await one<{ record_json: string }>(tx, sql`SELECT record_json FROM reviews WHERE reviewer_id = ${reviewer.id} AND idempotency_key = ${request.idempotencyKey}`);
        if (stored !== undefined) return { review: JSON.parse(stored.record_json) as ReviewRecord, duplicate: true };
        const sub = await one<SubmissionRow>(
          tx,
          sql`SELECT s.id, s.assignment_id, s.task_id, s.user_id, a.state, a.last_submission_id, a.ended_at
            FROM submissions s JOIN assignments a ON a.id = s.assignment_id WHERE s.id = ${request.submissionId}`,
        );
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
        await run(
          tx,
          sql`INSERT INTO reviews (id, submission_id, task_id, reviewer_id, verdict, record_json, reviewed_at, idempotency_key)
            VALUES (${record.id}, ${sub.id}, ${sub.task_id}, ${reviewer.id}, ${record.verdict}, ${JSON.stringify(record)}, ${reviewedAt}, ${request.idempotencyKey ?? null})`,
        );
        if (record.verdict === 'fixed') await chain.append(tx, 'fix', record.id);
        const row = await assignments.latestOfUser(sub.user_id, sub.task_id, tx);
        if (!row) throw new Error(`assignment of ${sub.id} vanished`);
        await assignments.setState(tx, row, request.verdict === 'returned' ? 'returned' : 'accepted');
        await feed.append(tx, sub.user_id, { type: 'review', at: reviewedAt, review: record });
        return { review: record, duplicate: false };
      });
    },
  };
};
export type ReviewRepository = ReturnType<typeof createReviewRepository>;

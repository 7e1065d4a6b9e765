import { randomUUID } from 'node:crypto';
import type { ReviewQueueEntry, ReviewVerdictInput, ReviewVerdictState } from '@shared/ipc/review';
import { reviewQueueItemSchema, reviewRecordSchema, type PostReviewRequestInput, type ReviewQueueItem, type ReviewRecord } from '@shared/sync';
import { activitySignals, searchableTextOf } from '@shared/review/activitySignals';
import type { Db } from './database';

interface QueueRow {
  submission_id: string;
  project: string;
  task_id: string;
  kind: string;
  title: string;
  expert: string;
  submitted_at: string;
  item_json: string;
}

interface OutboxRow {
  id: number;
  submission_id: string;
  task_id: string;
  verdict: ReviewRecord['verdict'];
  request_json: string;
  idempotency_key: string;
  created_at: string;
  attempts: number;
  last_error: string | null;
  state: 'pending' | 'sent' | 'failed';
  review_json: string | null;
}

export interface PendingVerdict {
  id: number;
  submissionId: string;
  request: PostReviewRequestInput;
}

const stateOf = (row: OutboxRow): ReviewVerdictState => ({
  verdict: row.verdict,
  state: row.state,
  message: row.last_error,
  createdAt: row.created_at,
});

/**
 * A reviewer's side of review: the queue the platform served (replaced at each pull, never holding work) and the
 * verdicts given here, each waiting in its own outbox until the platform has it.
 */
export const createReviewQueueRepository = (db: Db) => {
  const clear = db.prepare('DELETE FROM review_queue');
  const insert = db.prepare(
    'INSERT INTO review_queue (submission_id, project, task_id, kind, title, expert, submitted_at, item_json, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const list = db.prepare<[], QueueRow>(`
    SELECT q.* FROM review_queue q
    WHERE NOT EXISTS (SELECT 1 FROM review_outbox o WHERE o.submission_id = q.submission_id)
    ORDER BY q.project, q.submitted_at, q.submission_id`);
  const one = db.prepare<[string], QueueRow>('SELECT * FROM review_queue WHERE submission_id = ?');
  const verdictOf = db.prepare<[string], OutboxRow>('SELECT * FROM review_outbox WHERE submission_id = ?');
  const insertVerdict = db.prepare(
    'INSERT INTO review_outbox (submission_id, task_id, verdict, request_json, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const pending = db.prepare<[], OutboxRow>("SELECT * FROM review_outbox WHERE state = 'pending' ORDER BY id");
  const pendingCount = db.prepare<[], number>("SELECT count(*) FROM review_outbox WHERE state = 'pending'").pluck();
  const markSent = db.prepare<[string, number]>("UPDATE review_outbox SET state = 'sent', attempts = attempts + 1, last_error = NULL, review_json = ? WHERE id = ?");
  const markFailed = db.prepare<[string, number]>("UPDATE review_outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?");
  const markAttempt = db.prepare<[string, number]>('UPDATE review_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');

  return {
    /** Replaces the cached queue with what the platform serves now. Call inside a transaction. */
    replace(items: readonly ReviewQueueItem[], fetchedAt: string): void {
      clear.run();
      for (const item of items) {
        insert.run(item.submissionId, item.task.project, item.task.id, item.task.payload.kind, item.task.title, item.expert, item.submittedAt, JSON.stringify(item), fetchedAt);
      }
    },

    /** The submissions waiting for a verdict from this computer, by project then oldest first. */
    list(): ReviewQueueEntry[] {
      return list.all().map((row) => {
        const item = reviewQueueItemSchema.parse(JSON.parse(row.item_json));
        const signals = activitySignals(item);
        return {
          submissionId: row.submission_id,
          project: row.project,
          taskId: row.task_id,
          kind: item.task.payload.kind,
          title: row.title,
          expert: row.expert,
          submittedAt: row.submitted_at,
          activeSeconds: item.activeSeconds,
          revision: item.revision,
          medianSeconds: signals.medianSeconds,
          pastes: signals.pastes.length,
          pastedChars: signals.pastedChars,
          flags: signals.flags,
          searchText: searchableTextOf(item.task.payload),
        };
      });
    },

    item(submissionId: string): ReviewQueueItem | null {
      const row = one.get(submissionId);
      return row ? reviewQueueItemSchema.parse(JSON.parse(row.item_json)) : null;
    },

    verdict(submissionId: string): ReviewVerdictState | null {
      const row = verdictOf.get(submissionId);
      return row ? stateOf(row) : null;
    },

    /** Records a verdict to send. One per submission: a second one is refused by the UNIQUE constraint. */
    enqueue(taskId: string, input: ReviewVerdictInput, createdAt: string): void {
      const request: PostReviewRequestInput = {
        submissionId: input.submissionId,
        verdict: input.verdict,
        comments: input.comments,
        ...(input.verdict === 'fixed' && input.fixedAnnotation ? { fixedAnnotation: input.fixedAnnotation } : {}),
      };
      insertVerdict.run(input.submissionId, taskId, input.verdict, JSON.stringify(request), `verdict-${randomUUID()}`, createdAt);
    },

    pending(): PendingVerdict[] {
      return pending.all().map((row) => ({
        id: row.id,
        submissionId: row.submission_id,
        request: { ...(JSON.parse(row.request_json) as PostReviewRequestInput), idempotencyKey: row.idempotency_key },
      }));
    },
    pendingCount: (): number => pendingCount.get() ?? 0,
    markSent(id: number, review: ReviewRecord): void {
      markSent.run(JSON.stringify(reviewRecordSchema.parse(review)), id);
    },
    markFailed(id: number, message: string): void {
      markFailed.run(message, id);
    },
    markAttempt(id: number, message: string): void {
      markAttempt.run(message, id);
    },
  };
};
export type ReviewQueueRepository = ReturnType<typeof createReviewQueueRepository>;

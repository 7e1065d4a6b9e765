import { randomUUID } from 'node:crypto';
import type { CommentReplyState } from '@shared/ipc/commentReplies';
import type { PostCommentReplyRequest } from '@shared/sync';
import type { Db } from './database';

interface ReplyRow {
  id: number;
  task_id: string;
  review_id: string;
  comment_id: string;
  body: string;
  idempotency_key: string;
  created_at: string;
  attempts: number;
  last_error: string | null;
  state: 'pending' | 'sent' | 'failed';
}

export interface PendingReply {
  id: number;
  request: PostCommentReplyRequest;
}

const stateOf = (row: ReplyRow): CommentReplyState => ({
  id: row.id,
  reviewId: row.review_id,
  commentId: row.comment_id,
  body: row.body,
  createdAt: row.created_at,
  state: row.state,
  message: row.last_error,
});

/** An expert's replies to review comments: written here, sent once each at the next sync (the key makes a resend harmless). */
export const createReplyOutboxRepository = (db: Db) => {
  const insert = db.prepare('INSERT INTO reply_outbox (task_id, review_id, comment_id, body, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const ofTask = db.prepare<[string], ReplyRow>('SELECT * FROM reply_outbox WHERE task_id = ? ORDER BY id');
  const one = db.prepare<[number], ReplyRow>('SELECT * FROM reply_outbox WHERE id = ?');
  const pending = db.prepare<[], ReplyRow>("SELECT * FROM reply_outbox WHERE state = 'pending' ORDER BY id");
  const pendingCount = db.prepare<[], number>("SELECT count(*) FROM reply_outbox WHERE state = 'pending'").pluck();
  const markSent = db.prepare<[number]>("UPDATE reply_outbox SET state = 'sent', attempts = attempts + 1, last_error = NULL WHERE id = ?");
  const markFailed = db.prepare<[string, number]>("UPDATE reply_outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?");
  const markAttempt = db.prepare<[string, number]>('UPDATE reply_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');

  return {
    add(taskId: string, reply: { reviewId: string; commentId: string; body: string }, createdAt: string): CommentReplyState {
      const { lastInsertRowid } = insert.run(taskId, reply.reviewId, reply.commentId, reply.body, `reply-${randomUUID()}`, createdAt);
      return stateOf(one.get(Number(lastInsertRowid))!);
    },
    ofTask: (taskId: string): CommentReplyState[] => ofTask.all(taskId).map(stateOf),
    pending: (): PendingReply[] =>
      pending.all().map((row) => ({ id: row.id, request: { reviewId: row.review_id, commentId: row.comment_id, body: row.body, idempotencyKey: row.idempotency_key } })),
    pendingCount: (): number => pendingCount.get() ?? 0,
    markSent: (id: number): void => void markSent.run(id),
    markFailed: (id: number, message: string): void => void markFailed.run(message, id),
    markAttempt: (id: number, message: string): void => void markAttempt.run(message, id),
  };
};
export type ReplyOutboxRepository = ReturnType<typeof createReplyOutboxRepository>;

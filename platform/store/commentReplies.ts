import { sql } from 'kysely';
import { reviewRecordSchema, type PlatformUser, type PostCommentReplyRequest, type ReviewRecord } from '../../shared/sync/protocol';
import type { CommentReply } from '../../shared/domain';
import { isoAt, newId, type StoreContext } from './context';
import { all, insertOrder, one, run, transaction, type Executor } from './database';
import { PlatformError } from './errors';

interface ReplyRow {
  id: string;
  review_id: string;
  comment_id: string;
  author: string;
  body: string;
  created_at: string;
}

const replyOf = (row: ReplyRow): CommentReply => ({
  id: row.id,
  reviewId: row.review_id,
  commentId: row.comment_id,
  body: row.body,
  author: row.author,
  createdAt: row.created_at,
});

/**
 * Experts' replies to the comments of a review of their work. Only the expert whose submission was reviewed can
 * reply; a reply posted again with the same idempotency key by the same expert is answered with the stored one.
 */
export const createCommentReplyRepository = ({ db, now }: StoreContext) => {
  const repliesOf = async (reviewId: string, ex: Executor = db.kysely): Promise<CommentReply[]> =>
    (
      await all<ReplyRow>(
        ex,
        sql`SELECT c.id, c.review_id, c.comment_id, u.name AS author, c.body, c.created_at
          FROM comment_replies c JOIN users u ON u.id = c.author_id WHERE c.review_id = ${reviewId} ORDER BY c.created_at, ${insertOrder(db, 'c')}`,
      )
    ).map(replyOf);

  return {
    post(author: PlatformUser, request: PostCommentReplyRequest): Promise<{ reply: CommentReply; duplicate: boolean }> {
      return transaction(db, async (tx) => {
        const stored = await one<ReplyRow>(
          tx,
          sql`SELECT c.id, c.review_id, c.comment_id, u.name AS author, c.body, c.created_at
            FROM comment_replies c JOIN users u ON u.id = c.author_id WHERE c.author_id = ${author.id} AND c.idempotency_key = ${request.idempotencyKey}`,
        );
        if (stored) return { reply: replyOf(stored), duplicate: true };
        const row = await one<{ record_json: string; user_id: string }>(
          tx,
          sql`SELECT r.record_json, s.user_id FROM reviews r JOIN submissions s ON s.id = r.submission_id WHERE r.id = ${request.reviewId}`,
        );
        if (!row) throw new PlatformError('not_found', `No review ${request.reviewId}`, 'reviewId');
        if (row.user_id !== author.id) throw new PlatformError('forbidden', 'Only the expert whose work was reviewed can reply to its comments');
        const record = reviewRecordSchema.parse(JSON.parse(row.record_json));
        if (!record.comments.some((c) => c.id === request.commentId)) {
          throw new PlatformError('not_found', `Review ${request.reviewId} has no comment ${request.commentId}`, 'commentId');
        }
        const reply: CommentReply = { id: newId('rep'), reviewId: request.reviewId, commentId: request.commentId, body: request.body, author: author.name, createdAt: isoAt(now()) };
        await run(
          tx,
          sql`INSERT INTO comment_replies (id, review_id, comment_id, author_id, body, created_at, idempotency_key)
            VALUES (${reply.id}, ${reply.reviewId}, ${reply.commentId}, ${author.id}, ${reply.body}, ${reply.createdAt}, ${request.idempotencyKey})`,
        );
        return { reply, duplicate: false };
      });
    },

    repliesOf,

    /** The reviews of the assignment's earlier submissions (not `submissionId`), oldest first, each with its replies. */
    async earlierReviews(assignmentId: number, submissionId: string, ex: Executor = db.kysely): Promise<{ review: ReviewRecord; replies: CommentReply[] }[]> {
      const rows = await all<{ record_json: string }>(
        ex,
        sql`SELECT r.record_json FROM reviews r JOIN submissions s ON s.id = r.submission_id
          WHERE s.assignment_id = ${assignmentId} AND s.id <> ${submissionId} ORDER BY r.reviewed_at, ${insertOrder(db, 'r')}`,
      );
      const out: { review: ReviewRecord; replies: CommentReply[] }[] = [];
      for (const { record_json: json } of rows) {
        const record = reviewRecordSchema.parse(JSON.parse(json));
        out.push({ review: record, replies: await repliesOf(record.id, ex) });
      }
      return out;
    },
  };
};
export type CommentReplyRepository = ReturnType<typeof createCommentReplyRepository>;

import { reviewRecordSchema, type PlatformUser, type PostCommentReplyRequest, type ReviewRecord } from '../../shared/sync/protocol';
import type { CommentReply } from '../../shared/domain';
import { isoAt, newId, type StoreContext } from './context';
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
  const review = db.prepare<[string], { record_json: string; user_id: string }>(
    'SELECT r.record_json, s.user_id FROM reviews r JOIN submissions s ON s.id = r.submission_id WHERE r.id = ?',
  );
  const byKey = db.prepare<[string, string], ReplyRow>(`
    SELECT c.id, c.review_id, c.comment_id, u.name AS author, c.body, c.created_at
    FROM comment_replies c JOIN users u ON u.id = c.author_id WHERE c.author_id = ? AND c.idempotency_key = ?`);
  const insert = db.prepare('INSERT INTO comment_replies (id, review_id, comment_id, author_id, body, created_at, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const ofReview = db.prepare<[string], ReplyRow>(`
    SELECT c.id, c.review_id, c.comment_id, u.name AS author, c.body, c.created_at
    FROM comment_replies c JOIN users u ON u.id = c.author_id WHERE c.review_id = ? ORDER BY c.created_at, c.rowid`);
  const earlier = db.prepare<[number, string], string>(`
    SELECT r.record_json FROM reviews r JOIN submissions s ON s.id = r.submission_id
    WHERE s.assignment_id = ? AND s.id <> ? ORDER BY r.reviewed_at, r.rowid`).pluck();

  const repliesOf = (reviewId: string): CommentReply[] => ofReview.all(reviewId).map(replyOf);

  return {
    post(author: PlatformUser, request: PostCommentReplyRequest): { reply: CommentReply; duplicate: boolean } {
      return db.transaction(() => {
        const stored = byKey.get(author.id, request.idempotencyKey);
        if (stored) return { reply: replyOf(stored), duplicate: true };
        const row = review.get(request.reviewId);
        if (!row) throw new PlatformError('not_found', `No review ${request.reviewId}`, 'reviewId');
        if (row.user_id !== author.id) throw new PlatformError('forbidden', 'Only the expert whose work was reviewed can reply to its comments');
        const record = reviewRecordSchema.parse(JSON.parse(row.record_json));
        if (!record.comments.some((c) => c.id === request.commentId)) {
          throw new PlatformError('not_found', `Review ${request.reviewId} has no comment ${request.commentId}`, 'commentId');
        }
        const reply: CommentReply = { id: newId('rep'), reviewId: request.reviewId, commentId: request.commentId, body: request.body, author: author.name, createdAt: isoAt(now()) };
        insert.run(reply.id, reply.reviewId, reply.commentId, author.id, reply.body, reply.createdAt, request.idempotencyKey);
        return { reply, duplicate: false };
      })();
    },

    repliesOf,

    /** The reviews of the assignment's earlier submissions (not `submissionId`), oldest first, each with its replies. */
    earlierReviews(assignmentId: number, submissionId: string): { review: ReviewRecord; replies: CommentReply[] }[] {
      return earlier.all(assignmentId, submissionId).map((json) => {
        const record = reviewRecordSchema.parse(JSON.parse(json));
        return { review: record, replies: repliesOf(record.id) };
      });
    },
  };
};
export type CommentReplyRepository = ReturnType<typeof createCommentReplyRepository>;

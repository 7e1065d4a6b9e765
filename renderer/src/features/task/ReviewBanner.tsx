import { useCallback, useEffect, useState } from 'react';
import type { Annotation, Review, TaskPayload } from '@shared/domain';
import type { CommentReplyState } from '@shared/ipc';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { anchorNamesFor } from '../comments/anchorNames';
import { CommentThreads } from '../comments/CommentThreads';
import { useCommentStore, type AnchoredComment } from '../comments/commentStore';
import { useCommentHighlights } from '../comments/useCommentHighlights';
import { FixDiff } from '../review/FixDiff';

const VERDICT_TEXT: Record<Review['verdict'], string> = {
  accepted: 'Accepted by the reviewer',
  returned: 'Returned for changes: address the comments and submit again',
  fixed: 'Fixed by the reviewer: their correction is the accepted version',
};

/**
 * What the reviewer said about this task, above the workspace: each comment is listed with the place it belongs and
 * marked there in the workspace (a badge on the response, step, cell, justification or hunk; the quoted span
 * highlighted). The expert can reply to each comment; replies go through the outbox at the next sync.
 */
export function ReviewBanner({ review, submitted, payload }: { review: Review; submitted?: Annotation | null; payload: TaskPayload }) {
  const [replies, setReplies] = useState<CommentReplyState[]>([]);
  const loadReplies = useCallback(async () => {
    if (!review.id) return; // A review from before ids were kept here: nothing can be replied to.
    const result = await api().listCommentReplies({ taskId: review.taskId });
    if (result.ok) setReplies(result.value);
  }, [review.id, review.taskId]);
  useEffect(() => void loadReplies(), [loadReplies]);
  // A sync sends the replies waiting here: show them as sent.
  useEffect(() => {
    if (!review.id) return;
    return api().onEvent((event) => {
      if (event.type === 'syncStatus') void loadReplies();
    });
  }, [loadReplies, review.id]);

  useEffect(() => {
    const mine = replies.filter((r) => r.reviewId === review.id);
    const comments: AnchoredComment[] = review.comments.map((c) => ({
      id: c.id,
      anchor: c.anchor,
      body: c.body,
      author: review.reviewer,
      replies: mine.filter((r) => r.commentId === c.id).map((r) => ({ key: String(r.id), body: r.body, author: 'You', state: r.state })),
    }));
    useCommentStore.getState().show(comments);
  }, [review, replies]);
  useEffect(() => () => useCommentStore.getState().reset(), []);
  useCommentHighlights('.task-page');

  const reply = async (comment: AnchoredComment, body: string): Promise<boolean> => {
    if (!review.id) return false;
    const result = await api().replyToComment({ taskId: review.taskId, reviewId: review.id, commentId: comment.id, body });
    if (!result.ok) {
      useAppStore.getState().notifyError(result.error);
      return false;
    }
    await loadReplies();
    return true;
  };

  return (
    <section className={`review-banner verdict-${review.verdict}`} aria-label="Review">
      <p className="review-verdict">
        <strong>{VERDICT_TEXT[review.verdict]}</strong> · {review.reviewer}, {new Date(review.reviewedAt).toLocaleString()}
      </p>
      <CommentThreads
        label="Review comments"
        names={anchorNamesFor(payload, submitted ?? null)}
        {...(review.id && review.verdict === 'returned' ? { onReply: reply } : {})}
      />
      {review.verdict === 'fixed' && review.fixedAnnotation && submitted && <FixDiff before={submitted} after={review.fixedAnnotation} />}
    </section>
  );
}

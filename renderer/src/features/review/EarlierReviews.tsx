import type { ReviewQueueItem } from '@shared/sync';
import { describeAnchor, type AnchorNames } from '@shared/review/anchorLabel';

/** The reviews of the expert's earlier submissions of this task, each comment with the expert's replies. */
export function EarlierReviews({ reviews, names }: { reviews: NonNullable<ReviewQueueItem['earlierReviews']>; names: AnchorNames }) {
  if (reviews.length === 0) return null;
  return (
    <section className="earlier-reviews" aria-label="Earlier reviews and replies">
      {reviews.map(({ review, replies }) => (
        <div key={review.id} className="earlier-review">
          <p className="muted">
            {review.verdict === 'returned' ? 'Returned' : review.verdict} by {review.reviewer}, {new Date(review.reviewedAt).toLocaleString()}
          </p>
          <ol className="comment-threads">
            {review.comments.map((c) => (
              <li key={c.id} className="comment-thread">
                <span className="comment-anchor-text">{describeAnchor(c.anchor, names)}</span>
                <p className="plain-text comment-body">{c.body}</p>
                {replies.some((r) => r.commentId === c.id) && (
                  <ul className="comment-replies" aria-label="Replies">
                    {replies
                      .filter((r) => r.commentId === c.id)
                      .map((r) => (
                        <li key={r.id}>
                          <strong>{r.author}</strong>: <span className="plain-text">{r.body}</span>
                        </li>
                      ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

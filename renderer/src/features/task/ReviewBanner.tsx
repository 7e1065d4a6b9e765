import type { Annotation, Review } from '@shared/domain';
import { describeAnchor } from '@shared/review/anchorLabel';
import { FixDiff } from '../review/FixDiff';

const VERDICT_TEXT: Record<Review['verdict'], string> = {
  accepted: 'Accepted by the reviewer',
  returned: 'Returned for changes: address the comments and submit again',
  fixed: 'Fixed by the reviewer: their correction is the accepted version',
};

/** What the reviewer said about this task, with each comment's anchor, above the workspace. */
export function ReviewBanner({ review, submitted }: { review: Review; submitted?: Annotation | null }) {
  return (
    <section className={`review-banner verdict-${review.verdict}`} aria-label="Review">
      <p className="review-verdict">
        <strong>{VERDICT_TEXT[review.verdict]}</strong> · {review.reviewer}, {new Date(review.reviewedAt).toLocaleString()}
      </p>
      {review.comments.length > 0 && (
        <ul className="review-comments">
          {review.comments.map((c) => (
            <li key={c.id}>
              {c.anchor.kind !== 'task' && <code className="review-anchor">{describeAnchor(c.anchor)}</code>} <span className="plain-text">{c.body}</span>
            </li>
          ))}
        </ul>
      )}
      {review.verdict === 'fixed' && review.fixedAnnotation && submitted && <FixDiff before={submitted} after={review.fixedAnnotation} />}
    </section>
  );
}

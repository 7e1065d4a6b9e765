import { useMemo } from 'react';
import { anchorTargetKey, type CommentAnchor } from '@shared/domain';
import { commentsAt, useCommentStore } from './commentStore';

/**
 * The marker at an anchorable place (a response, a step, a rating cell, the justification, a hunk): how many
 * comments point here, as a button that opens the first of them in the list; and, while a reviewer writes a
 * return, a button to anchor the comment here. Renders nothing otherwise.
 */
export function CommentBadge({ anchor, label }: { anchor: CommentAnchor; label: string }) {
  const key = anchorTargetKey(anchor);
  const comments = useCommentStore((s) => s.comments);
  const here = useMemo(() => commentsAt(comments, key), [comments, key]);
  const picking = useCommentStore((s) => s.picking);
  const picked = useCommentStore((s) => s.picked !== null && anchorTargetKey(s.picked) === key);
  if (here.length === 0 && !picking) return null;
  return (
    <span className="comment-badges">
      {here.length > 0 && (
        <button
          type="button"
          className="comment-badge"
          data-testid={`comment-badge-${key}`}
          aria-label={`${here.length} review comment${here.length === 1 ? '' : 's'} on ${label}`}
          onClick={() => {
            useCommentStore.getState().focus(here[0]!.id);
            document.getElementById(`comment-${here[0]!.id}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
          }}
        >
          <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" className="comment-icon">
            <path fill="currentColor" d="M2 2.5h12v8.5H7l-4 3.2V11H2z" />
          </svg>{' '}
          {here.length}
        </button>
      )}
      {picking && (
        <button
          type="button"
          className={`comment-here${picked ? ' is-picked' : ''}`}
          aria-pressed={picked}
          aria-label={`Comment on ${label}`}
          onClick={() => useCommentStore.getState().pick(anchor)}
        >
          +
        </button>
      )}
    </span>
  );
}

import { useState } from 'react';
import { describeAnchor, type AnchorNames } from '@shared/review/anchorLabel';
import { useCommentStore, type AnchoredComment } from './commentStore';
import { revealAnchor } from './useCommentHighlights';

const REPLY_STATE = { pending: 'waiting to be sent', sent: 'sent', failed: 'refused' } as const;

function ReplyForm({ comment, onReply }: { comment: AnchoredComment; onReply(body: string): Promise<boolean> }) {
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (body.trim() === '' || busy) return;
    setBusy(true);
    if (await onReply(body.trim())) setBody('');
    setBusy(false);
  };
  return (
    <form
      className="comment-reply-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label className="visually-hidden" htmlFor={`reply-${comment.id}`}>
        Reply to {comment.author}
      </label>
      <textarea
        id={`reply-${comment.id}`}
        rows={1}
        value={body}
        placeholder="Reply…"
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <button type="submit" className="button" disabled={busy || body.trim() === ''}>
        Reply
      </button>
    </form>
  );
}

/**
 * The comments of a review, each with the place it belongs (a button that scrolls there), its body and the replies;
 * the workspace shows a marker at each place. `onReply` (the expert's side) adds a reply form to each comment.
 */
export function CommentThreads({ names, onReply, label }: { names: AnchorNames; onReply?: (comment: AnchoredComment, body: string) => Promise<boolean>; label: string }) {
  const comments = useCommentStore((s) => s.comments);
  const activeId = useCommentStore((s) => s.activeId);
  if (comments.length === 0) return null;
  return (
    <ol className="comment-threads" aria-label={label}>
      {comments.map((c) => (
        <li key={c.id} id={`comment-${c.id}`} className={`comment-thread${c.id === activeId ? ' is-active' : ''}`}>
          <button
            type="button"
            className="comment-anchor link-button"
            onClick={() => {
              useCommentStore.getState().focus(c.id);
              revealAnchor(document, c);
            }}
          >
            {describeAnchor(c.anchor, names)}
          </button>
          <p className="plain-text comment-body">{c.body}</p>
          {c.replies.length > 0 && (
            <ul className="comment-replies" aria-label="Replies">
              {c.replies.map((r) => (
                <li key={r.key}>
                  <strong>{r.author}</strong>: <span className="plain-text">{r.body}</span>
                  {r.state && <span className={`muted reply-state reply-${r.state}`}> ({REPLY_STATE[r.state]})</span>}
                </li>
              ))}
            </ul>
          )}
          {onReply && <ReplyForm comment={c} onReply={(body) => onReply(c, body)} />}
        </li>
      ))}
    </ol>
  );
}

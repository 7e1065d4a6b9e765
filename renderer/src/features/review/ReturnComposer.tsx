import { useEffect, useRef, useState } from 'react';
import { anchorTargetKey, type CommentAnchor } from '@shared/domain';
import { describeAnchor, type AnchorNames } from '@shared/review/anchorLabel';
import { useCommentStore } from '../comments/commentStore';
import type { CommentTarget } from '../comments/commentTargets';

export interface DraftComment {
  anchor: CommentAnchor;
  body: string;
}

interface Props {
  expert: string;
  busy: boolean;
  names: AnchorNames;
  /** The anchorable places of the workspace, as found on screen. */
  targets: readonly Pick<CommentTarget, 'anchor' | 'label'>[];
  drafts: readonly DraftComment[];
  onAdd(comment: DraftComment): void;
  onRemove(index: number): void;
  onSend(last: DraftComment | null): void;
  onCancel(): void;
  onRescan(): void;
}

const TASK: CommentAnchor = { kind: 'task' };

/**
 * Writing a return: each comment is anchored where it belongs (a selection in a response, a step or the
 * justification, a + beside a place, or the list), several comments go back together. Alt+Enter adds the comment,
 * Ctrl+Enter sends them all.
 */
export function ReturnComposer(p: Props) {
  const [body, setBody] = useState('');
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const picked = useCommentStore((s) => s.picked);
  const where = picked ?? TASK;
  useEffect(() => bodyRef.current?.focus(), []);

  const fromSelection = 'quote' in where && where.quote !== undefined;
  const value = fromSelection ? 'selection' : anchorTargetKey(where);
  const current = (): DraftComment | null => (body.trim() === '' ? null : { anchor: where, body: body.trim() });
  const add = () => {
    const c = current();
    if (!c) return;
    p.onAdd(c);
    setBody('');
    useCommentStore.getState().pick(null);
    bodyRef.current?.focus();
  };
  const send = () => {
    if (p.drafts.length > 0 || current()) p.onSend(current());
  };
  const total = p.drafts.length + (current() ? 1 : 0);

  return (
    <form
      className="review-return"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <p className="hint">Select text in a response, a step or the justification, or press + beside a place, to anchor the comment there.</p>
      <label>
        <span>Where</span>
        <select
          value={value}
          onFocus={p.onRescan}
          onChange={(e) => {
            const next = e.target.value;
            if (next === 'selection') return;
            useCommentStore.getState().pick(next === 'task' ? null : (p.targets.find((t) => anchorTargetKey(t.anchor) === next)?.anchor ?? null));
          }}
        >
          <option value="task">The task as a whole</option>
          {fromSelection && <option value="selection">{describeAnchor(where, p.names)}</option>}
          {p.targets.map((t) => (
            <option key={anchorTargetKey(t.anchor)} value={anchorTargetKey(t.anchor)}>
              {describeAnchor(t.anchor, p.names)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>What to change</span>
        <textarea
          ref={bodyRef}
          value={body}
          rows={2}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              send();
            } else if (e.key === 'Enter' && e.altKey) {
              e.preventDefault();
              add();
            }
          }}
        />
      </label>
      <div className="review-actions">
        <button type="button" className="button" disabled={p.busy || body.trim() === ''} onClick={add}>
          Add comment <kbd>Alt+Enter</kbd>
        </button>
        <button type="submit" className="button primary" disabled={p.busy || total === 0}>
          Send back to {p.expert}
          {total > 1 ? ` (${total} comments)` : ''} <kbd>Ctrl+Enter</kbd>
        </button>
        <button type="button" className="button ghost" onClick={p.onCancel}>
          Cancel
        </button>
      </div>
      {p.drafts.length > 0 && (
        <ol className="draft-comments" aria-label="Comments to send">
          {p.drafts.map((d, i) => (
            <li key={i}>
              <span className="comment-anchor-text">{describeAnchor(d.anchor, p.names)}</span> <span className="plain-text">{d.body}</span>{' '}
              <button type="button" className="link-button" onClick={() => p.onRemove(i)} aria-label={`Remove comment ${i + 1}`}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
    </form>
  );
}

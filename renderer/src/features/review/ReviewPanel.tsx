import { useEffect, useRef, useState } from 'react';
import type { ReviewVerdictState } from '@shared/ipc';

export type ReviewMode = 'view' | 'return' | 'fix';

interface Props {
  expert: string;
  activeSeconds: string;
  submittedAt: string;
  mode: ReviewMode;
  busy: boolean;
  verdict: ReviewVerdictState | null;
  onAccept(): void;
  onStartReturn(): void;
  onSendReturn(comment: { anchor: string; body: string }): void;
  onStartFix(): void;
  onSendFix(): void;
  onCancel(): void;
}

/** The reviewer's three answers: accept, return with a comment, or fix the judgement. Alt+A, Alt+R, Alt+F. */
export function ReviewPanel(p: Props) {
  const [anchor, setAnchor] = useState('');
  const [body, setBody] = useState('');
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (p.mode === 'return') bodyRef.current?.focus();
  }, [p.mode]);
  const sendReturn = () => {
    if (body.trim() !== '') p.onSendReturn({ anchor: anchor.trim(), body: body.trim() });
  };

  return (
    <aside className="review-panel" aria-label="Your review">
      <p className="review-panel-meta">
        <strong>{p.expert}</strong> submitted this on {p.submittedAt} after {p.activeSeconds} of active work.
      </p>
      {p.verdict ? (
        <p className="review-panel-done" role="status">
          Your verdict: <strong>{p.verdict.verdict}</strong> ({p.verdict.state === 'pending' ? 'waiting to be sent' : p.verdict.state === 'sent' ? 'sent' : `refused: ${p.verdict.message ?? ''}`})
        </p>
      ) : p.mode === 'view' ? (
        <div className="review-actions">
          <button type="button" className="button primary" disabled={p.busy} onClick={p.onAccept} aria-keyshortcuts="Alt+A">
            Accept <kbd>Alt+A</kbd>
          </button>
          <button type="button" className="button" disabled={p.busy} onClick={p.onStartReturn} aria-keyshortcuts="Alt+R">
            Return… <kbd>Alt+R</kbd>
          </button>
          <button type="button" className="button" disabled={p.busy} onClick={p.onStartFix} aria-keyshortcuts="Alt+F">
            Fix… <kbd>Alt+F</kbd>
          </button>
        </div>
      ) : p.mode === 'return' ? (
        <form
          className="review-return"
          onSubmit={(e) => {
            e.preventDefault();
            sendReturn();
          }}
        >
          <label>
            <span>What to change</span>
            <textarea
              ref={bodyRef}
              value={body}
              rows={4}
              onChange={(e) => setBody(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  sendReturn();
                }
              }}
            />
          </label>
          <label>
            <span>
              Where (optional: a step or a field, e.g. <code>stepRatings.s2</code>, <code>justification</code>)
            </span>
            <input type="text" value={anchor} onChange={(e) => setAnchor(e.target.value)} maxLength={500} />
          </label>
          <div className="review-actions">
            <button type="submit" className="button primary" disabled={p.busy || body.trim() === ''}>
              Send back to {p.expert} <kbd>Ctrl+Enter</kbd>
            </button>
            <button type="button" className="button ghost" onClick={p.onCancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="review-fix">
          <p>Edit the judgement in the workspace; your correction is sent as the accepted version and attributed to you.</p>
          <div className="review-actions">
            <button type="button" className="button primary" disabled={p.busy} onClick={p.onSendFix} aria-keyshortcuts="Alt+F">
              Send the fix <kbd>Alt+F</kbd>
            </button>
            <button type="button" className="button ghost" onClick={p.onCancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </aside>
  );
}

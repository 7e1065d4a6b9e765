import type { ReviewVerdictState } from '@shared/ipc';
import type { ActivitySignals } from '@shared/review/activitySignals';
import { formatDuration } from './reviewFormat';
import { FLAG_TEXT } from './ActivitySignals';
import { ReturnComposer, type DraftComment } from './ReturnComposer';
import type { ComponentProps, ReactNode } from 'react';

export type ReviewMode = 'view' | 'return' | 'fix';

interface Props {
  expert: string;
  submittedAt: string;
  signals: ActivitySignals;
  mode: ReviewMode;
  busy: boolean;
  verdict: ReviewVerdictState | null;
  /** The return form's wiring (anchors, drafts), when the mode is `return`. */
  composer: Omit<ComponentProps<typeof ReturnComposer>, 'expert' | 'busy' | 'onCancel'>;
  /** Earlier reviews of this work with the expert's replies. */
  earlier?: ReactNode;
  onAccept(): void;
  onStartReturn(): void;
  onStartFix(): void;
  onSendFix(): void;
  onCancel(): void;
}

const at = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Active time against the project's median, and each large paste (where, how many characters, when; never what). */
function Signals({ s }: { s: ActivitySignals }) {
  return (
    <div className="review-signals" aria-label="Activity signals">
      <p>
        <strong>{formatDuration(s.activeSeconds)}</strong> active
        {s.medianSeconds !== null && (
          <>
            {' '}
            · project median {formatDuration(s.medianSeconds)}
            {s.ratio !== null && <> ({s.ratio < 1 ? `${Math.round(s.ratio * 100)}% of it` : `${s.ratio.toFixed(1)}×`})</>}
          </>
        )}
        {s.flags
          .filter((f) => f !== 'pastes')
          .map((f) => (
            <span key={f} className={`activity-flag flag-${f}`}>
              {FLAG_TEXT[f]}
            </span>
          ))}
      </p>
      {s.pastes.length > 0 && (
        <ul className="paste-signals" aria-label="Large pastes">
          {s.pastes.map((paste, i) => (
            <li key={i}>
              <span className="activity-flag flag-pastes">{paste.chars.toLocaleString()} chars</span> pasted into <code>{paste.target}</code> at {at(paste.at)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The reviewer's three answers: accept, return with anchored comments, or fix the judgement. Alt+A, Alt+R, Alt+F. */
export function ReviewPanel(p: Props) {
  return (
    <aside className="review-panel" aria-label="Your review">
      <p className="review-panel-meta">
        <strong>{p.expert}</strong> submitted this on {p.submittedAt}.
      </p>
      <Signals s={p.signals} />
      {p.earlier}
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
        <ReturnComposer {...p.composer} expert={p.expert} busy={p.busy} onCancel={p.onCancel} />
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

export type { DraftComment };

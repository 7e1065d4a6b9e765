import { useState } from 'react';
import type { DraftHistoryEntry, NewerTaskVersion } from '@shared/domain';

const SHOWN_CHANGES = 8;

interface Props {
  /** The version the draft was made against, shown in the workspace. */
  draftVersion: number;
  newer: NewerTaskVersion;
  readOnly: boolean;
  busy: boolean;
  onKeep(): void;
  onStartOver(): void;
}

/**
 * A newer version of the task arrived after the expert started: say so, list what changed, and offer the two ways
 * on. Kind-independent: every workspace shows it above its own view.
 */
export function TaskVersionBanner({ draftVersion, newer, readOnly, busy, onKeep, onStartOver }: Props) {
  const [all, setAll] = useState(false);
  const changes = all ? newer.changes : newer.changes.slice(0, SHOWN_CHANGES);
  const startOver = (
    <button type="button" className="button" disabled={busy} onClick={onStartOver}>
      Start over on version {newer.version}
    </button>
  );
  if (newer.kept) {
    return (
      <section className="version-banner kept" aria-label="Task version">
        <p>
          You are working on version {draftVersion} of this task, as you first saw it; version {newer.version} is newer.
        </p>
        {!readOnly && startOver}
      </section>
    );
  }
  return (
    <section className="version-banner" aria-label="Task version" role="region">
      <p>
        <strong>
          This task was updated to version {newer.version} after you started. You are seeing version {draftVersion}, the one your draft was made
          against.
        </strong>
      </p>
      <p className="version-changes-title">What changed in version {newer.version}:</p>
      <ul className="version-changes">
        {changes.map((c) => (
          <li key={c.path} className={`change-${c.change}`}>
            {c.summary}
          </li>
        ))}
        {newer.changes.length === 0 && <li>Nothing you can see (only details the platform keeps).</li>}
      </ul>
      {newer.changes.length > SHOWN_CHANGES && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${newer.changes.length} changes`}
        </button>
      )}
      {readOnly ? (
        <p className="hint">Your work on version {draftVersion} was handed in; it stays with the version it was made against.</p>
      ) : (
        <div className="version-actions">
          <button type="button" className="button primary" disabled={busy} onClick={onKeep}>
            Keep working on version {draftVersion}
          </button>
          {startOver}
          <span className="hint">Starting over keeps your current draft, read-only, under Earlier drafts.</span>
        </div>
      )}
    </section>
  );
}

/** Drafts set aside when the expert started over on a newer version: each opens read-only beside its version. */
export function DraftHistory({ entries, viewing, onView }: { entries: DraftHistoryEntry[]; viewing: number | null; onView(revision: number | null): void }) {
  if (entries.length === 0) return null;
  return (
    <details className="draft-history" open={viewing !== null}>
      <summary>Earlier drafts ({entries.length})</summary>
      <ul>
        {entries.map((e) => (
          <li key={e.revision}>
            Draft on version {e.taskVersion}, saved {new Date(e.savedAt).toLocaleString()}{' '}
            {viewing === e.revision ? (
              <button type="button" className="link-button" onClick={() => onView(null)}>
                Back to the current draft
              </button>
            ) : (
              <button type="button" className="link-button" onClick={() => onView(e.revision)}>
                View (read-only)
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

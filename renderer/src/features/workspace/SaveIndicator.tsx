import { useDraftStore } from './draftStore';

const formatDuration = (seconds: number) => {
  const m = Math.floor(seconds / 60);
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
};

/** Save state, undo/redo and active time for the open task. */
export function SaveIndicator() {
  const { saveState, revision, readOnly, past, future, submission } = useDraftStore();
  const activeMinutes = useDraftStore((s) => Math.floor(s.activeSeconds / 60));
  const label = readOnly
    ? submission
      ? `Submitted ${new Date(submission.submittedAt).toLocaleString()} · read-only`
      : 'Read-only'
    : { saved: revision ? `Saved on this computer · revision ${revision}` : 'No changes yet', dirty: 'Unsaved changes…', saving: 'Saving…', error: 'Not saved: see the message' }[saveState];
  return (
    <div className="save-indicator">
      <span className={`save-state save-${readOnly ? 'readonly' : saveState}`} role="status" data-testid="save-state">
        {label}
      </span>
      <span className="active-time" title="Time with the window focused and input in the last minute">
        Active {formatDuration(activeMinutes * 60)}
      </span>
      {!readOnly && (
        <>
          <button type="button" className="button ghost" disabled={past.length === 0} onClick={() => useDraftStore.getState().undo()} aria-label="Undo (Ctrl+Z)">
            ↶
          </button>
          <button type="button" className="button ghost" disabled={future.length === 0} onClick={() => useDraftStore.getState().redo()} aria-label="Redo (Ctrl+Shift+Z)">
            ↷
          </button>
        </>
      )}
    </div>
  );
}

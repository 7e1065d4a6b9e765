import { useAppStore } from '../../state/appStore';
import { isReviewer, useReviewStore } from '../../state/reviewStore';
import { UpdateReadyButton } from '../settings/UpdateReadyButton';

const STATE_LABEL = { online: 'Online', offline: 'Offline', syncing: 'Syncing…', local: 'Local only' } as const;

const formatTime = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : 'never');

export function StatusBar() {
  const sync = useAppStore((s) => s.sync);
  const info = useAppStore((s) => s.info);
  const openDialog = useAppStore((s) => s.openDialog);
  const navigate = useAppStore((s) => s.navigate);
  const reviewer = useReviewStore((s) => isReviewer(s.role));
  const waiting = useReviewStore((s) => s.all.length);
  return (
    <footer className="status-bar" aria-label="Status">
      {sync && (
        <button type="button" className="status-sync link-button" onClick={() => openDialog('sync')} aria-label="Sync status: open the sync panel">
          <span className={`sync-dot sync-${sync.state}`} aria-hidden="true" />
          <span data-testid="sync-state">{STATE_LABEL[sync.state]}</span>
          <span data-testid="pending-count">{sync.pending} pending</span>
          <span>Last sync: {formatTime(sync.lastSyncAt)}</span>
          {sync.lastError && <span className="status-error">{sync.lastError}</span>}
        </button>
      )}
      <span className="spacer" />
      {reviewer && (
        <button type="button" className="link-button" onClick={() => navigate({ page: 'review' })}>
          Review ({waiting} waiting)
        </button>
      )}
      <UpdateReadyButton />
      {info && <span>{info.taskCount} tasks on this computer · encrypted</span>}
      <button type="button" className="link-button" onClick={() => openDialog('shortcuts')}>
        Shortcuts (?)
      </button>
      <button type="button" className="link-button" onClick={() => openDialog('settings')}>
        Settings
      </button>
    </footer>
  );
}

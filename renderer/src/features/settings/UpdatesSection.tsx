import { useState } from 'react';
import { UPDATE_CHANNELS } from '@shared/updates/updatePolicy';
import type { UpdateStatus } from '@shared/ipc';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { CHANNEL_LABEL, updateStateLabel } from './updateLabel';
import { useUpdateStatus } from './useUpdateStatus';

/** Settings' update section: the channel, "Check now", where the update stands, and the restart once it is ready. */
export function UpdatesSection() {
  const [status, setStatus] = useUpdateStatus();
  const [busy, setBusy] = useState(false);
  const notifyError = useAppStore((s) => s.notifyError);

  const run = async (call: () => Promise<{ ok: true; value: UpdateStatus } | { ok: false; error: Parameters<typeof notifyError>[0] }>) => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    if (result.ok) setStatus(result.value);
    else notifyError(result.error);
  };

  const restart = async () => {
    // The page's last edit is saved first; a failed save holds the restart back.
    const { useDraftStore } = await import('../workspace/draftStore');
    if (!(await useDraftStore.getState().flush())) return;
    await run(() => api().restartToUpdate({}));
  };

  if (!status) return null;
  const unavailable = status.state === 'unavailable';
  return (
    <fieldset className="updates-section" aria-describedby="update-state">
      <legend>Updates</legend>
      <div className="update-channels" role="radiogroup" aria-label="Update channel">
        {UPDATE_CHANNELS.map((channel) => (
          <label key={channel} className="radio">
            <input
              type="radio"
              name="update-channel"
              value={channel}
              checked={status.channel === channel}
              disabled={busy}
              onChange={() => {
                // Shown at once; the check on the new channel follows.
                setStatus({ ...status, channel });
                void run(() => api().setUpdateChannel({ channel }));
              }}
            />
            {CHANNEL_LABEL[channel]}
          </label>
        ))}
      </div>
      <p id="update-state" className={`update-state update-${status.state}`} data-testid="update-state" role="status" aria-live="polite">
        {updateStateLabel(status)}
      </p>
      {status.state === 'downloading' && <progress className="update-progress" max={100} value={status.percent ?? 0} aria-label="Update download" />}
      {status.message && <p className="fine-print update-message">{status.message}</p>}
      <div className="update-actions">
        <button type="button" className="button" disabled={busy || unavailable || status.state === 'checking' || status.state === 'downloading'} onClick={() => void run(() => api().checkForUpdates({}))}>
          Check now
        </button>
        {status.state === 'ready' && (
          <button type="button" className="button primary" disabled={busy || !status.restartOffered} onClick={() => void restart()}>
            Restart to update
          </button>
        )}
      </div>
      {status.state === 'ready' && !status.restartOffered && <p className="fine-print">A change is being sent to the platform; the restart is offered once it is done.</p>}
    </fieldset>
  );
}

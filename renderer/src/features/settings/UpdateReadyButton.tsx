import { useAppStore } from '../../state/appStore';
import { useUpdateStatus } from './useUpdateStatus';

/** In the status bar once an update is downloaded and verified: opens Settings, where the restart is offered. */
export function UpdateReadyButton() {
  const [status] = useUpdateStatus();
  const openDialog = useAppStore((s) => s.openDialog);
  if (status?.state !== 'ready') return null;
  return (
    <button type="button" className="link-button update-ready" onClick={() => openDialog('settings')}>
      Update ready: Assay {status.availableVersion}
    </button>
  );
}

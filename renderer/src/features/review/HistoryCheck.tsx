import { useState } from 'react';
import type { OutputOf } from '@shared/ipc';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';

const download = (fileName: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/jsonl' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** The words for a chain check, the same for the local history and for a history pulled from the platform. */
export const historyText = (check: OutputOf<'verifyTaskHistory'>): string =>
  check.intact ? `History intact (${check.revisions} revision${check.revisions === 1 ? '' : 's'})` : `History broken at revision ${check.brokenAt}: ${check.reason}`;

/** Verifies the SHA-256 chain of this task's revisions on demand, and exports it for an independent check. */
export function HistoryCheck({ taskId }: { taskId: string }) {
  const [check, setCheck] = useState<OutputOf<'verifyTaskHistory'> | null>(null);
  const verify = async () => {
    const result = await api().verifyTaskHistory({ taskId });
    if (result.ok) setCheck(result.value);
    else useAppStore.getState().notifyError(result.error);
  };
  const exportAudit = async () => {
    const result = await api().exportTaskAudit({ taskId });
    if (result.ok) download(result.value.fileName, result.value.text);
    else useAppStore.getState().notifyError(result.error);
  };
  return (
    <div className="history-check">
      <button type="button" className="link-button" onClick={() => void verify()}>
        Check history
      </button>
      <button type="button" className="link-button" onClick={() => void exportAudit()}>
        Export audit (JSONL)
      </button>
      {check && (
        <span role="status" className={check.intact ? 'history-intact' : 'history-broken'} data-testid="history-check">
          {historyText(check)}
        </span>
      )}
    </div>
  );
}

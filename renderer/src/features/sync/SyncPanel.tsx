import { useCallback, useEffect, useState } from 'react';
import type { Result } from '@shared/domain';
import type { OutputOf, SyncItem } from '@shared/ipc';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { Modal } from '../../ui/Modal';
import { SignInForm } from './SignInForm';

type Account = OutputOf<'getSyncAccount'>;
type ItemList = OutputOf<'listSyncItems'>;

const WHAT_LABEL: Record<SyncItem['what'], string> = { save_draft: 'Draft', submit: 'Submission', task: 'Task from the platform' };
const KIND_LABEL: Record<SyncItem['kind'], string> = { pending: 'Waiting', failed: 'Failed', quarantined: 'Set aside' };

/** Who this app syncs with, what is waiting, what failed and why, with retry. */
export function SyncPanel({ onClose }: { onClose(): void }) {
  const sync = useAppStore((s) => s.sync);
  const notifyError = useAppStore((s) => s.notifyError);
  const [account, setAccount] = useState<Account | null>(null);
  const [items, setItems] = useState<ItemList | null>(null);

  const reload = useCallback(async () => {
    const [a, i] = await Promise.all([api().getSyncAccount({}), api().listSyncItems({})]);
    if (a.ok) setAccount(a.value);
    if (i.ok) setItems(i.value);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload, sync]);

  const act = async (run: () => Promise<Result<unknown>>) => {
    const result = await run();
    if (!result.ok) notifyError(result.error);
    await reload();
  };

  return (
    <Modal title="Sync" onClose={onClose}>
      <div className="sync-panel">
        {account?.account ? (
          <section aria-label="Account" className="sync-account">
            <p>
              Signed in as <strong>{account.account.userName}</strong> ({account.account.role}) at <code>{account.account.platformUrl}</code>
            </p>
            <div className="sync-actions">
              <button type="button" className="button primary" disabled={account.workOffline} onClick={() => void act(() => api().syncNow({}))}>
                Sync now
              </button>
              <label className="toggle">
                <input type="checkbox" checked={account.workOffline} onChange={(e) => {
                    const offline = e.target.checked;
                    setAccount({ ...account, workOffline: offline });
                    void act(() => api().setWorkOffline({ offline }));
                  }}
                />
                Work offline
              </label>
              <span className="spacer" />
              <button type="button" className="button ghost" onClick={() => void act(() => api().signOut({}))}>
                Sign out
              </button>
            </div>
            {sync?.lastError && <p className="field-error">{sync.lastError}</p>}
          </section>
        ) : (
          <SignInForm onSignedIn={() => void reload()} />
        )}
        <section aria-label="Sync items">
          <h3 className="block-title">
            {items ? `${items.counts.pending} waiting · ${items.counts.failed} failed · ${items.counts.quarantined} set aside` : 'Loading…'}
          </h3>
          {items && items.items.length === 0 && <p className="hint">Nothing is waiting: every change on this computer has reached the platform.</p>}
          <ul className="sync-items">
            {items?.items.map((item) => (
              <li key={item.id} className={`sync-item sync-item-${item.kind}`}>
                <span className="sync-item-kind">{KIND_LABEL[item.kind]}</span>
                <span>
                  {WHAT_LABEL[item.what]} · {item.taskTitle ?? item.taskId ?? 'unknown task'}
                </span>
                {item.message && <span className="sync-item-message">{item.message}</span>}
                {item.canRetry && (
                  <button type="button" className="button ghost" onClick={() => void act(() => api().retrySyncItem({ id: item.id }))}>
                    Retry
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Modal>
  );
}

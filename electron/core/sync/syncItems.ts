import { AppFailure } from '@shared/domain';
import type { OutputOf, SyncItem } from '@shared/ipc';
import type { Store } from '../store/store';

export type SyncItemList = OutputOf<'listSyncItems'>;

const MAX_PER_KIND = 500;

/** What the sync panel lists: pending changes, failed ones (with the platform's reason) and quarantined tasks. */
export const listSyncItems = (store: Store): SyncItemList => {
  const title = (taskId: string): string | null => store.sync.titleOf(taskId);
  /** A failed entry can be retried; a pending one is already on its way. */
  const outboxItem = (
    e: { id: number; taskId: string; op: 'save_draft' | 'submit'; lastError: string | null; createdAt: string; attempts: number },
    kind: 'pending' | 'failed',
  ): SyncItem => ({
    id: `outbox:${e.id}`,
    kind,
    taskId: e.taskId,
    taskTitle: title(e.taskId),
    what: e.op,
    message: e.lastError,
    createdAt: e.createdAt,
    attempts: e.attempts,
    canRetry: kind === 'failed',
  });
  const pending = store.outbox.pending();
  const failed = store.outboxSync.failed().filter((e) => e.resolution !== 'lease_lost');
  const quarantined = store.quarantine.open();
  const items: SyncItem[] = [
    ...quarantined.slice(0, MAX_PER_KIND).map(
      (q): SyncItem => ({
        id: `quarantine:${q.id}`,
        kind: 'quarantined',
        taskId: q.taskId,
        taskTitle: title(q.taskId),
        what: q.kind === 'invalid_change' ? 'task' : 'submit',
        message: q.message,
        createdAt: q.createdAt,
        attempts: 0,
        canRetry: true,
      }),
    ),
    ...failed.slice(0, MAX_PER_KIND).map((e) => outboxItem(e, 'failed')),
    ...pending.slice(0, MAX_PER_KIND).map((e) => outboxItem(e, 'pending')),
  ];
  // lease_lost quarantine rows stand for their failed entries; a lease_lost work item without a row still shows.
  const quarantinedTasks = new Set(quarantined.filter((q) => q.kind === 'lease_lost').map((q) => q.taskId));
  const orphanLeaseLost = store.outboxSync.failed().filter((e) => e.resolution === 'lease_lost' && !quarantinedTasks.has(e.taskId));
  for (const e of orphanLeaseLost.slice(0, MAX_PER_KIND)) items.push(outboxItem(e, 'failed'));
  return { items, counts: { pending: pending.length, failed: failed.length + orphanLeaseLost.length, quarantined: quarantined.length } };
};

const parseId = (id: string): { table: 'outbox' | 'quarantine'; n: number } => {
  const match = /^(outbox|quarantine):([1-9][0-9]{0,15})$/.exec(id);
  if (!match?.[1] || !match[2]) throw new AppFailure('invalid_input', `"${id}" is not a sync item.`, 'id');
  return { table: match[1] as 'outbox' | 'quarantine', n: Number(match[2]) };
};

/**
 * Retries an item: a failed change is queued again as a new mutation (new id and idempotency key); work
 * quarantined after a lost lease is queued again as a whole (it lands if the task was given back); an
 * unreadable task is asked for again with a full snapshot. Answers the task ids touched.
 */
export const retrySyncItem = (store: Store, id: string, at: string): string[] => {
  const { table, n } = parseId(id);
  return store.transaction(() => {
    if (table === 'outbox') {
      const entry = store.outboxSync.get(n);
      if (!entry || entry.state !== 'failed' || entry.resolution === 'retried') throw new AppFailure('not_found', 'That change is not waiting for a retry any more.', 'id');
      requeue(store, [entry.id], entry.taskId, at);
      if (entry.resolution === 'lease_lost') store.quarantine.resolveTask(entry.taskId, 'lease_lost', at);
      return [entry.taskId];
    }
    const q = store.quarantine.get(n);
    if (!q) throw new AppFailure('not_found', 'That item is no longer in quarantine.', 'id');
    store.quarantine.resolve(q.id, at);
    if (q.kind === 'invalid_change') {
      // Ask for everything again; the task comes back (or is set aside again, with the reason).
      store.sync.set('snapshot', { cursor: null, nextPage: null });
      return q.taskId === '' ? [] : [q.taskId];
    }
    const ids = store.outboxSync
      .failed()
      .filter((e) => e.taskId === q.taskId && e.resolution === 'lease_lost')
      .map((e) => e.id);
    requeue(store, ids, q.taskId, at);
    return [q.taskId];
  });
};

const requeue = (store: Store, ids: readonly number[], taskId: string, at: string): void => {
  let submit = false;
  for (const id of ids) {
    const entry = store.outboxSync.get(id);
    if (store.outboxSync.requeue(id, at) !== null && entry?.op === 'submit') submit = true;
  }
  if (submit && store.sync.sourceOf(taskId) !== null) store.sync.setStatus(taskId, 'submitted', at);
};

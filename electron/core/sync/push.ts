import { PROTOCOL_LIMITS, mutationSchema, type Mutation, type MutationInput, type MutationResult } from '@shared/sync';
import type { OutboxEntry } from '../store/outboxRepository';
import type { Store } from '../store/store';
import { firstIssue, isPlatformError, type PlatformClient } from './platformClient';

export interface PushOptions {
  store: Store;
  client: PlatformClient;
  clientId: string;
  maxBatch?: number;
  now?: () => Date;
  isStopped?: () => boolean;
  /** Stamped on every mutation sent: the app version and its local store schema version. */
  stamp?: MutationStamp;
}

export interface MutationStamp {
  appVersion?: string;
  schemaVersion: number;
}

export interface PushOutcome {
  sent: number;
  applied: number;
  duplicates: number;
  coalesced: number;
  leaseLost: number;
  rejected: number;
  taskIds: Set<string>;
}

export interface PushPlan {
  /** What goes over the wire, in id order. */
  send: OutboxEntry[];
  /** For each entry sent, the earlier save_draft entries of the same task it makes unnecessary. */
  supersedes: Map<number, number[]>;
}

/**
 * Coalesces the pending outbox: of consecutive save_draft entries of one task, only the latest is sent (it
 * carries the whole annotation); a submit of that task closes the run, so nothing is ever folded across a
 * submit. Order among what is sent stays the outbox order.
 */
export const planPush = (pending: readonly OutboxEntry[]): PushPlan => {
  const supersedes = new Map<number, number[]>();
  const dropped = new Set<number>();
  const openDraft = new Map<string, OutboxEntry>();
  for (const entry of pending) {
    if (entry.op === 'save_draft') {
      const previous = openDraft.get(entry.taskId);
      if (previous) {
        dropped.add(previous.id);
        supersedes.set(entry.id, [...(supersedes.get(previous.id) ?? []), previous.id]);
        supersedes.delete(previous.id);
      }
      openDraft.set(entry.taskId, entry);
    } else {
      openDraft.delete(entry.taskId);
    }
  }
  return { send: pending.filter((e) => !dropped.has(e.id)), supersedes };
};

interface StoredPayload {
  taskVersion?: unknown;
  revision?: unknown;
  annotation?: unknown;
  activeSeconds?: unknown;
  savedAt?: unknown;
  submittedAt?: unknown;
  activity?: unknown;
}

/** The protocol's mutation for an outbox entry, or the reason the stored entry cannot become one. */
export const toMutation = (entry: OutboxEntry, stamp?: MutationStamp): { ok: true; mutation: Mutation } | { ok: false; reason: string } => {
  const p = (entry.payload ?? {}) as StoredPayload;
  const input: MutationInput = {
    id: entry.id,
    idempotencyKey: entry.idempotencyKey,
    type: entry.op,
    taskId: entry.taskId,
    revision: p.revision as number,
    ...(typeof p.taskVersion === 'number' ? { taskVersion: p.taskVersion } : {}),
    annotation: p.annotation as MutationInput['annotation'],
    activeSeconds: p.activeSeconds as number,
    clientTime: ((entry.op === 'submit' ? p.submittedAt : p.savedAt) ?? entry.createdAt) as string,
    ...(stamp?.appVersion === undefined ? {} : { appVersion: stamp.appVersion }),
    ...(stamp === undefined ? {} : { schemaVersion: stamp.schemaVersion }),
    ...(entry.op === 'submit' && p.activity !== undefined ? { activity: p.activity as MutationInput['activity'] } : {}),
  };
  const parsed = mutationSchema.safeParse(input);
  return parsed.success ? { ok: true, mutation: parsed.data } : { ok: false, reason: `This change cannot be sent: ${firstIssue(parsed.error)}` };
};

const emptyPushOutcome = (): PushOutcome => ({ sent: 0, applied: 0, duplicates: 0, coalesced: 0, leaseLost: 0, rejected: 0, taskIds: new Set() });

/** Applies the server's answer for one mutation. Call inside a transaction. */
const recordResult = (store: Store, entry: OutboxEntry, result: MutationResult, superseded: readonly number[], at: string, out: PushOutcome): void => {
  const outcome = result.status === 'duplicate' ? (result.originalStatus ?? 'applied') : result.status;
  if (result.status === 'duplicate') out.duplicates += 1;
  switch (outcome) {
    case 'applied': {
      store.outboxSync.markSent(entry.id, result.status === 'duplicate' ? 'duplicate' : 'applied', result.submissionId ?? null);
      for (const id of superseded) store.outboxSync.markSent(id, 'coalesced');
      out.coalesced += superseded.length;
      if (entry.op === 'submit' && result.submissionId !== undefined) store.sync.recordSubmission(entry.taskId, result.submissionId);
      out.applied += 1;
      return;
    }
    case 'lease_lost': {
      const message = result.error?.message ?? 'The task is no longer assigned to you; this work was not applied.';
      store.outboxSync.markFailed(entry.id, 'lease_lost', message);
      // Older drafts folded into this one are kept too: they stay failed beside it, never dropped.
      for (const id of superseded) store.outboxSync.markFailed(id, 'lease_lost', message);
      store.quarantine.add({
        taskId: entry.taskId,
        kind: 'lease_lost',
        message: `${message} Your work is kept on this computer${result.quarantineId ? ` and in the platform's quarantine (${result.quarantineId})` : ''}.`,
        remoteId: result.quarantineId ?? null,
        at,
      });
      out.leaseLost += 1;
      out.taskIds.add(entry.taskId);
      return;
    }
    case 'rejected': {
      const message = result.error?.message ?? 'The platform refused this change.';
      store.outboxSync.markFailed(entry.id, 'rejected', message);
      // The folded drafts were never sent: they are the same work, failed with it.
      for (const id of superseded) store.outboxSync.markFailed(id, 'rejected', message);
      if (entry.op === 'submit' && store.taskState.statusOf(entry.taskId) === 'submitted') {
        // The draft stays editable: the expert can fix it and hand it in again.
        store.sync.setStatus(entry.taskId, 'in_progress', at);
      }
      out.rejected += 1;
      out.taskIds.add(entry.taskId);
      return;
    }
  }
};

/**
 * Pushes the outbox in order, in batches, until nothing is pending. An entry becomes sent only from the
 * server's answer for it; a transport failure leaves it pending for the next try, and the server's
 * idempotency (same client id + mutation id, or same key) turns a replay into `duplicate`.
 */
export const push = async (options: PushOptions): Promise<PushOutcome> => {
  const { store, client, clientId } = options;
  const now = options.now ?? (() => new Date());
  let maxBatch = options.maxBatch ?? PROTOCOL_LIMITS.maxMutationsPerPush;
  const out = emptyPushOutcome();
  const stopped = (): boolean => options.isStopped?.() ?? false;

  for (let round = 0; round < 10_000; round += 1) {
    const plan = planPush(store.outbox.pending());
    if (plan.send.length === 0) return out;

    const batch: { entry: OutboxEntry; mutation: Mutation }[] = [];
    const unsendable: { entry: OutboxEntry; reason: string }[] = [];
    for (const entry of plan.send) {
      if (batch.length >= maxBatch) break;
      const built = toMutation(entry, options.stamp);
      if (built.ok) batch.push({ entry, mutation: built.mutation });
      else unsendable.push({ entry, reason: built.reason });
    }
    if (unsendable.length > 0) {
      store.transaction(() => {
        for (const { entry, reason } of unsendable) store.outboxSync.markFailed(entry.id, 'rejected', reason);
      });
    }
    if (batch.length === 0) continue;

    let response;
    try {
      response = await client.push({ clientId, mutations: batch.map((b) => b.mutation) });
    } catch (error) {
      if (stopped()) throw error;
      if (isPlatformError(error, 'rejected') && error.status === 413 && batch.length > 1) {
        maxBatch = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      const message = error instanceof Error ? error.message : String(error);
      store.transaction(() => {
        for (const { entry } of batch) {
          if (isPlatformError(error, 'rejected') || isPlatformError(error, 'lease_lost')) {
            // The whole request was refused for good (4xx): show it on every entry it carried.
            store.outboxSync.markFailed(entry.id, 'rejected', message);
            for (const id of plan.supersedes.get(entry.id) ?? []) store.outboxSync.markFailed(id, 'rejected', message);
            out.taskIds.add(entry.taskId);
          } else {
            store.outboxSync.recordAttempt(entry.id, message);
          }
        }
      });
      if (isPlatformError(error, 'rejected') || isPlatformError(error, 'lease_lost')) {
        out.rejected += batch.length;
        continue;
      }
      throw error;
    }
    if (stopped()) throw new Error('stopped');

    const byId = new Map(response.results.map((r) => [r.id, r]));
    const at = now().toISOString();
    let answered = 0;
    store.transaction(() => {
      for (const { entry } of batch) {
        const result = byId.get(entry.id);
        if (!result) continue; // No answer for it: it stays pending and goes again.
        answered += 1;
        store.outboxSync.recordAttempt(entry.id, null);
        recordResult(store, entry, result, plan.supersedes.get(entry.id) ?? [], at, out);
      }
    });
    out.sent += batch.length;
    if (answered === 0) throw new Error('The platform answered a push without a result for any mutation sent; will try again');
  }
  return out;
};

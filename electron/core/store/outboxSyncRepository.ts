import { randomUUID } from 'node:crypto';
import type { Db } from './database';
import type { OutboxOp } from './outboxRepository';

/** How an outbox entry ended, beside its state. */
/** `other_account`: held back at an account switch, made while another identity was signed in. */
export type OutboxResolution = 'applied' | 'duplicate' | 'coalesced' | 'lease_lost' | 'rejected' | 'retried' | 'other_account';

export interface FailedEntry {
  id: number;
  op: OutboxOp;
  taskId: string;
  payload: unknown;
  createdAt: string;
  attempts: number;
  lastError: string | null;
  resolution: OutboxResolution | null;
}

interface FailedRow {
  id: number;
  op: OutboxOp;
  task_id: string;
  payload_json: string;
  created_at: string;
  attempts: number;
  last_error: string | null;
  resolution: OutboxResolution | null;
}

const toFailed = (r: FailedRow): FailedEntry => ({
  id: r.id,
  op: r.op,
  taskId: r.task_id,
  payload: JSON.parse(r.payload_json),
  createdAt: r.created_at,
  attempts: r.attempts,
  lastError: r.last_error,
  resolution: r.resolution,
});

/** The sync engine's side of the outbox: outcomes from the platform, attempts, and retries of failed entries. */
export const createOutboxSyncRepository = (db: Db) => {
  const markSent = db.prepare<[string, string | null, number]>("UPDATE outbox SET state = 'sent', resolution = ?, remote_id = ?, last_error = NULL WHERE id = ? AND state = 'pending'");
  const markFailed = db.prepare<[string, string, number]>("UPDATE outbox SET state = 'failed', resolution = ?, last_error = ? WHERE id = ? AND state = 'pending'");
  const attempt = db.prepare<[string | null, number]>("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'pending'");
  const failedOpen = db.prepare<[], FailedRow>(
    "SELECT id, op, task_id, payload_json, created_at, attempts, last_error, resolution FROM outbox WHERE state = 'failed' AND coalesce(resolution, '') <> 'retried' ORDER BY id",
  );
  const byId = db.prepare<[number], FailedRow & { state: string; idempotency_key: string }>(
    'SELECT id, op, task_id, payload_json, created_at, attempts, last_error, resolution, state, idempotency_key FROM outbox WHERE id = ?',
  );
  const pendingIds = db.prepare<[], number>("SELECT id FROM outbox WHERE state = 'pending' ORDER BY id").pluck();
  const restoreHeld = db.prepare<[number]>(
    "UPDATE outbox SET state = 'pending', resolution = NULL, last_error = NULL WHERE id = ? AND state = 'failed' AND resolution = 'other_account'",
  );
  const markRetried = db.prepare<[number]>("UPDATE outbox SET resolution = 'retried' WHERE id = ? AND state = 'failed'");
  const insertCopy = db.prepare(`
    INSERT INTO outbox (op, task_id, payload_json, idempotency_key, created_at) VALUES (@op, @taskId, @payloadJson, @idempotencyKey, @createdAt)`);
  const insertSubmission = db.prepare(`
    INSERT INTO submissions (task_id, revision, annotation_json, idempotency_key, submitted_at)
    SELECT task_id, revision, annotation_json, @newKey, @at FROM submissions WHERE idempotency_key = @oldKey`);

  return {
    /** Call inside a transaction; only a pending entry changes. */
    markSent(id: number, resolution: OutboxResolution, remoteId: string | null = null): void {
      markSent.run(resolution, remoteId, id);
    },
    markFailed(id: number, resolution: OutboxResolution, message: string): void {
      markFailed.run(resolution, message, id);
    },
    recordAttempt(id: number, error: string | null): void {
      attempt.run(error, id);
    },
    /**
     * At an account switch: every pending entry is held back (failed, `other_account`) with the message, so
     * nothing made as one person is sent under another's token. Answers the ids held. Call inside a transaction.
     */
    holdPending(message: string): number[] {
      const ids = pendingIds.all();
      for (const id of ids) markFailed.run('other_account', message, id);
      return ids;
    },
    /** Back to pending, with its own id and idempotency key, an entry held at an account switch and not retried since. */
    restoreHeld(id: number): boolean {
      return restoreHeld.run(id).changes > 0;
    },
    /** Failed entries not yet retried, oldest first. */
    failed: (): FailedEntry[] => failedOpen.all().map(toFailed),
    get(id: number): (FailedEntry & { state: string }) | null {
      const row = byId.get(id);
      return row ? { ...toFailed(row), state: row.state } : null;
    },
    /**
     * Sends a failed entry again as a new mutation (a new id and idempotency key: the platform answers the old
     * ones with their stored outcome forever). A submit gets its own local submission record. Call inside a transaction.
     */
    requeue(id: number, at: string): number | null {
      const row = byId.get(id);
      if (!row || row.state !== 'failed' || row.resolution === 'retried') return null;
      const idempotencyKey = randomUUID();
      const result = insertCopy.run({ op: row.op, taskId: row.task_id, payloadJson: row.payload_json, idempotencyKey, createdAt: at });
      if (row.op === 'submit') insertSubmission.run({ newKey: idempotencyKey, at, oldKey: row.idempotency_key });
      markRetried.run(id);
      return Number(result.lastInsertRowid);
    },
  };
};
export type OutboxSyncRepository = ReturnType<typeof createOutboxSyncRepository>;

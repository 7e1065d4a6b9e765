import { randomUUID } from 'node:crypto';
import type { Db } from './database';

export type OutboxOp = 'save_draft' | 'submit';
export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxEntry {
  /** The client mutation id: increases with every entry and is never reused. */
  id: number;
  op: OutboxOp;
  taskId: string;
  payload: unknown;
  idempotencyKey: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
  state: OutboxState;
}

interface OutboxRow {
  id: number;
  op: OutboxOp;
  task_id: string;
  payload_json: string;
  idempotency_key: string;
  created_at: string;
  attempts: number;
  last_error: string | null;
  state: OutboxState;
}

const toEntry = (row: OutboxRow): OutboxEntry => ({
  id: row.id,
  op: row.op,
  taskId: row.task_id,
  payload: JSON.parse(row.payload_json),
  idempotencyKey: row.idempotency_key,
  createdAt: row.created_at,
  attempts: row.attempts,
  lastError: row.last_error,
  state: row.state,
});

/** Local mutations waiting to reach the platform, in the order they were made. */
export const createOutboxRepository = (db: Db) => {
  const insertEntry = db.prepare(`
    INSERT INTO outbox (op, task_id, payload_json, idempotency_key, created_at)
    VALUES (@op, @taskId, @payloadJson, @idempotencyKey, @createdAt)`);
  const selectPending = db.prepare<[], OutboxRow>("SELECT * FROM outbox WHERE state = 'pending' ORDER BY id");
  const countPending = db.prepare<[], number>("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck();
  const selectByTask = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE task_id = ? ORDER BY id');

  return {
    /** Call inside the transaction that made the change, so the change and its mutation land together. */
    enqueue(op: OutboxOp, taskId: string, payload: unknown, createdAt: string, idempotencyKey: string = randomUUID()): OutboxEntry {
      const result = insertEntry.run({ op, taskId, payloadJson: JSON.stringify(payload), idempotencyKey, createdAt });
      return { id: Number(result.lastInsertRowid), op, taskId, payload, idempotencyKey, createdAt, attempts: 0, lastError: null, state: 'pending' };
    },
    /**
     * enqueue() with the payload already written as JSON (the autosave builds it around the annotation JSON it just
     * stored instead of writing the annotation a second time). The caller answers for `payloadJson` being exactly
     * JSON.stringify(payload).
     */
    enqueueJson(op: OutboxOp, taskId: string, payloadJson: string, createdAt: string, idempotencyKey: string = randomUUID()): void {
      insertEntry.run({ op, taskId, payloadJson, idempotencyKey, createdAt });
    },
    pending: (): OutboxEntry[] => selectPending.all().map(toEntry),
    pendingCount: (): number => countPending.get() ?? 0,
    forTask: (taskId: string): OutboxEntry[] => selectByTask.all(taskId).map(toEntry),
  };
};
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;

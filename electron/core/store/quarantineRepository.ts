import type { Db } from './database';

export type QuarantineKind = 'invalid_change' | 'lease_lost';

export interface QuarantineEntry {
  id: number;
  taskId: string;
  kind: QuarantineKind;
  message: string;
  /** The change as received (invalid_change), capped; null for lease_lost. */
  rawJson: string | null;
  /** The platform's quarantine id for lease_lost work. */
  remoteId: string | null;
  createdAt: string;
}

interface Row {
  id: number;
  task_id: string;
  kind: QuarantineKind;
  message: string;
  raw_json: string | null;
  remote_id: string | null;
  created_at: string;
}

const MAX_RAW_CHARS = 256 * 1024;

const toEntry = (r: Row): QuarantineEntry => ({
  id: r.id,
  taskId: r.task_id,
  kind: r.kind,
  message: r.message,
  rawJson: r.raw_json,
  remoteId: r.remote_id,
  createdAt: r.created_at,
});

/** What sync set aside instead of applying or discarding it. Rows are resolved, never deleted. */
export const createQuarantineRepository = (db: Db) => {
  const insert = db.prepare(`
    INSERT INTO sync_quarantine (task_id, kind, message, raw_json, remote_id, created_at)
    VALUES (@taskId, @kind, @message, @rawJson, @remoteId, @createdAt)`);
  const openRows = db.prepare<[], Row>('SELECT * FROM sync_quarantine WHERE resolved_at IS NULL ORDER BY id');
  const openForTask = db.prepare<[string, string], Row>('SELECT * FROM sync_quarantine WHERE resolved_at IS NULL AND task_id = ? AND kind = ? ORDER BY id');
  const byId = db.prepare<[number], Row>('SELECT * FROM sync_quarantine WHERE id = ?');
  const resolveRow = db.prepare<[string, number]>('UPDATE sync_quarantine SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL');
  const anyOpen = db.prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM sync_quarantine WHERE resolved_at IS NULL AND kind = ?)').pluck();
  const resolveTask = db.prepare<[string, string, string]>('UPDATE sync_quarantine SET resolved_at = ? WHERE task_id = ? AND kind = ? AND resolved_at IS NULL');

  return {
    /** Adds an entry unless one of the same kind is already open for the task (then updates nothing). Call inside a transaction. */
    add(entry: { taskId: string; kind: QuarantineKind; message: string; raw?: unknown; remoteId?: string | null; at: string }): number | null {
      if (openForTask.get(entry.taskId, entry.kind)) return null;
      let rawJson: string | null = null;
      if (entry.raw !== undefined) {
        try {
          rawJson = (JSON.stringify(entry.raw) ?? 'undefined').slice(0, MAX_RAW_CHARS);
        } catch {
          rawJson = null;
        }
      }
      const result = insert.run({ taskId: entry.taskId, kind: entry.kind, message: entry.message, rawJson, remoteId: entry.remoteId ?? null, createdAt: entry.at });
      return Number(result.lastInsertRowid);
    },
    open: (): QuarantineEntry[] => openRows.all().map(toEntry),
    hasOpen: (kind: QuarantineKind): boolean => (anyOpen.get(kind) ?? 0) > 0,
    openFor: (taskId: string, kind: QuarantineKind): QuarantineEntry[] => openForTask.all(taskId, kind).map(toEntry),
    get(id: number): QuarantineEntry | null {
      const row = byId.get(id);
      return row ? toEntry(row) : null;
    },
    resolve(id: number, at: string): void {
      resolveRow.run(at, id);
    },
    resolveTask(taskId: string, kind: QuarantineKind, at: string): void {
      resolveTask.run(at, taskId, kind);
    },
  };
};
export type QuarantineRepository = ReturnType<typeof createQuarantineRepository>;

import type { Db } from './database';

/** Tasks of an import still being read (see migration 7): staged in batches, moved in one transaction, or dropped. */
export const createImportStagingRepository = (db: Db) => {
  const insert = db.prepare<[string, number, string]>('INSERT INTO import_staging (import_id, seq, task_json) VALUES (?, ?, ?)');
  const page = db.prepare<[string, number, number], { seq: number; task_json: string }>(
    'SELECT seq, task_json FROM import_staging WHERE import_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const clear = db.prepare<[string]>('DELETE FROM import_staging WHERE import_id = ?');
  const clearAll = db.prepare('DELETE FROM import_staging');
  return {
    /** Call inside a transaction. */
    stage(importId: string, firstSeq: number, taskJsons: readonly string[]): void {
      taskJsons.forEach((json, i) => insert.run(importId, firstSeq + i, json));
    },
    /** Up to `limit` staged tasks after `afterSeq`, in file order. */
    page: (importId: string, afterSeq: number, limit: number) => page.all(importId, afterSeq, limit),
    clear: (importId: string): void => void clear.run(importId),
    /** At start: imports a previous run left half-read are gone with that run. */
    clearAll: (): void => void clearAll.run(),
  };
};
export type ImportStagingRepository = ReturnType<typeof createImportStagingRepository>;

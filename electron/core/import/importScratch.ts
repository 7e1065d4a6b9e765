import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppFailure, type Task } from '@shared/domain';
import type { Db } from '../store/database';
import type { Store } from '../store/store';
import { derivedColumnsOf } from '../store/taskRepository';

/**
 * The tasks of one import being read, in a scratch database of their own beside the store: encrypted with the
 * store's key (ATTACH without a key takes the main database's), written without fsync and with its journal in memory (it is thrown
 * away whatever happens), and dropped by deleting the file, so cancelling costs nothing and a crash leaves a file
 * the next start deletes. Each staged row already holds what the tasks row needs, so the last step moves every new
 * task with a few set-based statements instead of one upsert per task; a large import's search entries follow it.
 */
export interface ImportScratch {
  stage(tasks: readonly Task[]): void;
  staged(): number;
  /** Moves every staged task into the store in one transaction; answers their ids (file order) and projects. */
  commit(store: Store, receivedAt: string): { taskIds: string[]; projects: string[] };
  drop(): void;
}

const SCRATCH_SUFFIX = '.import-';

/** New tasks an import indexes for search in its own transaction; more wait in the search backlog. */
export const INDEX_AT_ONCE_UP_TO = 2_000;

const scratchPathOf = (db: Db, importId: string): string => (db.memory || db.name === '' ? '' : `${db.name}${SCRATCH_SUFFIX}${importId}`);

/** At start: scratch files of imports a previous run left unfinished go with that run. */
export const removeLeftoverScratch = (db: Db): void => {
  if (db.memory || db.name === '') return;
  const dir = dirname(db.name);
  const prefix = `${basename(db.name)}${SCRATCH_SUFFIX}`;
  for (const name of readdirSync(dir)) if (name.startsWith(prefix)) rmSync(join(dir, name), { force: true });
};

let schemas = 0;

export const openImportScratch = (store: Store, importId: string): ImportScratch => {
  const { db } = store;
  const schema = `import_scratch_${++schemas}`;
  const path = scratchPathOf(db, importId);
  db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(path);
  let attached = true;
  const drop = () => {
    if (!attached) return;
    attached = false;
    db.exec(`DETACH DATABASE ${schema}`);
    if (path) for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  };
  try {
    db.exec(`
      PRAGMA ${schema}.journal_mode = MEMORY;
      PRAGMA ${schema}.synchronous = OFF;
      -- What every step of the move scans (ids, projects, which tasks exist) apart from the text it moves once:
      -- each scan of the wide rows decrypted the whole import again.
      CREATE TABLE ${schema}.meta (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        project TEXT NOT NULL,
        whole_payload INTEGER NOT NULL,
        existing INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE ${schema}.body (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        guidelines TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        display_payload_json TEXT,
        lease_json TEXT,
        excerpt TEXT NOT NULL
      );
    `);
  } catch (error) {
    drop();
    throw error;
  }
  const insertMeta = db.prepare(`INSERT INTO ${schema}.meta (seq, id, project, whole_payload) VALUES (?, ?, ?, ?)`);
  const insertBody = db.prepare(
    `INSERT INTO ${schema}.body (seq, kind, version, title, guidelines, payload_json, display_payload_json, lease_json, excerpt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let count = 0;

  return {
    stage(tasks) {
      // A plain (deferred) transaction that writes only the scratch file: the store's write lock is never taken here.
      db.transaction(() => {
        for (const task of tasks) {
          const c = derivedColumnsOf(task);
          const seq = ++count;
          insertMeta.run(seq, task.id, task.project, c.displayPayloadJson === null ? 0 : 1);
          insertBody.run(seq, task.payload.kind, task.version, task.title, task.guidelines, c.payloadJson, c.displayPayloadJson, c.leaseJson, c.excerpt);
        }
      })();
    },

    staged: () => count,

    commit(store, receivedAt) {
      // Tasks already in the store take the upsert path (a new version, the search entry replaced, local work kept).
      // Marked first, in the scratch file alone: no other call runs on this connection before the move below.
      db.prepare(`UPDATE ${schema}.meta SET existing = 1 WHERE existing = 0 AND EXISTS (SELECT 1 FROM main.tasks t WHERE t.id = ${schema}.meta.id)`).run();
      return store.transaction(() => {
        const owned = db
          .prepare<[], string>(`SELECT m.id FROM ${schema}.meta m JOIN main.tasks t ON t.id = m.id WHERE m.existing = 1 AND t.source = 'platform' ORDER BY m.seq LIMIT 1`)
          .pluck()
          .get();
        if (owned !== undefined) {
          throw new AppFailure('import_failed', `Task "${owned}" was assigned by your platform; a file cannot replace it. Nothing was imported.`, `task ${owned}`);
        }
        const again = db.prepare<[number], { seq: number; id: string; project: string; version: number; title: string; guidelines: string; payload_json: string; lease_json: string | null }>(
          `SELECT m.seq, m.id, m.project, b.version, b.title, b.guidelines, b.payload_json, b.lease_json
           FROM ${schema}.meta m JOIN ${schema}.body b ON b.seq = m.seq WHERE m.existing = 1 AND m.seq > ? ORDER BY m.seq LIMIT 500`,
        );
        for (let after = 0; ; ) {
          const rows = again.all(after);
          if (rows.length === 0) break;
          for (const row of rows) {
            // Parsed against the schema when it was staged.
            const task = { id: row.id, project: row.project, version: row.version, title: row.title, guidelines: row.guidelines, lease: row.lease_json === null ? null : JSON.parse(row.lease_json), payload: JSON.parse(row.payload_json) } as Task;
            store.tasks.upsert(task, 'import', receivedAt);
          }
          after = rows[rows.length - 1]!.seq;
        }
        // New tasks: the rows, whole payloads, search backlog and statuses in one statement each; the text is read
        // from the scratch file once.
        const base = db.prepare<[], number>('SELECT coalesce(max(search_id), 0) FROM main.tasks').pluck().get() ?? 0;
        const params = { base, at: receivedAt };
        db.prepare(
          `INSERT INTO main.tasks (id, search_id, project, kind, version, title, guidelines, payload_json, lease_json, excerpt, source, received_at)
           SELECT m.id, @base + m.seq, m.project, b.kind, b.version, b.title, b.guidelines, coalesce(b.display_payload_json, b.payload_json), b.lease_json, b.excerpt, 'import', @at
           FROM ${schema}.meta m JOIN ${schema}.body b ON b.seq = m.seq WHERE m.existing = 0 ORDER BY m.seq`,
        ).run(params);
        db.prepare(
          `INSERT INTO main.task_payloads (task_id, payload_json)
           SELECT m.id, b.payload_json FROM ${schema}.meta m JOIN ${schema}.body b ON b.seq = m.seq WHERE m.existing = 0 AND m.whole_payload = 1 ORDER BY m.seq`,
        ).run();
        // Indexed for search after the import, in small batches outside this transaction (searchIndexer.ts); a small
        // import, at once.
        const landed = db.prepare(`INSERT INTO main.search_backlog (search_id) SELECT @base + seq FROM ${schema}.meta WHERE existing = 0`).run({ base }).changes;
        if (landed <= INDEX_AT_ONCE_UP_TO) store.searchBacklog.indexNext(landed);
        // The recency is set here (every new task arrived at @at), so the trigger of migration 6 stands aside.
        db.prepare(
          `INSERT OR IGNORE INTO main.task_state (task_id, status, updated_at, recency)
           SELECT id, 'new', @at, -CAST(round((julianday(@at) - 2440587.5) * 86400000) AS INTEGER) FROM ${schema}.meta WHERE existing = 0 ORDER BY seq`,
        ).run({ at: receivedAt });
        const taskIds = db.prepare<[], string>(`SELECT id FROM ${schema}.meta ORDER BY seq`).pluck().all();
        const projects = db.prepare<[], string>(`SELECT DISTINCT project FROM ${schema}.meta`).pluck().all();
        return { taskIds, projects };
      });
    },

    drop,
  };
};

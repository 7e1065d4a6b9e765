import { AppFailure, type Task } from '@shared/domain';
import { toTask } from '../store/taskRepository';
import type { Store } from '../store/store';
import type { StagedRow } from './lineParser';

/**
 * The tasks of one import being read, written where they will stay: each chunk's new tasks go straight into
 * `tasks` (one transaction per chunk, in the encrypted store) but stay out of the inbox, search and counts until
 * the import lands, because a task is listed only once it has a status row (task_state) and a search entry. The
 * rows of an import are named in import_pending (migration 12), so cancelling, failing or a crash (cleared at the
 * next start) deletes exactly them. A task already on this computer waits in import_pending as its JSON and
 * replaces the stored one (a new version, local work kept) only when the import lands.
 *
 * Writing each task once is the point: staging a copy and moving it at the end wrote and read the text twice.
 */
export interface PendingImport {
  stage(rows: readonly StagedRow[]): void;
  staged(): number;
  /** Lands every staged task in one transaction; answers their ids (file order) and projects. */
  commit(receivedAt: string): { taskIds: string[]; projects: string[] };
  /** Removes whatever has not landed (a cancel, a failure); nothing after a commit. */
  drop(): void;
}

/** New tasks an import indexes for search in its own transaction; more wait in the search backlog. */
export const INDEX_AT_ONCE_UP_TO = 2_000;

/** The task a row was read from (its payload and lease as the line parser wrote them). */
const taskOf = (row: StagedRow): Task =>
  toTask({ id: row.id, project: row.project, version: row.version, title: row.title, guidelines: row.guidelines, lease_json: row.leaseJson, payload_json: row.payloadJson });

const platformOwned = (id: string): AppFailure =>
  new AppFailure('import_failed', `Task "${id}" was assigned by your platform; a file cannot replace it. Nothing was imported.`, `task ${id}`);

/** Rows an import left pending (its tasks, not yet in the inbox) are deleted; `importId` null: every import's. */
const discard = (store: Store, importId: string | null): void => {
  const { db } = store;
  const which = importId === null ? '' : 'AND import_id = @importId';
  store.transaction(() => {
    // Only rows that never landed: a task that got a status meanwhile (a sync wrote it) stays.
    db.prepare(
      `DELETE FROM tasks WHERE id IN (SELECT task_id FROM import_pending WHERE task_json IS NULL ${which})
       AND NOT EXISTS (SELECT 1 FROM task_state s WHERE s.task_id = tasks.id)`,
    ).run(importId === null ? {} : { importId });
    db.prepare(`DELETE FROM import_pending WHERE 1 ${which}`).run(importId === null ? {} : { importId });
  });
};

/** At start: what imports of a previous run left pending goes with that run. */
export const discardPendingImports = (store: Store): void => discard(store, null);

export const openPendingImport = (store: Store, importId: string): PendingImport => {
  const { db } = store;
  const maxSearchId = db.prepare<[], number>('SELECT coalesce(max(search_id), 0) FROM tasks').pluck();
  const insertNew = db.prepare<[string, number, string, string, number, string, string, string, string | null, string, string]>(
    `INSERT INTO tasks (id, search_id, project, kind, version, title, guidelines, payload_json, lease_json, excerpt, source, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const insertWholePayload = db.prepare<[string, string]>('INSERT INTO task_payloads (task_id, payload_json) VALUES (?, ?)');
  // A batch's new tasks named in one statement: [seq, task id, search id] for each.
  const insertWritten = db.prepare<[string, string]>(
    `INSERT INTO import_pending (import_id, seq, task_id, search_id)
     SELECT ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)`,
  );
  const insertPending = db.prepare<[string, number, string, number | null, string | null]>(
    'INSERT INTO import_pending (import_id, seq, task_id, search_id, task_json) VALUES (?, ?, ?, ?, ?)',
  );
  const sourceOf = db.prepare<[string], string>('SELECT source FROM tasks WHERE id = ?').pluck();
  let count = 0;
  const projects = new Set<string>();
  let lastStagedAt = '';
  // BEGIN IMMEDIATE, as store.transaction.
  const stageRows = db.transaction((rows: readonly StagedRow[], receivedAt: string) => {
    let searchId = maxSearchId.get() ?? 0;
    const written: (string | number)[][] = [];
    for (const row of rows) {
      const seq = ++count;
      projects.add(row.project);
      const landed =
        insertNew.run(
          row.id,
          searchId + 1,
          row.project,
          row.kind,
          row.version,
          row.title,
          row.guidelines,
          row.displayPayloadJson ?? row.payloadJson,
          row.leaseJson,
          row.excerpt,
          receivedAt,
        ).changes === 1;
      if (landed) {
        searchId += 1;
        if (row.displayPayloadJson !== null) insertWholePayload.run(row.id, row.payloadJson);
        written.push([seq, row.id, searchId]);
      } else {
        // Already on this computer: said at once when the platform owns it, else replaced when the import lands.
        if (sourceOf.get(row.id) === 'platform') throw platformOwned(row.id);
        insertPending.run(importId, seq, row.id, null, JSON.stringify(taskOf(row)));
      }
    }
    if (written.length > 0) insertWritten.run(importId, JSON.stringify(written));
  }).immediate;

  return {
    stage(rows) {
      const receivedAt = new Date().toISOString();
      lastStagedAt = receivedAt > lastStagedAt ? receivedAt : lastStagedAt;
      // Rows that have not landed need no sync of their own: the landing commit syncs the WAL, every frame before it
      // included, and rows a crash loses before then were going to be discarded anyway (discardPendingImports).
      db.pragma('synchronous = NORMAL');
      try {
        stageRows(rows, receivedAt);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },

    staged: () => count,

    commit(now) {
      // Every new task arrives at this moment, and never before it was written: its recency is one constant.
      const at = now > lastStagedAt ? now : lastStagedAt;
      return store.transaction(() => {
        const replaced = db.prepare<[string, number], { seq: number; task_json: string }>(
          'SELECT seq, task_json FROM import_pending WHERE import_id = ? AND task_json IS NOT NULL AND seq > ? ORDER BY seq LIMIT 500',
        );
        for (let after = 0; ; ) {
          const rows = replaced.all(importId, after);
          if (rows.length === 0) break;
          for (const row of rows) {
            // Parsed against the schema when it was staged.
            const task = JSON.parse(row.task_json) as Task;
            // The platform may have assigned it since it was staged (a sync in between).
            if (store.tasks.sourceOf(task.id) === 'platform') throw platformOwned(task.id);
            store.tasks.upsert(task, 'import', at);
          }
          after = rows[rows.length - 1]!.seq;
        }
        // A write since staging (a sync) took over a task the import wrote (tasks.upsert marks it): the platform's
        // cannot be replaced by a file; any other writer's stays as it wrote it.
        const taken = db
          .prepare<[string], string>("SELECT task_id FROM import_pending WHERE import_id = ? AND taken_by = 'platform' ORDER BY seq LIMIT 1")
          .pluck()
          .get(importId);
        if (taken !== undefined) throw platformOwned(taken);
        const mine = 'import_id = @importId AND search_id IS NOT NULL AND taken_by IS NULL';
        // Search entries follow the import, in small batches outside this transaction (searchIndexer.ts); a small
        // import's are written at once.
        const landed = db.prepare(`INSERT INTO search_backlog (search_id) SELECT search_id FROM import_pending WHERE ${mine}`).run({ importId }).changes;
        // The recency is set here, so the trigger of migration 6 stands aside.
        db.prepare(
          `INSERT OR IGNORE INTO task_state (task_id, status, updated_at, recency)
           SELECT task_id, 'new', @at, -CAST(round((julianday(@at) - 2440587.5) * 86400000) AS INTEGER) FROM import_pending WHERE ${mine} ORDER BY task_id`,
        ).run({ importId, at });
        if (landed <= INDEX_AT_ONCE_UP_TO) store.searchBacklog.indexNext(landed);
        const taskIds = db.prepare<[string], string>('SELECT task_id FROM import_pending WHERE import_id = ? ORDER BY seq').pluck().all(importId);
        db.prepare('DELETE FROM import_pending WHERE import_id = ?').run(importId);
        return { taskIds, projects: [...projects] };
      });
    },

    drop: () => discard(store, importId),
  };
};

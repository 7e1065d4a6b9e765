import { promptTextOf, taskSchema, type Task, type TaskKind, type TaskSummary } from '@shared/domain';
import type { Db } from './database';
import { taskForDisplay } from '@shared/trajectory/forDisplay';
import { searchPromptOf } from './searchPrompt';
import { createTaskListing, type TaskFilter } from './taskListing';
import { RECENCY_AT } from './taskStateRepository';

export type TaskSource = TaskSummary['source'];

export type { TaskFilter } from './taskListing';

interface StoredRow {
  search_id: number;
  project: string;
  kind: TaskKind;
  version: number;
  title: string;
  guidelines: string;
  payload_json: string;
  lease_json: string | null;
  /** 0 for a row an import is still writing (no status yet, see pendingImport.ts). */
  listed: number;
}

export interface TaskRow {
  id: string;
  project: string;
  version: number;
  title: string;
  guidelines: string;
  payload_json: string;
  lease_json: string | null;
}

import { excerptOf } from './taskColumns';

/** A task from its stored columns, checked against the schema. */
export const toTask = (row: TaskRow): Task =>
  taskSchema.parse({
    id: row.id,
    project: row.project,
    version: row.version,
    title: row.title,
    guidelines: row.guidelines,
    lease: row.lease_json === null ? null : JSON.parse(row.lease_json),
    payload: JSON.parse(row.payload_json),
  });

/** The platform's (or an import's) view of tasks: a snapshot the app never edits, plus its search index. */
export const createTaskRepository = (db: Db) => {
  const listing = createTaskListing(db);
  const findStored = db.prepare<[string], StoredRow>(
    `SELECT t.search_id, t.project, t.kind, t.version, t.title, t.guidelines, coalesce(p.payload_json, t.payload_json) AS payload_json, t.lease_json,
       EXISTS (SELECT 1 FROM task_state s WHERE s.task_id = t.id) AS listed
     FROM tasks t LEFT JOIN task_payloads p ON p.task_id = t.id WHERE t.id = ?`,
  );
  const deleteUnlisted = db.prepare<[string]>('DELETE FROM tasks WHERE id = ?');
  const takeFromImport = db.prepare<[string, number]>('UPDATE import_pending SET taken_by = ? WHERE search_id = ?');
  const putWholePayload = db.prepare<[string, string]>('INSERT INTO task_payloads (task_id, payload_json) VALUES (?, ?) ON CONFLICT (task_id) DO UPDATE SET payload_json = excluded.payload_json');
  const dropWholePayload = db.prepare<[string]>('DELETE FROM task_payloads WHERE task_id = ?');
  const nextSearchId = db.prepare<[], number>('SELECT coalesce(max(search_id), 0) + 1 FROM tasks').pluck();
  const upsertRow = db.prepare(`
    INSERT INTO tasks (id, search_id, project, kind, version, title, guidelines, payload_json, lease_json, excerpt, source, received_at)
    VALUES (@id, @searchId, @project, @kind, @version, @title, @guidelines, @rowPayloadJson, @leaseJson, @excerpt, @source, @receivedAt)
    ON CONFLICT (id) DO UPDATE SET
      project = excluded.project, kind = excluded.kind, version = excluded.version, title = excluded.title,
      guidelines = excluded.guidelines, payload_json = excluded.payload_json, lease_json = excluded.lease_json,
      excerpt = excluded.excerpt, received_at = excluded.received_at`);
  // The source of an existing task never changes: a file cannot turn a platform task into a local one.
  const selectSource = db.prepare<[string], TaskSource>('SELECT source FROM tasks WHERE id = ?').pluck();
  const deleteFts = db.prepare<[number]>('DELETE FROM tasks_fts WHERE rowid = ?');
  const leaveBacklog = db.prepare<[number]>('DELETE FROM search_backlog WHERE search_id = ?');
  const insertFts = db.prepare<[number, string, string]>('INSERT INTO tasks_fts (rowid, title, prompt) VALUES (?, ?, ?)');
  const insertState = db.prepare<[{ taskId: string; at: string }]>(
    `INSERT OR IGNORE INTO task_state (task_id, status, updated_at, recency) VALUES (@taskId, 'new', @at, ${RECENCY_AT('@at', '@taskId')})`,
  );
  const selectTask = db.prepare<[string], TaskRow>(
    `SELECT t.id, t.project, t.version, t.title, t.guidelines, coalesce(p.payload_json, t.payload_json) AS payload_json, t.lease_json
     FROM tasks t LEFT JOIN task_payloads p ON p.task_id = t.id WHERE t.id = ?`,
  );
  // The row alone: for a trajectory it holds the workspace's copy, so opening never reads the whole run.
  const selectDisplayTask = db.prepare<[string], TaskRow>('SELECT id, project, version, title, guidelines, payload_json, lease_json FROM tasks WHERE id = ?');
  // Every listed task has a status row; a task an import is still writing has none yet (pendingImport.ts).
  const countAll = db.prepare<[], number>('SELECT count(*) FROM task_state').pluck();
  // A version is kept while a draft revision or a submission was made against it (outbox entries come from those).
  const versionInUse = db.prepare<[string, number, string, number], number>(`
    SELECT EXISTS (SELECT 1 FROM draft_revisions WHERE task_id = ? AND task_version = ?)
        OR EXISTS (SELECT 1 FROM submissions WHERE task_id = ? AND task_version = ?)`).pluck();
  const keepVersion = db.prepare(`
    INSERT OR IGNORE INTO task_versions (task_id, version, project, title, guidelines, payload_json, received_at)
    SELECT t.id, t.version, t.project, t.title, t.guidelines, coalesce(p.payload_json, t.payload_json), t.received_at
    FROM tasks t LEFT JOIN task_payloads p ON p.task_id = t.id WHERE t.id = ?`);
  const selectVersion = db.prepare<[string, number], TaskRow>(
    'SELECT task_id AS id, project, version, title, guidelines, payload_json, NULL AS lease_json FROM task_versions WHERE task_id = ? AND version = ?',
  );
  const selectHead = db.prepare<[string], { version: number; kind: TaskKind }>('SELECT version, kind FROM tasks WHERE id = ?');
  const selectKeptHead = db.prepare<[string, number], { version: number; kind: TaskKind }>(
    "SELECT version, json_extract(payload_json, '$.kind') AS kind FROM task_versions WHERE task_id = ? AND version = ?",
  );
  const selectProjects = db.prepare<[], string>('SELECT DISTINCT project FROM tasks ORDER BY project').pluck();

  return {
    sourceOf(id: string): TaskSource | null {
      return selectSource.get(id) ?? null;
    },

    /**
     * Writes the snapshot and its search entry. Local work (status, drafts) is created once and never
     * touched again here. A task identical to the stored one (a re-sent snapshot) writes nothing: same
     * content, same search entry, same received_at. Answers whether the task is new to this store. Call inside
     * a transaction.
     */
    upsert(task: Task, source: TaskSource, receivedAt: string): boolean {
      let stored = findStored.get(task.id);
      if (stored !== undefined && stored.listed === 0) {
        // An import still writing this task (not landed) does not own it: this write does, as a new task. The
        // import finds out when it lands (pendingImport.ts).
        deleteUnlisted.run(task.id);
        takeFromImport.run(source, stored.search_id);
        stored = undefined;
      }
      const payloadJson = JSON.stringify(task.payload);
      const leaseJson = task.lease === null ? null : JSON.stringify(task.lease);
      const sameContent =
        stored !== undefined &&
        stored.payload_json === payloadJson &&
        stored.title === task.title &&
        stored.guidelines === task.guidelines &&
        stored.project === task.project &&
        stored.kind === task.payload.kind;
      // The platform numbers its versions; a file numbers nothing, so its changed content is the next version here.
      const version =
        stored === undefined || source === 'platform' ? task.version : sameContent ? Math.max(stored.version, task.version) : Math.max(stored.version + 1, task.version);
      if (stored !== undefined && sameContent && stored.version === version && stored.lease_json === leaseJson) {
        insertState.run({ taskId: task.id, at: receivedAt });
        return false;
      }
      // The version being replaced stays readable while local work was made against it.
      if (stored !== undefined && version !== stored.version && versionInUse.get(task.id, stored.version, task.id, stored.version) === 1) keepVersion.run(task.id);
      const searchId = stored?.search_id ?? nextSearchId.get() ?? 1;
      // A trajectory's whole payload lives in task_payloads; the row carries its display copy (see migration 8).
      const whole = task.payload.kind === 'trajectory';
      const prompt = promptTextOf(task.payload);
      upsertRow.run({
        id: task.id,
        searchId,
        project: task.project,
        kind: task.payload.kind,
        version,
        title: task.title,
        guidelines: task.guidelines,
        rowPayloadJson: whole ? JSON.stringify(taskForDisplay(task).payload) : payloadJson,
        leaseJson,
        excerpt: excerptOf(prompt),
        source,
        receivedAt,
      });
      if (whole) putWholePayload.run(task.id, payloadJson);
      else dropWholePayload.run(task.id);
      // A task still waiting in the search backlog has no entry to replace; it is indexed here and leaves the backlog.
      if (stored !== undefined && leaveBacklog.run(searchId).changes === 0) deleteFts.run(searchId);
      insertFts.run(searchId, task.title, searchPromptOf(prompt));
      insertState.run({ taskId: task.id, at: receivedAt });
      return stored === undefined;
    },

    get(id: string): Task | null {
      const row = selectTask.get(id);
      return row ? toTask(row) : null;
    },

    /** The task as it was at `version`: the latest when that is it, else a kept older version; null when neither. */
    getVersion(id: string, version: number): Task | null {
      const latest = selectTask.get(id);
      if (!latest) return null;
      if (latest.version === version) return toTask(latest);
      const kept = selectVersion.get(id, version);
      return kept ? toTask(kept) : null;
    },

    /** The task as a workspace opens it (see taskForDisplay): for a long trajectory, far less than get(). */
    getForDisplay(id: string): Task | null {
      const row = selectDisplayTask.get(id);
      return row ? taskForDisplay(toTask(row)) : null;
    },

    /**
     * A task's version and kind, without reading its payload (an autosave needs no more, and a trajectory's payload
     * runs to megabytes). With `version`: that kept version's, else the latest's, as getVersion(...) ?? get() would.
     */
    head(id: string, version?: number): { version: number; kind: TaskKind } | null {
      const latest = selectHead.get(id);
      if (!latest || version === undefined || version === latest.version) return latest ?? null;
      return selectKeptHead.get(id, version) ?? latest;
    },

    count: (): number => countAll.get() ?? 0,
    projects: (): string[] => selectProjects.all(),

    /** One window of the inbox (see taskListing.ts). */
    window: listing.window,
    summaries: listing.summaries,
    /** Every row the filter matches, in inbox order (or best match first for a search). */
    list: (filter: TaskFilter): TaskSummary[] => listing.window(filter, { limit: -1 }).tasks,
  };
};
export type TaskRepository = ReturnType<typeof createTaskRepository>;

import { plainTextOf } from '@shared/markdown/plainText';
import { promptTextOf, taskSchema, type Task, type TaskKind, type TaskStatus, type TaskSummary } from '@shared/domain';
import type { Db } from './database';
import { toFtsQuery } from './ftsQuery';
import { taskForDisplay } from '@shared/trajectory/forDisplay';

export type TaskSource = TaskSummary['source'];

export interface TaskFilter {
  kind?: TaskKind;
  project?: string;
  status?: TaskStatus;
  query?: string;
}

interface SummaryRow {
  id: string;
  project: string;
  kind: TaskKind;
  title: string;
  status: TaskStatus;
  source: TaskSource;
  updated_at: string;
  excerpt: string;
}

interface StoredRow {
  search_id: number;
  project: string;
  kind: TaskKind;
  version: number;
  title: string;
  guidelines: string;
  payload_json: string;
  lease_json: string | null;
}

interface TaskRow {
  id: string;
  project: string;
  version: number;
  title: string;
  guidelines: string;
  payload_json: string;
  lease_json: string | null;
}

const EXCERPT_LENGTH = 200;
/** Every character plainTextOf's markdown rules start from; text without any of them only has its whitespace collapsed. */
const MARKUP_CHARS = /[`#>[*~_$]/;

/**
 * plainTextOf(text), or a prefix of it at least EXCERPT_LENGTH + 1 long: the same excerpt either way. Text without
 * markup is flattened a growing prefix at a time (collapsing whitespace never depends on what comes later), so a
 * long plain prompt costs a few hundred characters of work instead of all of it.
 */
const flatForExcerpt = (text: string): string => {
  if (MARKUP_CHARS.test(text)) return plainTextOf(text);
  for (let take = 4 * EXCERPT_LENGTH; ; take *= 2) {
    if (take >= text.length) return text.replace(/\s+/g, ' ').trim();
    const flat = text.slice(0, take).replace(/\s+/g, ' ').trim();
    if (flat.length > EXCERPT_LENGTH) return flat;
  }
};

export const excerptOf = (text: string): string => {
  const flat = flatForExcerpt(text);
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
};

/** Search covers the title and this much of the prompt: enough to find a task by what it asks, without indexing megabytes. */
export const FTS_PROMPT_CHARS = 8192;

const STATUS_RANK_SQL = `CASE s.status WHEN 'returned' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'new' THEN 2 WHEN 'submitted' THEN 3 ELSE 4 END`;

/** The platform's (or an import's) view of tasks: a snapshot the app never edits, plus its search index. */
export const createTaskRepository = (db: Db) => {
  const findStored = db.prepare<[string], StoredRow>(
    `SELECT t.search_id, t.project, t.kind, t.version, t.title, t.guidelines, coalesce(p.payload_json, t.payload_json) AS payload_json, t.lease_json
     FROM tasks t LEFT JOIN task_payloads p ON p.task_id = t.id WHERE t.id = ?`,
  );
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
  const insertFts = db.prepare<[number, string, string]>('INSERT INTO tasks_fts (rowid, title, prompt) VALUES (?, ?, ?)');
  const insertState = db.prepare<[string, string]>("INSERT OR IGNORE INTO task_state (task_id, status, updated_at) VALUES (?, 'new', ?)");
  const selectTask = db.prepare<[string], TaskRow>(
    `SELECT t.id, t.project, t.version, t.title, t.guidelines, coalesce(p.payload_json, t.payload_json) AS payload_json, t.lease_json
     FROM tasks t LEFT JOIN task_payloads p ON p.task_id = t.id WHERE t.id = ?`,
  );
  // The row alone: for a trajectory it holds the workspace's copy, so opening never reads the whole run.
  const selectDisplayTask = db.prepare<[string], TaskRow>('SELECT id, project, version, title, guidelines, payload_json, lease_json FROM tasks WHERE id = ?');
  const rowToTask = (row: TaskRow): Task =>
    taskSchema.parse({
      id: row.id,
      project: row.project,
      version: row.version,
      title: row.title,
      guidelines: row.guidelines,
      lease: row.lease_json === null ? null : JSON.parse(row.lease_json),
      payload: JSON.parse(row.payload_json),
    });
  const countAll = db.prepare<[], number>('SELECT count(*) FROM tasks').pluck();
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
      const stored = findStored.get(task.id);
      const payloadJson = JSON.stringify(task.payload);
      const leaseJson = task.lease === null ? null : JSON.stringify(task.lease);
      if (
        stored !== undefined &&
        stored.version === task.version &&
        stored.payload_json === payloadJson &&
        stored.lease_json === leaseJson &&
        stored.title === task.title &&
        stored.guidelines === task.guidelines &&
        stored.project === task.project &&
        stored.kind === task.payload.kind
      ) {
        insertState.run(task.id, receivedAt);
        return false;
      }
      const searchId = stored?.search_id ?? nextSearchId.get() ?? 1;
      // A trajectory's whole payload lives in task_payloads; the row carries its display copy (see migration 5).
      const whole = task.payload.kind === 'trajectory';
      const prompt = promptTextOf(task.payload);
      upsertRow.run({
        id: task.id,
        searchId,
        project: task.project,
        kind: task.payload.kind,
        version: task.version,
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
      if (stored !== undefined) deleteFts.run(searchId);
      insertFts.run(searchId, task.title, prompt.length > FTS_PROMPT_CHARS ? prompt.slice(0, FTS_PROMPT_CHARS) : prompt);
      insertState.run(task.id, receivedAt);
      return stored === undefined;
    },

    get(id: string): Task | null {
      const row = selectTask.get(id);
      return row ? rowToTask(row) : null;
    },

    /** The task as a workspace opens it (see taskForDisplay): for a long trajectory, far less than get(). */
    getForDisplay(id: string): Task | null {
      const row = selectDisplayTask.get(id);
      return row ? taskForDisplay(rowToTask(row)) : null;
    },

    count: (): number => countAll.get() ?? 0,
    projects: (): string[] => selectProjects.all(),

    /** Inbox rows: what needs attention first (returned, in progress, new, submitted, accepted), newest first. */
    list(filter: TaskFilter): TaskSummary[] {
      const where: string[] = [];
      const params: Record<string, string> = {};
      if (filter.kind) {
        where.push('t.kind = @kind');
        params.kind = filter.kind;
      }
      if (filter.project) {
        where.push('t.project = @project');
        params.project = filter.project;
      }
      if (filter.status) {
        where.push('s.status = @status');
        params.status = filter.status;
      }
      const match = filter.query === undefined ? null : toFtsQuery(filter.query);
      if (match !== null) {
        where.push('t.search_id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH @match)');
        params.match = match;
      }
      const sql = `
        SELECT t.id, t.project, t.kind, t.title, s.status, t.source, t.excerpt,
               max(t.received_at, s.updated_at) AS updated_at
        FROM tasks t JOIN task_state s ON s.task_id = t.id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${STATUS_RANK_SQL}, updated_at DESC, t.id`;
      let rows: SummaryRow[];
      try {
        rows = db.prepare<[Record<string, string>], SummaryRow>(sql).all(params);
      } catch (error) {
        // toFtsQuery leaves no syntax to get wrong; this is the last guard so a search can never crash the inbox.
        if (match !== null && error instanceof Error && /fts5/i.test(error.message)) return [];
        throw error;
      }
      return rows.map((r) => ({
        id: r.id,
        project: r.project,
        kind: r.kind,
        title: r.title,
        status: r.status,
        source: r.source,
        updatedAt: r.updated_at,
        excerpt: r.excerpt,
      }));
    },
  };
};
export type TaskRepository = ReturnType<typeof createTaskRepository>;

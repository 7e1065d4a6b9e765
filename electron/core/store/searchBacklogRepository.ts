import { promptTextOf, type TaskPayload } from '@shared/domain';
import type { Db } from './database';
import { searchPromptOf } from './searchPrompt';

/**
 * Tasks landed without a search entry (a large import, see migration 12), and the step that gives them one. The
 * entry written here is the one tasks.upsert writes: the title and the start of the prompt (searchPromptOf).
 */
export const createSearchBacklogRepository = (db: Db) => {
  const count = db.prepare<[], number>('SELECT count(*) FROM search_backlog').pluck();
  const next = db.prepare<[number], { search_id: number; title: string | null; payload_json: string | null }>(
    `SELECT b.search_id, t.title, coalesce(p.payload_json, t.payload_json) AS payload_json
     FROM search_backlog b LEFT JOIN tasks t ON t.search_id = b.search_id LEFT JOIN task_payloads p ON p.task_id = t.id
     ORDER BY b.search_id DESC LIMIT ?`,
  );
  const insertFts = db.prepare<[number, string, string]>('INSERT INTO tasks_fts (rowid, title, prompt) VALUES (?, ?, ?)');
  const dropFrom = db.prepare<[number]>('DELETE FROM search_backlog WHERE search_id >= ?');

  return {
    pending: (): number => count.get() ?? 0,

    /**
     * Indexes up to `limit` waiting tasks, newest first (as search ranks them, and so a small import that lands on
     * a long backlog is indexed at once), and answers how many left the backlog. Call inside a transaction: the
     * entries and the backlog move together, so an interrupted run leaves them waiting, never indexed twice.
     */
    indexNext(limit: number): number {
      const rows = next.all(limit);
      if (rows.length === 0) return 0;
      for (const row of rows) {
        // A task gone since it landed has nothing to index; its place in the backlog goes with the others.
        if (row.title === null || row.payload_json === null) continue;
        // The payload was parsed against its schema when it was stored; the search entry needs only its text.
        insertFts.run(row.search_id, row.title, searchPromptOf(promptTextOf(JSON.parse(row.payload_json) as TaskPayload)));
      }
      return dropFrom.run(rows[rows.length - 1]!.search_id).changes;
    },
  };
};
export type SearchBacklogRepository = ReturnType<typeof createSearchBacklogRepository>;

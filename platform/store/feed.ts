import type { Change, ChangesResponse } from '../../shared/sync/protocol';
import type { StoreContext } from './context';
import { PlatformError } from './errors';

/** Cursors are opaque to clients: base64url of `c1.<seq>`. */
export const encodeCursor = (seq: number): string => Buffer.from(`c1.${seq}`, 'utf8').toString('base64url');

export const decodeCursor = (cursor: string): number => {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^c1\.(0|[1-9][0-9]{0,15})$/.exec(text);
  if (!match?.[1]) throw new PlatformError('invalid', 'The cursor is not one this server issued', 'cursor');
  return Number(match[1]);
};

const PRUNED_THROUGH = 'pruned_through_seq';

interface ChangeRow {
  seq: number;
  body_json: string;
}

export const createFeed = ({ db, now, cursorRetentionMs }: StoreContext) => {
  const insert = db.prepare('INSERT INTO changes (user_id, type, task_id, body_json, created_ms) VALUES (?, ?, ?, ?, ?)');
  const page = db.prepare<[string, number, number], ChangeRow>('SELECT seq, body_json FROM changes WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  const headSeq = db.prepare<[], number>("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)").pluck();
  const lastExpired = db.prepare<[number], number | null>('SELECT max(seq) FROM changes WHERE created_ms < ?').pluck();
  const deleteThrough = db.prepare('DELETE FROM changes WHERE seq <= ?');
  const readMeta = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
  const writeMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const prunedThrough = (): number => Number(readMeta.get(PRUNED_THROUGH) ?? 0);

  const pageJson = (userId: string, afterSeq: number, limit: number): { json: string; count: number } =>
    db.transaction(() => {
      const rows = page.all(userId, afterSeq, limit + 1);
      const hasMore = rows.length > limit;
      const shown = hasMore ? rows.slice(0, limit) : rows;
      const last = shown.at(-1)?.seq ?? afterSeq;
      const cursor = encodeCursor(hasMore ? last : Math.max(last, headSeq.get() ?? 0));
      const json = `{"changes":[${shown.map((r) => r.body_json).join(',')}],"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore}}`;
      return { json, count: shown.length };
    })();

  return {
    /** Call inside the transaction that made the change happen. */
    append(userId: string, change: Change): void {
      const taskId = change.type === 'review' ? change.review.taskId : change.type === 'task_assigned' || change.type === 'task_updated' ? change.task.id : change.taskId;
      insert.run(userId, change.type, taskId, JSON.stringify(change), now());
    },

    /** The position of the newest change of any user: a snapshot taken now is complete up to here. */
    head: (): number => headSeq.get() ?? 0,

    /** Drops changes older than the retention window and remembers how far it went. */
    prune(): void {
      db.transaction(() => {
        const through = lastExpired.get(now() - cursorRetentionMs) ?? null;
        if (through === null || through <= prunedThrough()) return;
        deleteThrough.run(through);
        writeMeta.run(PRUNED_THROUGH, String(through));
      })();
    },

    /** Throws cursor_expired when changes after `seq` may have been pruned, or `seq` is beyond what this server has. */
    checkCursor(seq: number): void {
      if (seq < prunedThrough()) {
        throw new PlatformError('cursor_expired', 'The cursor is older than the change history this server keeps; take a full snapshot (GET /v1/snapshot)');
      }
      if (seq > (headSeq.get() ?? 0)) {
        throw new PlatformError('cursor_expired', 'The cursor is ahead of this server’s history (was the server restored from a backup?); take a full snapshot');
      }
    },

    /**
     * One page after `afterSeq`. The body is assembled from the stored JSON without parsing it again. When
     * the page reaches the end, the cursor moves to the global head, so a quiet user's cursor never falls
     * behind the pruning window.
     */
    pageJson,
    /** The parsed form of `pageJson`, for tests and tools. */
    page: (userId: string, afterSeq: number, limit: number): ChangesResponse => JSON.parse(pageJson(userId, afterSeq, limit).json) as ChangesResponse,
  };
};
export type Feed = ReturnType<typeof createFeed>;

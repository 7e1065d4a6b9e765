import { sql } from 'kysely';
import type { Change, ChangesResponse } from '../../shared/sync/protocol';
import type { StoreContext } from './context';
import { all, one, run, transaction, type Executor } from './database';
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

/**
 * Every transaction that writes to the feed takes this PostgreSQL advisory lock (transaction-level: held
 * until commit or rollback) before it draws a seq. So seqs commit in the order they are drawn, in every
 * process: a snapshot that sees change n sees every change below n, and a cursor never passes a change that
 * commits later. (A bare sequence would not do: two transactions can draw 10 and 11 and commit 11 first.)
 */
export const FEED_LOCK_KEY = 0x61737361; // "assa"

interface ChangeRow {
  seq: number;
  body_json: string;
}

export const createFeed = ({ db, now, cursorRetentionMs }: StoreContext) => {
  /**
   * In one round trip: how far changes were pruned, and the head, the newest committed seq this snapshot sees
   * (what was pruned counts: seqs are never reused).
   */
  const positions = async (ex: Executor): Promise<{ pruned: number; head: number }> => {
    const row = await one<{ seq: number | null; pruned: string | null }>(
      ex,
      sql`SELECT (SELECT max(seq) FROM changes) AS seq, (SELECT value FROM meta WHERE key = ${PRUNED_THROUGH}) AS pruned`,
    );
    const pruned = Number(row?.pruned ?? 0);
    return { pruned, head: Math.max(Number(row?.seq ?? 0), pruned) };
  };
  const head = async (ex: Executor): Promise<number> => (await positions(ex)).head;

  const pageJson = (userId: string, afterSeq: number, limit: number): Promise<{ json: string; count: number }> =>
    transaction(
      db,
      async (tx) => {
        const rows = await all<ChangeRow>(tx, sql`SELECT seq, body_json FROM changes WHERE user_id = ${userId} AND seq > ${afterSeq} ORDER BY seq LIMIT ${limit + 1}`);
        const hasMore = rows.length > limit;
        const shown = hasMore ? rows.slice(0, limit) : rows;
        const last = Number(shown.at(-1)?.seq ?? afterSeq);
        const cursor = encodeCursor(hasMore ? last : Math.max(last, await head(tx)));
        const json = `{"changes":[${shown.map((r) => r.body_json).join(',')}],"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore}}`;
        return { json, count: shown.length };
      },
      'read',
    );

  return {
    /** Call inside the transaction that made the change happen. */
    async append(tx: Executor, userId: string, change: Change): Promise<void> {
      const taskId = change.type === 'review' ? change.review.taskId : change.type === 'task_assigned' || change.type === 'task_updated' ? change.task.id : change.taskId;
      if (db.engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${FEED_LOCK_KEY})`.execute(tx);
      await run(tx, sql`INSERT INTO changes (user_id, type, task_id, body_json, created_ms) VALUES (${userId}, ${change.type}, ${taskId}, ${JSON.stringify(change)}, ${now()})`);
    },

    /** The position of the newest change of any user: a snapshot taken now is complete up to here. */
    head: (ex: Executor = db.kysely): Promise<number> => head(ex),

    /** Drops changes older than the retention window and remembers how far it went. */
    async prune(): Promise<void> {
      const expiredThrough = async (ex: Executor): Promise<number | null> => {
        const row = await one<{ seq: number | null; pruned: string | null }>(
          ex,
          sql`SELECT (SELECT max(seq) FROM changes WHERE created_ms < ${now() - cursorRetentionMs}) AS seq, (SELECT value FROM meta WHERE key = ${PRUNED_THROUGH}) AS pruned`,
        );
        const seq = row?.seq ?? null;
        return seq === null || Number(seq) <= Number(row?.pruned ?? 0) ? null : Number(seq);
      };
      // Most pulls have nothing to prune: find out without a write transaction.
      if ((await expiredThrough(db.kysely)) === null) return;
      await transaction(db, async (tx) => {
        const through = await expiredThrough(tx);
        if (through === null) return;
        await run(tx, sql`DELETE FROM changes WHERE seq <= ${through}`);
        await run(tx, sql`INSERT INTO meta (key, value) VALUES (${PRUNED_THROUGH}, ${String(through)}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
      });
    },

    /** Throws cursor_expired when changes after `seq` may have been pruned, or `seq` is beyond what this server has. */
    async checkCursor(seq: number): Promise<void> {
      const { pruned, head: newest } = await positions(db.kysely);
      if (seq < pruned) {
        throw new PlatformError('cursor_expired', 'The cursor is older than the change history this server keeps; take a full snapshot (GET /v1/snapshot)');
      }
      if (seq > newest) {
        throw new PlatformError('cursor_expired', 'The cursor is ahead of this server’s history (was the server restored from a backup?); take a full snapshot');
      }
    },

    /**
     * One page after `afterSeq`, read in one snapshot. The body is assembled from the stored JSON without
     * parsing it again. When the page reaches the end, the cursor moves to the global head, so a quiet user's
     * cursor never falls behind the pruning window.
     */
    pageJson,
    /** The parsed form of `pageJson`, for tests and tools. */
    page: async (userId: string, afterSeq: number, limit: number): Promise<ChangesResponse> => JSON.parse((await pageJson(userId, afterSeq, limit)).json) as ChangesResponse,
  };
};
export type Feed = ReturnType<typeof createFeed>;

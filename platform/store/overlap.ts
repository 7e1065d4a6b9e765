import { sql } from 'kysely';
import { all, one, type Executor } from './database';
import { PlatformError } from './errors';

/** The most experts one task may be given at once (`assign --overlap N`). */
export const MAX_OVERLAP = 20;

export const checkOverlap = (overlap: number): number => {
  if (!Number.isSafeInteger(overlap) || overlap < 1 || overlap > MAX_OVERLAP) {
    throw new PlatformError('invalid', `The overlap must be a whole number from 1 to ${MAX_OVERLAP}`, 'overlap');
  }
  return overlap;
};

/**
 * Queries for overlap assignment: a task goes to up to N distinct experts at once, and never twice to the same
 * expert (an expert who held a task once, even if it was taken back, is not given it again). Run inside the
 * assignment's transaction.
 */
export const createOverlapQueries = () => ({
  /** Up to `count` tasks (oldest first) with fewer than `overlap` holders that `userId` never held. */
  candidates: async (ex: Executor, project: string | null, userId: string, overlap: number, count: number): Promise<string[]> =>
    (
      await all<{ id: string }>(
        ex,
        sql`SELECT t.id FROM tasks t
          WHERE (CAST(${project} AS TEXT) IS NULL OR t.project = ${project})
            AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.user_id = ${userId})
            AND (SELECT count(*) FROM assignments a WHERE a.task_id = t.id AND a.ended_at IS NULL) < ${overlap}
          ORDER BY t.imported_at, t.id LIMIT ${count}`,
      )
    ).map((r) => r.id),
  /** Why `userId` cannot be given `taskId` as one of `overlap` holders, or null when they can. */
  async refusal(ex: Executor, taskId: string, userId: string, userName: string, overlap: number): Promise<string | null> {
    if ((await one(ex, sql`SELECT 1 AS one FROM assignments WHERE task_id = ${taskId} AND user_id = ${userId}`)) !== undefined) {
      return `${userName} already holds or held task ${taskId}; overlap needs distinct experts`;
    }
    const n = Number((await one<{ n: number }>(ex, sql`SELECT count(*) AS n FROM assignments WHERE task_id = ${taskId} AND ended_at IS NULL`))?.n ?? 0);
    return n >= overlap ? `Task ${taskId} already has ${n} expert(s), the overlap asked for` : null;
  },
});

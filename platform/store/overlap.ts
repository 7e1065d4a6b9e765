import type { Db } from './sqlite';
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
 * expert (an expert who held a task once, even if it was taken back, is not given it again).
 */
export const createOverlapQueries = (db: Db) => {
  const holders = db.prepare<[string], number>('SELECT count(*) FROM assignments WHERE task_id = ? AND ended_at IS NULL').pluck();
  const everHeld = db.prepare<[string, string], number>('SELECT 1 FROM assignments WHERE task_id = ? AND user_id = ?').pluck();
  const candidates = db.prepare<[string | null, string | null, string, number, number], string>(`
    SELECT t.id FROM tasks t
    WHERE (? IS NULL OR t.project = ?)
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.user_id = ?)
      AND (SELECT count(*) FROM assignments a WHERE a.task_id = t.id AND a.ended_at IS NULL) < ?
    ORDER BY t.imported_at, t.id LIMIT ?`).pluck();
  return {
    /** Up to `count` tasks (oldest first) with fewer than `overlap` holders that `userId` never held. */
    candidates: (project: string | null, userId: string, overlap: number, count: number): string[] => candidates.all(project, project, userId, overlap, count),
    /** Why `userId` cannot be given `taskId` as one of `overlap` holders, or null when they can. */
    refusal(taskId: string, userId: string, userName: string, overlap: number): string | null {
      if (everHeld.get(taskId, userId) !== undefined) return `${userName} already holds or held task ${taskId}; overlap needs distinct experts`;
      const n = holders.get(taskId) ?? 0;
      return n >= overlap ? `Task ${taskId} already has ${n} expert(s), the overlap asked for` : null;
    },
  };
};

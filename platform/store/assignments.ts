import type { Task } from '../../shared/domain';
import type { AssignmentInfo, AssignmentState, Change, PlatformUser, ReviewRecord, RevocationReason, SnapshotResponse } from '../../shared/sync/protocol';
import { isoAt, type StoreContext } from './context';
import { PlatformError } from './errors';
import { encodeCursor, type Feed } from './feed';
import { checkOverlap, createOverlapQueries } from './overlap';
import { parseStoredTask } from './tasks';

export interface AssignmentRow {
  id: number;
  task_id: string;
  user_id: string;
  user_name: string;
  state: AssignmentState;
  lease_expires_ms: number;
  last_submission_id: string | null;
  ended_at: string | null;
  end_reason: RevocationReason | null;
}

export interface AssignOptions {
  user: string;
  project?: string;
  /** Assign up to this many tasks nobody holds (oldest first). */
  count?: number;
  /** Assign this one task. */
  taskId?: string;
  /** With taskId: take the task from its holder even while their lease is live. */
  force?: boolean;
  /** With count: also take tasks whose holder's lease expired and who has submitted nothing. */
  reclaimExpired?: boolean;
  /** Give each task to up to this many distinct experts at once (1 = the default, one holder per task). */
  overlap?: number;
}

export interface AssignSummary {
  user: string;
  assigned: string[];
  /** Tasks taken from a previous holder (they get task_revoked with reason reassigned). */
  reassigned: string[];
}

const ROW = `SELECT a.id, a.task_id, a.user_id, u.name AS user_name, a.state, a.lease_expires_ms, a.last_submission_id, a.ended_at, a.end_reason
  FROM assignments a JOIN users u ON u.id = a.user_id`;

/** The page token of a snapshot: where the snapshot started in the feed and the last task id served. */
const encodePageToken = (startSeq: number, afterTaskId: string): string => Buffer.from(JSON.stringify({ s: startSeq, a: afterTaskId }), 'utf8').toString('base64url');

const decodePageToken = (token: string): { startSeq: number; afterTaskId: string } => {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && 's' in value && 'a' in value && Number.isSafeInteger(value.s) && typeof value.a === 'string') {
      return { startSeq: Number(value.s), afterTaskId: value.a };
    }
  } catch {
    // fall through to the error below
  }
  throw new PlatformError('invalid', 'The snapshot page token is not one this server issued', 'page');
};

export const createAssignmentRepository = ({ db, now, leaseMs }: StoreContext, feed: Feed) => {
  const active = db.prepare<[string], AssignmentRow>(`${ROW} WHERE a.task_id = ? AND a.ended_at IS NULL ORDER BY a.id`);
  const overlapQueries = createOverlapQueries(db);
  const latestOfUser = db.prepare<[string, string], AssignmentRow>(`${ROW} WHERE a.user_id = ? AND a.task_id = ? ORDER BY a.id DESC LIMIT 1`);
  const renewableOfUser = db.prepare<[string, number], AssignmentRow>(
    `${ROW} WHERE a.user_id = ? AND a.ended_at IS NULL AND a.state <> 'accepted' AND a.lease_expires_ms < ?`,
  );
  const latestPerTaskOfUser = db.prepare<[string, string, number], AssignmentRow>(`${ROW}
    WHERE a.user_id = ? AND a.task_id > ?
      AND a.id = (SELECT max(b.id) FROM assignments b WHERE b.user_id = a.user_id AND b.task_id = a.task_id)
    ORDER BY a.task_id LIMIT ?`);
  const taskJson = db.prepare<[string], string>('SELECT task_json FROM tasks WHERE id = ?').pluck();
  const taskExists = db.prepare<[string], number>('SELECT 1 FROM tasks WHERE id = ?').pluck();
  const freeTasks = db.prepare<[string | null, string | null, number], string>(`
    SELECT t.id FROM tasks t
    WHERE (? IS NULL OR t.project = ?)
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.ended_at IS NULL)
    ORDER BY t.imported_at, t.id LIMIT ?`).pluck();
  const expiredTasks = db.prepare<[string | null, string | null, number, string, number], string>(`
    SELECT a.task_id FROM assignments a JOIN tasks t ON t.id = a.task_id
    WHERE (? IS NULL OR t.project = ?) AND a.ended_at IS NULL AND a.state = 'assigned' AND a.lease_expires_ms < ? AND a.user_id <> ?
    ORDER BY a.lease_expires_ms, a.task_id LIMIT ?`).pluck();
  const insert = db.prepare('INSERT INTO assignments (task_id, user_id, state, lease_expires_ms, assigned_at) VALUES (?, ?, ?, ?, ?)');
  const end = db.prepare('UPDATE assignments SET ended_at = ?, end_reason = ? WHERE id = ?');
  const setLease = db.prepare('UPDATE assignments SET lease_expires_ms = ? WHERE id = ?');
  const setState = db.prepare('UPDATE assignments SET state = ?, last_submission_id = coalesce(?, last_submission_id) WHERE id = ?');
  const userByName = db.prepare<[string], PlatformUser>('SELECT id, name, role FROM users WHERE name = ?');
  const reviewOf = db.prepare<[string], string>('SELECT record_json FROM reviews WHERE submission_id = ? ORDER BY reviewed_at DESC, rowid DESC LIMIT 1').pluck();

  const byId = db.prepare<[number], AssignmentRow>(`${ROW} WHERE a.id = ?`);
  const reload = (id: number): AssignmentRow => {
    const row = byId.get(id);
    if (!row) throw new Error(`assignment ${id} vanished`);
    return row;
  };

  const info = (row: AssignmentRow): AssignmentInfo => ({ id: String(row.id), state: row.state, lastSubmissionId: row.last_submission_id });

  /** The task as its holder sees it: the stored snapshot plus the lease. */
  const taskFor = (row: AssignmentRow): Task => {
    const json = taskJson.get(row.task_id);
    if (json === undefined) throw new Error(`task ${row.task_id} vanished`);
    return { ...parseStoredTask(json), lease: { holder: row.user_name, expiresAt: isoAt(row.lease_expires_ms) } };
  };

  const taskChange = (type: 'task_assigned' | 'task_updated', row: AssignmentRow): Change => ({ type, at: isoAt(now()), task: taskFor(row), assignment: info(row) });

  const endAssignment = (row: AssignmentRow, reason: RevocationReason): void => {
    end.run(isoAt(now()), reason, row.id);
    feed.append(row.user_id, { type: 'task_revoked', at: isoAt(now()), taskId: row.task_id, reason });
  };

  const create = (taskId: string, user: PlatformUser): void => {
    const id = Number(insert.run(taskId, user.id, 'assigned', now() + leaseMs, isoAt(now())).lastInsertRowid);
    feed.append(user.id, taskChange('task_assigned', reload(id)));
  };

  /**
   * Renews a lease that has less than half its length left, expired or not: the holder synced, so they are
   * still working. Renewing only past the half keeps lease_extended changes to about one per task per
   * half-lease instead of one per sync.
   */
  const renew = (row: AssignmentRow): boolean => {
    if (row.ended_at !== null || row.state === 'accepted') return false;
    if (row.lease_expires_ms - now() >= leaseMs / 2) return false;
    const expires = now() + leaseMs;
    setLease.run(expires, row.id);
    feed.append(row.user_id, { type: 'lease_extended', at: isoAt(now()), taskId: row.task_id, lease: { holder: row.user_name, expiresAt: isoAt(expires) } });
    return true;
  };

  return {
    active: (taskId: string): AssignmentRow | null => active.get(taskId) ?? null,
    latestOfUser: (userId: string, taskId: string): AssignmentRow | null => latestOfUser.get(userId, taskId) ?? null,
    info,
    taskFor,
    renew,
    /** Call inside a transaction. */
    setState(row: AssignmentRow, state: AssignmentState, lastSubmissionId: string | null = null): void {
      setState.run(state, lastSubmissionId, row.id);
    },

    /**
     * Renews every lease of the user that needs it, in one transaction. Runs at every pull (GET /changes and
     * the first snapshot page); a push renews per applied mutation instead (`renew`, in mutations.ts).
     */
    renewAll(userId: string): number {
      return db.transaction(() => renewableOfUser.all(userId, now() + leaseMs / 2).filter(renew).length)();
    },

    /** The holder of a task whose content changed gets the new snapshot. Call inside the import's transaction. */
    notifyTaskUpdated(task: Task): void {
      for (const row of active.all(task.id)) feed.append(row.user_id, taskChange('task_updated', row));
    },

    assign(options: AssignOptions): AssignSummary {
      const user = userByName.get(options.user);
      if (!user) throw new PlatformError('not_found', `No user named ${options.user}`);
      if (user.role !== 'expert') throw new PlatformError('invalid', `${user.name} is a ${user.role}; tasks are assigned to experts`);
      if ((options.count === undefined) === (options.taskId === undefined)) throw new PlatformError('invalid', 'Give either a count or a task id');
      return db.transaction(() => {
        const summary: AssignSummary = { user: user.name, assigned: [], reassigned: [] };
        if (options.overlap !== undefined && options.overlap > 1) {
          const overlap = checkOverlap(options.overlap);
          if (options.force === true || options.reclaimExpired === true) throw new PlatformError('invalid', 'With an overlap, tasks are shared, never taken from a holder');
          if (options.taskId !== undefined && taskExists.get(options.taskId) === undefined) throw new PlatformError('not_found', `No task ${options.taskId}`);
          const refusal = options.taskId === undefined ? null : overlapQueries.refusal(options.taskId, user.id, user.name, overlap);
          if (refusal !== null) throw new PlatformError('conflict', refusal);
          const count = options.count ?? 1;
          if (!Number.isSafeInteger(count) || count < 1) throw new PlatformError('invalid', 'The count must be a whole number of at least 1');
          const ids = options.taskId === undefined ? overlapQueries.candidates(options.project ?? null, user.id, overlap, count) : [options.taskId];
          for (const taskId of ids) {
            create(taskId, user);
            summary.assigned.push(taskId);
          }
          return summary;
        }
        if (options.taskId !== undefined) {
          if (taskExists.get(options.taskId) === undefined) throw new PlatformError('not_found', `No task ${options.taskId}`);
          const holders = active.all(options.taskId);
          if (holders.length > 1) throw new PlatformError('conflict', `Task ${options.taskId} is shared by ${holders.length} experts (overlap); give --overlap N to add one, or revoke it first`);
          const holder = holders[0];
          if (holder?.user_id === user.id) throw new PlatformError('conflict', `${user.name} already holds task ${options.taskId}`);
          if (holder) {
            if (holder.lease_expires_ms > now() && options.force !== true) {
              throw new PlatformError('conflict', `Task ${options.taskId} is held by ${holder.user_name} until ${isoAt(holder.lease_expires_ms)}; use --force to reassign it`);
            }
            endAssignment(holder, 'reassigned');
            summary.reassigned.push(options.taskId);
          }
          create(options.taskId, user);
          summary.assigned.push(options.taskId);
          return summary;
        }
        const count = options.count ?? 0;
        if (!Number.isSafeInteger(count) || count < 1) throw new PlatformError('invalid', 'The count must be a whole number of at least 1');
        const project = options.project ?? null;
        for (const taskId of freeTasks.all(project, project, count)) {
          create(taskId, user);
          summary.assigned.push(taskId);
        }
        if (options.reclaimExpired === true && summary.assigned.length < count) {
          for (const taskId of expiredTasks.all(project, project, now(), user.id, count - summary.assigned.length)) {
            const holder = active.get(taskId);
            if (holder) endAssignment(holder, 'reassigned');
            create(taskId, user);
            summary.assigned.push(taskId);
            summary.reassigned.push(taskId);
          }
        }
        return summary;
      })();
    },

    /** Takes the task from its holders (or from `user` only); their clients purge it (unless they hold unsynced work). */
    revoke(taskId: string, user?: string): { user: string } {
      return db.transaction(() => {
        const holders = active.all(taskId).filter((row) => user === undefined || row.user_name === user);
        if (holders.length === 0) {
          const missing = taskExists.get(taskId) === undefined ? `No task ${taskId}` : `Task ${taskId} is not assigned to ${user ?? 'anyone'}`;
          throw new PlatformError('not_found', missing);
        }
        for (const holder of holders) endAssignment(holder, 'revoked');
        return { user: holders.map((h) => h.user_name).join(', ') };
      })();
    },

    /**
     * One page of a full snapshot for `user`; see snapshotResponseSchema. The first page records the feed
     * head in its token, so every page answers the same cursor.
     */
    snapshotPage(user: PlatformUser, pageToken: string | undefined, limit: number): SnapshotResponse {
      return db.transaction(() => {
        const { startSeq, afterTaskId } = pageToken === undefined ? { startSeq: feed.head(), afterTaskId: '' } : decodePageToken(pageToken);
        const rows = latestPerTaskOfUser.all(user.id, afterTaskId, limit + 1);
        const shown = rows.slice(0, limit);
        const changes: Change[] = [];
        for (const row of shown) {
          if (row.ended_at !== null) {
            changes.push({ type: 'task_revoked', at: row.ended_at, taskId: row.task_id, reason: row.end_reason ?? 'revoked' });
            continue;
          }
          changes.push(taskChange('task_assigned', row));
          const review = row.last_submission_id === null ? undefined : reviewOf.get(row.last_submission_id);
          if (review !== undefined) {
            const record = JSON.parse(review) as ReviewRecord;
            changes.push({ type: 'review', at: record.reviewedAt, review: record });
          }
        }
        const last = shown.at(-1);
        const nextPage = rows.length > limit && last ? encodePageToken(startSeq, last.task_id) : null;
        return { changes, cursor: encodeCursor(startSeq), nextPage };
      })();
    },
  };
};
export type AssignmentRepository = ReturnType<typeof createAssignmentRepository>;

import type { Task } from '../../shared/domain';
import type { AssignmentInfo, AssignmentState, Change, PlatformUser, ReviewRecord, RevocationReason, SnapshotResponse } from '../../shared/sync/protocol';
import { sql } from 'kysely';
import { isoAt, type StoreContext } from './context';
import { all, insertOrder, one, run, transaction, type Executor } from './database';
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
  const row = sql.raw(ROW);
  /** Every live assignment of the task (several with an overlap), oldest first. */
  const activeAll = (ex: Executor, taskId: string): Promise<AssignmentRow[]> => all<AssignmentRow>(ex, sql`${row} WHERE a.task_id = ${taskId} AND a.ended_at IS NULL ORDER BY a.id`);
  const active = async (ex: Executor, taskId: string): Promise<AssignmentRow | null> => (await activeAll(ex, taskId))[0] ?? null;
  const overlapQueries = createOverlapQueries();
  const latestOfUser = async (ex: Executor, userId: string, taskId: string): Promise<AssignmentRow | null> =>
    (await one<AssignmentRow>(ex, sql`${row} WHERE a.user_id = ${userId} AND a.task_id = ${taskId} ORDER BY a.id DESC LIMIT 1`)) ?? null;
  const taskExists = async (ex: Executor, taskId: string): Promise<boolean> => (await one(ex, sql`SELECT 1 AS one FROM tasks WHERE id = ${taskId}`)) !== undefined;
  const userByName = (ex: Executor, name: string) => one<PlatformUser>(ex, sql`SELECT id, name, role FROM users WHERE name = ${name}`);

  const reload = async (ex: Executor, id: number): Promise<AssignmentRow> => {
    const found = await one<AssignmentRow>(ex, sql`${row} WHERE a.id = ${id}`);
    if (!found) throw new Error(`assignment ${id} vanished`);
    return found;
  };

  const info = (r: AssignmentRow): AssignmentInfo => ({ id: String(r.id), state: r.state, lastSubmissionId: r.last_submission_id });

  /** The task as its holder sees it: the stored snapshot plus the lease. */
  const taskFor = async (ex: Executor, r: AssignmentRow): Promise<Task> => {
    const found = await one<{ task_json: string }>(ex, sql`SELECT task_json FROM tasks WHERE id = ${r.task_id}`);
    if (found === undefined) throw new Error(`task ${r.task_id} vanished`);
    return { ...parseStoredTask(found.task_json), lease: { holder: r.user_name, expiresAt: isoAt(Number(r.lease_expires_ms)) } };
  };

  const taskChange = async (ex: Executor, type: 'task_assigned' | 'task_updated', r: AssignmentRow): Promise<Change> => ({
    type,
    at: isoAt(now()),
    task: await taskFor(ex, r),
    assignment: info(r),
  });

  const endAssignment = async (tx: Executor, r: AssignmentRow, reason: RevocationReason): Promise<void> => {
    await run(tx, sql`UPDATE assignments SET ended_at = ${isoAt(now())}, end_reason = ${reason} WHERE id = ${r.id}`);
    await feed.append(tx, r.user_id, { type: 'task_revoked', at: isoAt(now()), taskId: r.task_id, reason });
  };

  const create = async (tx: Executor, taskId: string, user: PlatformUser): Promise<void> => {
    const inserted = await one<{ id: number }>(
      tx,
      sql`INSERT INTO assignments (task_id, user_id, state, lease_expires_ms, assigned_at) VALUES (${taskId}, ${user.id}, 'assigned', ${now() + leaseMs}, ${isoAt(now())}) RETURNING id`,
    );
    if (!inserted) throw new Error('the assignment insert returned no id');
    await feed.append(tx, user.id, await taskChange(tx, 'task_assigned', await reload(tx, Number(inserted.id))));
  };

  /**
   * Renews a lease that has less than half its length left, expired or not: the holder synced, so they are
   * still working. Renewing only past the half keeps lease_extended changes to about one per task per
   * half-lease instead of one per sync. Call inside a transaction.
   */
  const renew = async (tx: Executor, r: AssignmentRow): Promise<boolean> => {
    if (r.ended_at !== null || r.state === 'accepted') return false;
    if (Number(r.lease_expires_ms) - now() >= leaseMs / 2) return false;
    const expires = now() + leaseMs;
    await run(tx, sql`UPDATE assignments SET lease_expires_ms = ${expires} WHERE id = ${r.id}`);
    await feed.append(tx, r.user_id, { type: 'lease_extended', at: isoAt(now()), taskId: r.task_id, lease: { holder: r.user_name, expiresAt: isoAt(expires) } });
    return true;
  };

  const renewableOfUser = (ex: Executor, userId: string) =>
    all<AssignmentRow>(ex, sql`${row} WHERE a.user_id = ${userId} AND a.ended_at IS NULL AND a.state <> 'accepted' AND a.lease_expires_ms < ${now() + leaseMs / 2}`);

  return {
    active: (taskId: string, ex: Executor = db.kysely): Promise<AssignmentRow | null> => active(ex, taskId),
    latestOfUser: (userId: string, taskId: string, ex: Executor = db.kysely): Promise<AssignmentRow | null> => latestOfUser(ex, userId, taskId),
    info,
    taskFor,
    renew,
    /** Call inside a transaction. */
    async setState(tx: Executor, r: AssignmentRow, state: AssignmentState, lastSubmissionId: string | null = null): Promise<void> {
      await run(tx, sql`UPDATE assignments SET state = ${state}, last_submission_id = coalesce(${lastSubmissionId}, last_submission_id) WHERE id = ${r.id}`);
    },

    /**
     * Renews every lease of the user that needs it, in one transaction. Runs at every pull (GET /changes and
     * the first snapshot page); a push renews per applied mutation instead (`renew`, in mutations.ts).
     */
    async renewAll(userId: string): Promise<number> {
      // Most pulls have nothing to renew: find out without a write transaction.
      if ((await renewableOfUser(db.kysely, userId)).length === 0) return 0;
      return transaction(db, async (tx) => {
        let renewed = 0;
        for (const r of await renewableOfUser(tx, userId)) if (await renew(tx, r)) renewed += 1;
        return renewed;
      });
    },

    /** The holder of a task whose content changed gets the new snapshot. Call inside the import's transaction. */
    async notifyTaskUpdated(tx: Executor, task: Task): Promise<void> {
      for (const r of await activeAll(tx, task.id)) await feed.append(tx, r.user_id, await taskChange(tx, 'task_updated', r));
    },

    async assign(options: AssignOptions): Promise<AssignSummary> {
      const user = await userByName(db.kysely, options.user);
      if (!user) throw new PlatformError('not_found', `No user named ${options.user}`);
      if (user.role !== 'expert') throw new PlatformError('invalid', `${user.name} is a ${user.role}; tasks are assigned to experts`);
      if ((options.count === undefined) === (options.taskId === undefined)) throw new PlatformError('invalid', 'Give either a count or a task id');
      return transaction(db, async (tx) => {
        const summary: AssignSummary = { user: user.name, assigned: [], reassigned: [] };
        if (options.overlap !== undefined && options.overlap > 1) {
          const overlap = checkOverlap(options.overlap);
          if (options.force === true || options.reclaimExpired === true) throw new PlatformError('invalid', 'With an overlap, tasks are shared, never taken from a holder');
          if (options.taskId !== undefined && !(await taskExists(tx, options.taskId))) throw new PlatformError('not_found', `No task ${options.taskId}`);
          const refusal = options.taskId === undefined ? null : await overlapQueries.refusal(tx, options.taskId, user.id, user.name, overlap);
          if (refusal !== null) throw new PlatformError('conflict', refusal);
          const count = options.count ?? 1;
          if (!Number.isSafeInteger(count) || count < 1) throw new PlatformError('invalid', 'The count must be a whole number of at least 1');
          const ids = options.taskId === undefined ? await overlapQueries.candidates(tx, options.project ?? null, user.id, overlap, count) : [options.taskId];
          for (const taskId of ids) {
            await create(tx, taskId, user);
            summary.assigned.push(taskId);
          }
          return summary;
        }
        if (options.taskId !== undefined) {
          if (!(await taskExists(tx, options.taskId))) throw new PlatformError('not_found', `No task ${options.taskId}`);
          const holders = await activeAll(tx, options.taskId);
          if (holders.length > 1) throw new PlatformError('conflict', `Task ${options.taskId} is shared by ${holders.length} experts (overlap); give --overlap N to add one, or revoke it first`);
          const holder = holders[0];
          if (holder?.user_id === user.id) throw new PlatformError('conflict', `${user.name} already holds task ${options.taskId}`);
          if (holder) {
            if (Number(holder.lease_expires_ms) > now() && options.force !== true) {
              throw new PlatformError('conflict', `Task ${options.taskId} is held by ${holder.user_name} until ${isoAt(Number(holder.lease_expires_ms))}; use --force to reassign it`);
            }
            await endAssignment(tx, holder, 'reassigned');
            summary.reassigned.push(options.taskId);
          }
          await create(tx, options.taskId, user);
          summary.assigned.push(options.taskId);
          return summary;
        }
        const count = options.count ?? 0;
        if (!Number.isSafeInteger(count) || count < 1) throw new PlatformError('invalid', 'The count must be a whole number of at least 1');
        const project = options.project ?? null;
        const free = await all<{ id: string }>(
          tx,
          sql`SELECT t.id FROM tasks t
            WHERE (CAST(${project} AS TEXT) IS NULL OR t.project = ${project})
              AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.ended_at IS NULL)
            ORDER BY t.imported_at, t.id LIMIT ${count}`,
        );
        for (const { id } of free) {
          await create(tx, id, user);
          summary.assigned.push(id);
        }
        if (options.reclaimExpired === true && summary.assigned.length < count) {
          const expired = await all<{ task_id: string }>(
            tx,
            sql`SELECT a.task_id FROM assignments a JOIN tasks t ON t.id = a.task_id
              WHERE (CAST(${project} AS TEXT) IS NULL OR t.project = ${project}) AND a.ended_at IS NULL AND a.state = 'assigned' AND a.lease_expires_ms < ${now()} AND a.user_id <> ${user.id}
              ORDER BY a.lease_expires_ms, a.task_id LIMIT ${count - summary.assigned.length}`,
          );
          for (const { task_id: taskId } of expired) {
            const holder = await active(tx, taskId);
            if (holder) await endAssignment(tx, holder, 'reassigned');
            await create(tx, taskId, user);
            summary.assigned.push(taskId);
            summary.reassigned.push(taskId);
          }
        }
        return summary;
      });
    },

    /** Takes the task from its holders (or from `user` only); their clients purge it (unless they hold unsynced work). */
    revoke(taskId: string, user?: string): Promise<{ user: string }> {
      return transaction(db, async (tx) => {
        const holders = (await activeAll(tx, taskId)).filter((r) => user === undefined || r.user_name === user);
        if (holders.length === 0) {
          const missing = (await taskExists(tx, taskId)) ? `Task ${taskId} is not assigned to ${user ?? 'anyone'}` : `No task ${taskId}`;
          throw new PlatformError('not_found', missing);
        }
        for (const holder of holders) await endAssignment(tx, holder, 'revoked');
        return { user: holders.map((h) => h.user_name).join(', ') };
      });
    },

    /**
     * One page of a full snapshot for `user`; see snapshotResponseSchema. The first page records the feed
     * head in its token, so every page answers the same cursor. Read in one snapshot of the database.
     */
    snapshotPage(user: PlatformUser, pageToken: string | undefined, limit: number): Promise<SnapshotResponse> {
      return transaction(
        db,
        async (tx) => {
          const { startSeq, afterTaskId } = pageToken === undefined ? { startSeq: await feed.head(tx), afterTaskId: '' } : decodePageToken(pageToken);
          const rows = await all<AssignmentRow>(
            tx,
            sql`${row}
              WHERE a.user_id = ${user.id} AND a.task_id > ${afterTaskId}
                AND a.id = (SELECT max(b.id) FROM assignments b WHERE b.user_id = a.user_id AND b.task_id = a.task_id)
              ORDER BY a.task_id LIMIT ${limit + 1}`,
          );
          const shown = rows.slice(0, limit);
          const changes: Change[] = [];
          for (const r of shown) {
            if (r.ended_at !== null) {
              changes.push({ type: 'task_revoked', at: r.ended_at, taskId: r.task_id, reason: r.end_reason ?? 'revoked' });
              continue;
            }
            changes.push(await taskChange(tx, 'task_assigned', r));
            const review =
              r.last_submission_id === null
                ? undefined
                : await one<{ record_json: string }>(tx, sql`SELECT record_json FROM reviews WHERE submission_id = ${r.last_submission_id} ORDER BY reviewed_at DESC, ${insertOrder(db, 'reviews')} DESC LIMIT 1`);
            if (review !== undefined) {
              const record = JSON.parse(review.record_json) as ReviewRecord;
              changes.push({ type: 'review', at: record.reviewedAt, review: record });
            }
          }
          const last = shown.at(-1);
          const nextPage = rows.length > limit && last ? encodePageToken(startSeq, last.task_id) : null;
          return { changes, cursor: encodeCursor(startSeq), nextPage };
        },
        'read',
      );
    },
  };
};
export type AssignmentRepository = ReturnType<typeof createAssignmentRepository>;

import type { Annotation, Lease, Review, TaskStatus } from '@shared/domain';
import type { Db } from './database';

/** The platform account this store syncs with. The token never leaves the core. */
export interface SyncAccount {
  platformUrl: string;
  token: string;
  userId: string;
  userName: string;
  role: 'expert' | 'reviewer' | 'admin';
  signedInAt: string;
}

/** Where an interrupted full snapshot stands: the cursor it ends at and the page still to read (null = first). */
export interface SnapshotProgress {
  cursor: string | null;
  nextPage: string | null;
}

export interface TaskSyncFlags {
  assignmentId: string | null;
  assignmentState: string | null;
  lastSubmissionId: string | null;
  revokedReason: string | null;
  revokedAt: string | null;
}

/** Outbox entries held back at an account switch, by the identity they were made under. */
export interface HeldOutbox {
  platformUrl: string;
  userId: string;
  userName: string;
  ids: number[];
}

interface MetaValues {
  cursor: string;
  clientId: string;
  account: SyncAccount;
  snapshot: SnapshotProgress;
  lastSyncAt: string;
  lastError: string;
  workOffline: boolean;
  heldOutbox: HeldOutbox[];
  /** The platform's own limits from /v1/me at sign-in: the client never asks for more. */
  limits: PlatformLimits;
  /** This install's random id: its staged-rollout bucket for updates (never reset, unlike clientId). */
  installId: string;
  /** The update channel chosen in Settings (stable when unset). */
  updateChannel: string;
}

export interface PlatformLimits {
  maxPageSize: number;
  maxMutationsPerPush: number;
}
type MetaKey = keyof MetaValues;

interface TaskSyncRow {
  assignment_id: string | null;
  assignment_state: string | null;
  last_submission_id: string | null;
  revoked_reason: string | null;
  revoked_at: string | null;
}

export interface RemoteReview extends Review {
  remoteId: string;
  submissionId: string;
  fixedAnnotation: Annotation | null;
}

/**
 * The sync engine's own state over the store: named values (cursor, account), what the platform says about
 * each task, remote reviews, and the one place a task may be purged. Call writers inside a transaction.
 */
export const createSyncStateRepository = (db: Db) => {
  const selectMeta = db.prepare<[string], string>('SELECT value_json FROM sync_meta WHERE key = ?').pluck();
  const upsertMeta = db.prepare<[string, string]>(
    'INSERT INTO sync_meta (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
  );
  const deleteMeta = db.prepare<[string]>('DELETE FROM sync_meta WHERE key = ?');

  const selectFlags = db.prepare<[string], TaskSyncRow>('SELECT * FROM task_sync WHERE task_id = ?');
  const upsertAssignment = db.prepare<[string, string, string, string | null]>(`
    INSERT INTO task_sync (task_id, assignment_id, assignment_state, last_submission_id, revoked_reason, revoked_at)
    VALUES (?, ?, ?, ?, NULL, NULL)
    ON CONFLICT (task_id) DO UPDATE SET assignment_id = excluded.assignment_id, assignment_state = excluded.assignment_state,
      last_submission_id = excluded.last_submission_id, revoked_reason = NULL, revoked_at = NULL`);
  const upsertRevoked = db.prepare<[string, string, string]>(`
    INSERT INTO task_sync (task_id, revoked_reason, revoked_at) VALUES (?, ?, ?)
    ON CONFLICT (task_id) DO UPDATE SET revoked_reason = excluded.revoked_reason, revoked_at = excluded.revoked_at`);
  const updateSubmission = db.prepare<[string, string]>(`
    INSERT INTO task_sync (task_id, last_submission_id, assignment_state) VALUES (?, ?, 'submitted')
    ON CONFLICT (task_id) DO UPDATE SET last_submission_id = excluded.last_submission_id, assignment_state = 'submitted'`);
  const updateLease = db.prepare<[string, string]>('UPDATE tasks SET lease_json = ? WHERE id = ?');
  const unsyncedCount = db.prepare<[string, string], number>(`
    SELECT (SELECT count(*) FROM outbox WHERE task_id = ? AND (state = 'pending' OR (state = 'failed' AND coalesce(resolution, '') <> 'retried')))
         + (SELECT count(*) FROM sync_quarantine WHERE task_id = ? AND resolved_at IS NULL AND kind = 'lease_lost')`).pluck();
  const anyUnsynced = db.prepare<[], number>(`
    SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending' OR (state = 'failed' AND coalesce(resolution, '') <> 'retried'))
        OR EXISTS (SELECT 1 FROM sync_quarantine WHERE resolved_at IS NULL AND kind = 'lease_lost')`).pluck();
  const sourceOf = db.prepare<[string], string>('SELECT source FROM tasks WHERE id = ?').pluck();
  const titleOf = db.prepare<[string], string>('SELECT title FROM tasks WHERE id = ?').pluck();
  const deleteFts = db.prepare<[string]>('DELETE FROM tasks_fts WHERE rowid = (SELECT search_id FROM tasks WHERE id = ?)');
  const deleteTask = db.prepare<[string]>('DELETE FROM tasks WHERE id = ?');
  // A task still waiting to be indexed has no entry yet; its place in the backlog goes with it.
  const leaveBacklog = db.prepare<[string]>('DELETE FROM search_backlog WHERE search_id = (SELECT search_id FROM tasks WHERE id = ?)');
  const insertReview = db.prepare(`
    INSERT INTO reviews (task_id, verdict, comments_json, reviewer, reviewed_at, remote_id, submission_id, fixed_annotation_json)
    VALUES (@taskId, @verdict, @commentsJson, @reviewer, @reviewedAt, @remoteId, @submissionId, @fixedJson)
    ON CONFLICT (remote_id) WHERE remote_id IS NOT NULL DO NOTHING`);
  const setStatus = db.prepare<[TaskStatus, string, string]>('UPDATE task_state SET status = ?, updated_at = ? WHERE task_id = ?');

  const get = <K extends MetaKey>(key: K): MetaValues[K] | null => {
    const json = selectMeta.get(key);
    return json === undefined ? null : (JSON.parse(json) as MetaValues[K]);
  };
  const set = <K extends MetaKey>(key: K, value: MetaValues[K] | null): void => {
    if (value === null) deleteMeta.run(key);
    else upsertMeta.run(key, JSON.stringify(value));
  };

  return {
    get,
    set,

    flagsOf(taskId: string): TaskSyncFlags | null {
      const row = selectFlags.get(taskId);
      return row
        ? { assignmentId: row.assignment_id, assignmentState: row.assignment_state, lastSubmissionId: row.last_submission_id, revokedReason: row.revoked_reason, revokedAt: row.revoked_at }
        : null;
    },
    /** The task is (again) assigned to this user: clears any revocation mark. */
    setAssignment(taskId: string, assignmentId: string, state: string, lastSubmissionId: string | null): void {
      upsertAssignment.run(taskId, assignmentId, state, lastSubmissionId);
    },
    markRevoked(taskId: string, reason: string, at: string): void {
      upsertRevoked.run(taskId, reason, at);
    },
    recordSubmission(taskId: string, submissionId: string): void {
      updateSubmission.run(taskId, submissionId);
    },
    setLease(taskId: string, lease: Lease): void {
      updateLease.run(JSON.stringify(lease), taskId);
    },
    setStatus(taskId: string, status: TaskStatus, at: string): void {
      setStatus.run(status, at, taskId);
    },

    /** Pending or failed outbox entries, or work set aside after a lost lease: what the platform does not have. */
    hasUnsyncedWork: (taskId: string): boolean => (unsyncedCount.get(taskId, taskId) ?? 0) > 0,
    /** hasUnsyncedWork for any task at all: false lets a page of changes skip asking task by task. */
    anyUnsyncedWork: (): boolean => (anyUnsynced.get() ?? 0) > 0,
    sourceOf: (taskId: string): string | null => sourceOf.get(taskId) ?? null,
    titleOf: (taskId: string): string | null => titleOf.get(taskId) ?? null,

    /** Removes a task and, by cascade, its local state. Only sync calls this, only after an explicit revocation with nothing unsynced. */
    purgeTask(taskId: string): void {
      if (leaveBacklog.run(taskId).changes === 0) deleteFts.run(taskId);
      deleteTask.run(taskId);
    },

    /** Stores a review once (by its platform id); answers whether it was new. */
    insertRemoteReview(review: RemoteReview): boolean {
      const result = insertReview.run({
        taskId: review.taskId,
        verdict: review.verdict,
        commentsJson: JSON.stringify(review.comments),
        reviewer: review.reviewer,
        reviewedAt: review.reviewedAt,
        remoteId: review.remoteId,
        submissionId: review.submissionId,
        fixedJson: review.fixedAnnotation === null ? null : JSON.stringify(review.fixedAnnotation),
      });
      return result.changes > 0;
    },
  };
};
export type SyncStateRepository = ReturnType<typeof createSyncStateRepository>;

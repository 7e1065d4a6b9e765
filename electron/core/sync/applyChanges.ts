import type { TaskStatus } from '@shared/domain';
import { changeSchema, type AssignmentState, type Change } from '@shared/sync';
import type { Store } from '../store/store';
import { firstIssue } from './platformClient';

export interface ApplyOutcome {
  /** Tasks whose snapshot, status or review changed (for tasksChanged events). */
  taskIds: Set<string>;
  applied: number;
  quarantined: number;
  purged: number;
  /** Revoked tasks kept because they still hold unsynced work. */
  keptRevoked: number;
}

export const emptyOutcome = (): ApplyOutcome => ({ taskIds: new Set(), applied: 0, quarantined: 0, purged: 0, keptRevoked: 0 });

/** Best effort: which task an unreadable change is about. */
const taskIdOf = (raw: unknown): string => {
  if (typeof raw !== 'object' || raw === null) return '';
  const r = raw as { taskId?: unknown; task?: { id?: unknown }; review?: { taskId?: unknown } };
  const id = r.task?.id ?? r.taskId ?? r.review?.taskId;
  return typeof id === 'string' ? id.slice(0, 200) : '';
};

const typeOf = (raw: unknown): string =>
  typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string' ? String((raw as { type: string }).type).slice(0, 50) : 'unknown';

/**
 * Server state -> local status, only when nothing local is waiting: local unsynced work always wins.
 * `assigned` says nothing about local progress, so it changes nothing.
 */
const statusFromServer = (state: AssignmentState, local: TaskStatus): TaskStatus | null => {
  switch (state) {
    case 'assigned':
      return null;
    case 'submitted':
      return local === 'new' || local === 'in_progress' ? 'submitted' : null;
    case 'returned':
      return local === 'new' || local === 'submitted' ? 'returned' : null;
    case 'accepted':
      return local === 'accepted' ? null : 'accepted';
  }
};

/**
 * Asked once per page instead of once per task: in the usual page nothing is unsynced and nothing is set aside,
 * and then the per-task questions have a known answer. Applying a page never adds unsynced work; it may set a
 * change aside, which `openInvalid` then records.
 */
interface PageFacts {
  anyUnsynced: boolean;
  openInvalid: boolean;
}

/** Answers false when the change was set aside instead of applied. */
const applyOne = (store: Store, change: Change, at: string, out: ApplyOutcome, page: PageFacts): boolean => {
  const { sync } = store;
  const hasUnsyncedWork = (taskId: string): boolean => page.anyUnsynced && sync.hasUnsyncedWork(taskId);
  switch (change.type) {
    case 'task_assigned':
    case 'task_updated': {
      const { task, assignment } = change;
      const source = sync.sourceOf(task.id);
      if (source !== null && source !== 'platform') {
        // An imported or demo task already has this id here: its content and local work are not the platform's to replace.
        const message =
          `The platform assigned you task "${task.id}", but a task with that id was ${source === 'demo' ? 'loaded from the demo set' : 'imported'} ` +
          `on this computer. The platform's copy was set aside and your local task and its work are untouched.`;
        if (store.quarantine.add({ taskId: task.id, kind: 'invalid_change', message, raw: change, at }) !== null) out.quarantined += 1;
        page.openInvalid = true;
        out.taskIds.add(task.id);
        return false;
      }
      store.tasks.upsert(task, 'platform', at);
      sync.setAssignment(task.id, assignment.id, assignment.state, assignment.lastSubmissionId);
      // The task is readable again: an earlier unreadable version of it is no longer in the way.
      if (page.openInvalid) store.quarantine.resolveTask(task.id, 'invalid_change', at);
      if (!hasUnsyncedWork(task.id)) {
        const next = statusFromServer(assignment.state, store.taskState.statusOf(task.id) ?? 'new');
        if (next !== null) sync.setStatus(task.id, next, at);
      }
      out.taskIds.add(task.id);
      return true;
    }
    case 'lease_extended':
      if (sync.sourceOf(change.taskId) === 'platform') sync.setLease(change.taskId, change.lease);
      return true;
    case 'task_revoked': {
      const { taskId } = change;
      const source = sync.sourceOf(taskId);
      if (source === null) return true;
      if (source !== 'platform') return true; // An imported or demo task of the same id is not the platform's to take.
      if (hasUnsyncedWork(taskId)) {
        // Never delete work the platform does not have: keep the task, visibly revoked.
        sync.markRevoked(taskId, change.reason, change.at);
        out.keptRevoked += 1;
      } else {
        sync.purgeTask(taskId);
        out.purged += 1;
      }
      out.taskIds.add(taskId);
      return true;
    }
    case 'review': {
      const { review } = change;
      if (sync.sourceOf(review.taskId) !== 'platform') return true; // Not held here (purged, set aside), or a local task of the same id.
      const isNew = sync.insertRemoteReview({
        remoteId: review.id,
        submissionId: review.submissionId,
        taskId: review.taskId,
        verdict: review.verdict,
        comments: review.comments,
        reviewer: review.reviewer,
        reviewedAt: review.reviewedAt,
        fixedAnnotation: review.fixedAnnotation,
      });
      const flags = sync.flagsOf(review.taskId);
      const current = flags?.lastSubmissionId ?? null;
      if (isNew && (current === null || current === review.submissionId) && !hasUnsyncedWork(review.taskId)) {
        const local = store.taskState.statusOf(review.taskId) ?? 'new';
        const next = statusFromServer(review.verdict === 'returned' ? 'returned' : 'accepted', local);
        if (next !== null) sync.setStatus(review.taskId, next, at);
      }
      out.taskIds.add(review.taskId);
      return true;
    }
  }
};

/**
 * Applies a page of changes. Call inside the transaction that also stores the page's cursor. A change that
 * fails the protocol schema is set aside in quarantine with the reason, and the rest of the page applies.
 */
export const applyChanges = (store: Store, rawChanges: readonly unknown[], at: string, out: ApplyOutcome): void => {
  if (rawChanges.length === 0) return;
  const page: PageFacts = { anyUnsynced: store.sync.anyUnsyncedWork(), openInvalid: store.quarantine.hasOpen('invalid_change') };
  for (const raw of rawChanges) {
    const parsed = changeSchema.safeParse(raw);
    if (!parsed.success) {
      const taskId = taskIdOf(raw);
      const message =
        `The platform sent ${typeOf(raw)} for task ${taskId === '' ? '(unknown)' : `"${taskId}"`} in a form this app cannot read ` +
        `(${firstIssue(parsed.error)}). It was set aside and the rest of the sync went on; your local work on it is untouched.`;
      if (store.quarantine.add({ taskId, kind: 'invalid_change', message, raw, at }) !== null) out.quarantined += 1;
      page.openInvalid = true;
      if (taskId !== '') out.taskIds.add(taskId);
      continue;
    }
    if (applyOne(store, parsed.data, at, out, page)) out.applied += 1;
  }
};

import { randomUUID } from 'node:crypto';
import { AppFailure, type Annotation, type Draft, type Submission, type Task, type TaskStatus } from '@shared/domain';
import type { Store } from './store';
import type { TaskSource } from './taskRepository';

const READ_ONLY: readonly TaskStatus[] = ['submitted', 'accepted'];

const now = (): string => new Date().toISOString();

const requireTask = (store: Store, taskId: string): Task => {
  const task = store.tasks.get(taskId);
  if (!task) throw new AppFailure('not_found', `There is no task "${taskId}" on this computer.`, 'taskId');
  return task;
};

const refuseIfReadOnly = (store: Store, taskId: string): TaskStatus => {
  const revoked = store.sync.flagsOf(taskId)?.revokedReason ?? null;
  if (revoked !== null) {
    // Kept only because it holds work the platform does not have yet: that work stays, nothing new is added to it.
    throw new AppFailure(
      'read_only',
      `The lab withdrew this task from you${revoked === 'reassigned' ? ' and gave it to someone else' : ''}, so it can no longer be changed. ` +
        'Your unsynced work on it is kept on this computer (see the sync panel).',
    );
  }
  const status = store.taskState.statusOf(taskId) ?? 'new';
  if (READ_ONLY.includes(status)) {
    throw new AppFailure('read_only', `This task was ${status === 'accepted' ? 'accepted' : 'submitted'} and can no longer be changed.`);
  }
  return status;
};

/** Stores tasks from the platform, an import or the demo set; never touches drafts or status already there. */
export const putTasks = (store: Store, tasks: readonly Task[], source: TaskSource): string[] =>
  store.transaction(() => {
    const at = now();
    return tasks.filter((task) => store.tasks.upsert(task, source, at)).map((task) => task.id);
  });

/**
 * The version of the task the expert's work is made against: the current draft's, else the latest. A draft stays
 * on its version when a newer one arrives, until the expert starts over (startOver).
 */
export const pinnedVersion = (store: Store, task: Task): number => store.drafts.versionOf(task.id) ?? task.version;

export interface SaveDraftInput {
  taskId: string;
  annotation: Annotation;
  activeSeconds: number;
  /** The version of the task the expert sees while making this change. */
  taskVersion?: number | undefined;
}

/**
 * The outbox payload of a save as JSON.stringify would write it ({ taskVersion, revision, annotation, activeSeconds,
 * savedAt }, in that order), around the annotation's JSON already written for the revision. A value that JSON
 * writes otherwise than a number (an activeSeconds left undefined) takes JSON.stringify itself.
 */
export const saveDraftPayloadJson = (draft: Draft & { taskVersion: number }, annotationJson: string): string =>
  typeof draft.activeSeconds === 'number' && typeof draft.taskVersion === 'number'
    ? `{"taskVersion":${JSON.stringify(draft.taskVersion)},"revision":${JSON.stringify(draft.revision)},"annotation":${annotationJson},"activeSeconds":${JSON.stringify(draft.activeSeconds)},"savedAt":${JSON.stringify(draft.savedAt)}}`
    : JSON.stringify({ taskVersion: draft.taskVersion, revision: draft.revision, annotation: draft.annotation, activeSeconds: draft.activeSeconds, savedAt: draft.savedAt });

/** An autosave: the revision, the current draft, the status and the outbox entry land together or not at all. */
export const saveDraft = (store: Store, input: SaveDraftInput): Draft =>
  store.transaction(() => {
    // The version the draft goes with and its kind, read without the payload: a save is on the typing path.
    const latest = store.tasks.head(input.taskId);
    if (!latest) throw new AppFailure('not_found', `There is no task "${input.taskId}" on this computer.`, 'taskId');
    const pinned = store.drafts.versionOf(input.taskId) ?? latest.version;
    const task = { id: input.taskId, ...(pinned === latest.version ? latest : store.tasks.head(input.taskId, pinned)!) };
    if (input.taskVersion !== undefined && input.taskVersion !== task.version) {
      // A newer version arrived while the task was open and before any draft pinned the old one: the change was made
      // looking at content the draft would not go with.
      throw new AppFailure(
        'conflict',
        `This task was updated to version ${task.version} while you had version ${input.taskVersion} open; reopen it to work on the new version. Your change is kept on this computer until then.`,
        'taskVersion',
      );
    }
    if (input.annotation.kind !== task.kind) {
      throw new AppFailure(
        'invalid_input',
        `This is a ${task.kind} task; a ${input.annotation.kind} annotation does not fit it.`,
        'annotation.kind',
      );
    }
    const status = refuseIfReadOnly(store, task.id);
    const at = now();
    // The revision is attributed to whoever is signed in (null when working locally only); the hash chain covers it.
    const author = store.sync.get('account')?.userName ?? null;
    const { draft, annotationJson } = store.drafts.saveRevision(task.id, input.annotation, input.activeSeconds, at, task.version, author);
    store.taskState.setStatus(task.id, status === 'new' ? 'in_progress' : status, at);
    store.outbox.enqueueJson('save_draft', task.id, saveDraftPayloadJson({ ...draft, taskVersion: task.version }, annotationJson), at);
    return draft;
  });

/** Hands the current draft in. Afterwards the task is read-only until a reviewer returns it. */
export const submitTask = (store: Store, taskId: string): Submission =>
  store.transaction(() => {
    const task = requireTask(store, taskId);
    refuseIfReadOnly(store, task.id);
    const draft = store.drafts.get(task.id);
    if (!draft) throw new AppFailure('conflict', 'There is nothing to submit yet: annotate the task first.');
    const at = now();
    const taskVersion = draft.taskVersion ?? task.version;
    const submission: Submission = { taskId: task.id, revision: draft.revision, submittedAt: at, idempotencyKey: randomUUID(), taskVersion };
    store.submissions.insert(submission, draft.annotation);
    store.taskState.setStatus(task.id, 'submitted', at);
    store.outbox.enqueue(
      'submit',
      task.id,
      { taskVersion, revision: draft.revision, annotation: draft.annotation, activeSeconds: draft.activeSeconds, submittedAt: at, activity: { pastes: store.activity.pastes(task.id) } },
      at,
      submission.idempotencyKey,
    );
    return submission;
  });

/**
 * A newer version of the task arrived after the draft was made: `keep` goes on with the draft's version (and
 * quiets the notice until a still newer version comes); `start_over` sets the draft aside, read-only in the
 * history, so the next save starts a fresh draft on the latest version. Nothing is deleted.
 */
export const resolveTaskVersion = (store: Store, taskId: string, choice: 'keep' | 'start_over'): void =>
  store.transaction(() => {
    const task = requireTask(store, taskId);
    refuseIfReadOnly(store, task.id);
    const draft = store.drafts.get(task.id);
    if (!draft || (draft.taskVersion ?? task.version) === task.version) {
      throw new AppFailure('conflict', 'Your draft of this task is already on its latest version.');
    }
    if (choice === 'keep') store.drafts.keepThrough(task.id, task.version);
    else store.drafts.setAside(task.id);
  });

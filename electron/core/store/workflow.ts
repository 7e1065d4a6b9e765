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

export interface SaveDraftInput {
  taskId: string;
  annotation: Annotation;
  activeSeconds: number;
}

/** An autosave: the revision, the current draft, the status and the outbox entry land together or not at all. */
export const saveDraft = (store: Store, input: SaveDraftInput): Draft =>
  store.transaction(() => {
    const task = requireTask(store, input.taskId);
    if (input.annotation.kind !== task.payload.kind) {
      throw new AppFailure(
        'invalid_input',
        `This is a ${task.payload.kind} task; a ${input.annotation.kind} annotation does not fit it.`,
        'annotation.kind',
      );
    }
    const status = refuseIfReadOnly(store, task.id);
    const at = now();
    const draft = store.drafts.save(task.id, input.annotation, input.activeSeconds, at);
    store.taskState.setStatus(task.id, status === 'new' ? 'in_progress' : status, at);
    store.outbox.enqueue(
      'save_draft',
      task.id,
      { taskVersion: task.version, revision: draft.revision, annotation: draft.annotation, activeSeconds: draft.activeSeconds, savedAt: at },
      at,
    );
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
    const submission: Submission = { taskId: task.id, revision: draft.revision, submittedAt: at, idempotencyKey: randomUUID() };
    store.submissions.insert(submission, draft.annotation);
    store.taskState.setStatus(task.id, 'submitted', at);
    store.outbox.enqueue(
      'submit',
      task.id,
      { taskVersion: task.version, revision: draft.revision, annotation: draft.annotation, activeSeconds: draft.activeSeconds, submittedAt: at },
      at,
      submission.idempotencyKey,
    );
    return submission;
  });

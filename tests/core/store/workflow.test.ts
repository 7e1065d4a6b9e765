import { AppFailure } from '@shared/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/store';
import { putTasks, saveDraft, submitTask } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask, reasoningAnnotation, reasoningTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
const openWithTasks = (): Store => {
  store = openTestStore(tempDir()).store;
  putTasks(store, [rankingTask('t1'), reasoningTask('t2')], 'import');
  return store;
};
afterEach(() => store?.close());

const failureOf = (work: () => unknown): AppFailure => {
  try {
    work();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
};

describe('saving a draft', () => {
  it('writes the revision, the current draft, the status and one outbox entry together', () => {
    openWithTasks();
    const first = saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('one'), activeSeconds: 5 });
    const second = saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('two'), activeSeconds: 9 });

    expect([first.revision, second.revision]).toEqual([1, 2]);
    expect(store.drafts.get('t1')).toMatchObject({ revision: 2, activeSeconds: 9, annotation: { justification: 'two' } });
    expect(store.drafts.revisions('t1').map((d) => d.revision)).toEqual([1, 2]);
    expect(store.taskState.statusOf('t1')).toBe('in_progress');
    const outbox = store.outbox.forTask('t1');
    expect(outbox.map((e) => [e.op, e.state])).toEqual([['save_draft', 'pending'], ['save_draft', 'pending']]);
    expect(outbox[1]!.id).toBeGreaterThan(outbox[0]!.id);
    expect(new Set(outbox.map((e) => e.idempotencyKey)).size).toBe(2);
    expect(outbox[1]!.payload).toMatchObject({ revision: 2, annotation: { justification: 'two' } });
  });

  it('leaves nothing behind when any part of the transaction fails', () => {
    openWithTasks();
    saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('kept'), activeSeconds: 1 });
    store.db.exec("CREATE TEMP TRIGGER refuse_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'injected failure'); END");

    expect(() => saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('lost'), activeSeconds: 2 })).toThrow('injected failure');
    expect(() => saveDraft(store, { taskId: 't2', annotation: reasoningAnnotation('lost'), activeSeconds: 2 })).toThrow('injected failure');

    expect(store.drafts.get('t1')).toMatchObject({ revision: 1, annotation: { justification: 'kept' } });
    expect(store.drafts.revisions('t1')).toHaveLength(1);
    expect(store.drafts.get('t2')).toBeNull();
    expect(store.drafts.revisions('t2')).toHaveLength(0);
    expect(store.taskState.statusOf('t2')).toBe('new');
    expect(store.outbox.pendingCount()).toBe(1);
  });

  it('refuses an annotation of another kind, and an unknown task', () => {
    openWithTasks();
    const wrongKind = failureOf(() => saveDraft(store, { taskId: 't1', annotation: reasoningAnnotation(), activeSeconds: 0 }));
    expect(wrongKind).toMatchObject({ code: 'invalid_input', detail: 'annotation.kind' });
    const missing = failureOf(() => saveDraft(store, { taskId: 'nope', annotation: rankingAnnotation(), activeSeconds: 0 }));
    expect(missing.code).toBe('not_found');
    expect(store.outbox.pendingCount()).toBe(0);
  });
});

describe('submitting', () => {
  it('records the submission and a submit entry sharing one idempotency key, then makes the task read-only', () => {
    openWithTasks();
    saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('final'), activeSeconds: 30 });
    const submission = submitTask(store, 't1');

    expect(submission).toMatchObject({ taskId: 't1', revision: 1 });
    expect(submission.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.submissions.latest('t1')).toEqual(submission);
    expect(store.taskState.statusOf('t1')).toBe('submitted');
    const submit = store.outbox.forTask('t1').find((e) => e.op === 'submit');
    expect(submit?.idempotencyKey).toBe(submission.idempotencyKey);

    expect(failureOf(() => submitTask(store, 't1')).code).toBe('read_only');
    expect(failureOf(() => saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('late'), activeSeconds: 31 })).code).toBe('read_only');
    expect(store.drafts.get('t1')?.annotation).toMatchObject({ justification: 'final' });
    expect(store.outbox.forTask('t1')).toHaveLength(2);
  });

  it('needs a draft first', () => {
    openWithTasks();
    expect(failureOf(() => submitTask(store, 't2')).code).toBe('conflict');
    expect(store.taskState.statusOf('t2')).toBe('new');
  });

  it('allows editing and submitting again once a reviewer returns the task', () => {
    openWithTasks();
    saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('v1'), activeSeconds: 1 });
    const first = submitTask(store, 't1');
    store.taskState.setStatus('t1', 'returned', new Date().toISOString());

    saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('v2'), activeSeconds: 2 });
    expect(store.taskState.statusOf('t1')).toBe('returned');
    const second = submitTask(store, 't1');
    expect(second.revision).toBe(2);
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
    expect(store.submissions.latest('t1')).toEqual(second);
  });
});

describe('storing pulled or imported tasks', () => {
  it('updates the snapshot but never the draft or the status', () => {
    openWithTasks();
    saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('mine'), activeSeconds: 3 });
    const newer = { ...rankingTask('t1', 'A reworded prompt'), version: 2, title: 'Renamed' };

    const added = putTasks(store, [newer, rankingTask('t3')], 'platform');

    expect(added).toEqual(['t3']);
    expect(store.tasks.get('t1')).toMatchObject({ version: 2, title: 'Renamed' });
    expect(store.drafts.get('t1')).toMatchObject({ revision: 1, annotation: { justification: 'mine' } });
    expect(store.taskState.statusOf('t1')).toBe('in_progress');
    expect(store.taskState.statusOf('t3')).toBe('new');
  });
});

describe('what a refused change says', () => {
  it('names the missing task, the wrong kind, and why a task is read-only', () => {
    openWithTasks();
    expect(failureOf(() => saveDraft(store, { taskId: 'nope', annotation: rankingAnnotation(), activeSeconds: 0 }))).toMatchObject({
      code: 'not_found',
      message: 'There is no task "nope" on this computer.',
      detail: 'taskId',
    });
    expect(failureOf(() => saveDraft(store, { taskId: 't1', annotation: reasoningAnnotation(), activeSeconds: 0 })).message).toBe(
      'This is a ranking task; a reasoning annotation does not fit it.',
    );
    expect(failureOf(() => submitTask(store, 't2')).message).toBe('There is nothing to submit yet: annotate the task first.');
    saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('v1'), activeSeconds: 1 });
    submitTask(store, 't1');
    expect(failureOf(() => submitTask(store, 't1')).message).toBe('This task was submitted and can no longer be changed.');
    store.taskState.setStatus('t1', 'accepted', new Date().toISOString());
    expect(failureOf(() => saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('v2'), activeSeconds: 2 })).message).toBe(
      'This task was accepted and can no longer be changed.',
    );
  });

  it('keeps a withdrawn task read-only, saying whether it went to someone else', () => {
    openWithTasks();
    saveDraft(store, { taskId: 't2', annotation: reasoningAnnotation(), activeSeconds: 1 });
    store.sync.markRevoked('t2', 'reassigned', new Date().toISOString());
    const refused = failureOf(() => saveDraft(store, { taskId: 't2', annotation: reasoningAnnotation(), activeSeconds: 2 }));
    expect(refused.code).toBe('read_only');
    expect(refused.message).toBe(
      'The lab withdrew this task from you and gave it to someone else, so it can no longer be changed. Your unsynced work on it is kept on this computer (see the sync panel).',
    );
    expect(failureOf(() => submitTask(store, 't2')).code).toBe('read_only');
    expect(store.drafts.revisions('t2')).toHaveLength(1);
    store.sync.markRevoked('t1', 'revoked', new Date().toISOString());
    expect(failureOf(() => saveDraft(store, { taskId: 't1', annotation: rankingAnnotation(), activeSeconds: 2 })).message).toMatch(
      /^The lab withdrew this task from you, so it can no longer be changed\./,
    );
  });

  it('puts the submitted draft itself in the submit entry', () => {
    openWithTasks();
    saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('first'), activeSeconds: 5 });
    saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('final'), activeSeconds: 9 });
    submitTask(store, 't1');
    const submit = store.outbox.forTask('t1').find((e) => e.op === 'submit');
    expect(submit?.payload).toMatchObject({ revision: 2, activeSeconds: 9, annotation: { justification: 'final' } });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/store';
import { putTasks, saveDraft, submitTask } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

/** The outcomes of outbox entries (attempts, failures, held work, retries), straight on the repository. */
const tempDir = useTempDirs();
let store: Store;
afterEach(() => store?.close());

const submitted = () => {
  store = openTestStore(tempDir()).store;
  putTasks(store, [rankingTask('t1')], 'import');
  saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('final'), activeSeconds: 3 });
  const submission = submitTask(store, 't1');
  const [draftEntry, submitEntry] = store.outbox.forTask('t1');
  if (!draftEntry || !submitEntry) throw new Error('expected a draft and a submit entry');
  return { submission, draftEntry, submitEntry };
};

describe('outbox outcomes', () => {
  it('counts attempts and keeps the last error', () => {
    const { submitEntry } = submitted();
    store.transaction(() => store.outboxSync.recordAttempt(submitEntry.id, 'timed out'));
    store.transaction(() => store.outboxSync.recordAttempt(submitEntry.id, 'HTTP 503'));
    expect(store.outboxSync.get(submitEntry.id)).toMatchObject({ attempts: 2, lastError: 'HTTP 503', state: 'pending' });
  });

  it('retries a failed submit as a new mutation with its own key and its own local submission, once', () => {
    const { submission, submitEntry } = submitted();
    store.transaction(() => store.outboxSync.markFailed(submitEntry.id, 'rejected', 'refused'));
    const copyId = store.transaction(() => store.outboxSync.requeue(submitEntry.id, '2026-01-02T00:00:00.000Z'));
    expect(copyId).not.toBeNull();
    const copy = store.outbox.forTask('t1').find((e) => e.id === copyId);
    expect(copy).toMatchObject({ op: 'submit', state: 'pending' });
    expect(copy?.idempotencyKey).not.toBe(submission.idempotencyKey);
    expect(store.submissions.latest('t1')).toMatchObject({ revision: submission.revision, idempotencyKey: copy?.idempotencyKey });
    expect(store.outboxSync.get(submitEntry.id)).toMatchObject({ state: 'failed', resolution: 'retried' });
    // Once only; and never an entry that did not fail.
    expect(store.transaction(() => store.outboxSync.requeue(submitEntry.id, '2026-01-03T00:00:00.000Z'))).toBeNull();
    expect(store.transaction(() => store.outboxSync.requeue(copyId ?? -1, '2026-01-03T00:00:00.000Z'))).toBeNull();
    expect(store.transaction(() => store.outboxSync.requeue(9999, '2026-01-03T00:00:00.000Z'))).toBeNull();
  });

  it('retries a failed draft save without making a submission', () => {
    const { draftEntry, submission } = submitted();
    store.transaction(() => store.outboxSync.markFailed(draftEntry.id, 'rejected', 'refused'));
    const copyId = store.transaction(() => store.outboxSync.requeue(draftEntry.id, '2026-01-02T00:00:00.000Z'));
    expect(store.outbox.forTask('t1').find((e) => e.id === copyId)).toMatchObject({ op: 'save_draft', state: 'pending' });
    expect(store.submissions.latest('t1')).toMatchObject({ idempotencyKey: submission.idempotencyKey });
  });

  it('restores held work once, and only held work', () => {
    const { draftEntry, submitEntry } = submitted();
    const held = store.transaction(() => store.outboxSync.holdPending('made as someone else'));
    expect(held.sort()).toEqual([draftEntry.id, submitEntry.id].sort());
    expect(store.outboxSync.get(submitEntry.id)).toMatchObject({ state: 'failed', resolution: 'other_account', lastError: 'made as someone else' });
    expect(store.transaction(() => store.outboxSync.restoreHeld(submitEntry.id))).toBe(true);
    expect(store.outboxSync.get(submitEntry.id)).toMatchObject({ state: 'pending' });
    expect(store.transaction(() => store.outboxSync.restoreHeld(submitEntry.id))).toBe(false);
  });
});

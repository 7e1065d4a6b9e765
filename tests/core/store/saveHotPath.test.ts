import { emptyAnnotationFor } from '@shared/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/store';
import { putTasks, saveDraft } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask, reasoningAnnotation, trajectoryTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
afterEach(() => store?.close());

describe('an autosave', () => {
  it('never reads the task payload (a trajectory runs to megabytes): a save succeeds with the payload unreadable', () => {
    store = openTestStore(tempDir()).store;
    const trajectory = trajectoryTask('s1');
    putTasks(store, [rankingTask('r1'), trajectory], 'import');
    store.db.exec("UPDATE tasks SET payload_json = 'not json'; UPDATE task_payloads SET payload_json = 'not json either'");
    expect(saveDraft(store, { taskId: 'r1', annotation: rankingAnnotation('x'), activeSeconds: 1 }).revision).toBe(1);
    expect(saveDraft(store, { taskId: 's1', annotation: emptyAnnotationFor(trajectory.payload), activeSeconds: 1 }).revision).toBe(1);
  });

  it('still checks the kind and the version it goes with, from the version the draft is pinned to', () => {
    store = openTestStore(tempDir()).store;
    putTasks(store, [rankingTask('r1')], 'import');
    expect(() => saveDraft(store, { taskId: 'r1', annotation: reasoningAnnotation(), activeSeconds: 1 })).toThrow(/ranking task/);
    expect(() => saveDraft(store, { taskId: 'nope', annotation: rankingAnnotation(), activeSeconds: 1 })).toThrow(/no task "nope"/);
    saveDraft(store, { taskId: 'r1', annotation: rankingAnnotation('v1'), activeSeconds: 1, taskVersion: 1 });
    putTasks(store, [rankingTask('r1', 'A changed prompt.')], 'import');
    // The draft stays on version 1 (kept in task_versions); a save made looking at version 2 is refused.
    expect(saveDraft(store, { taskId: 'r1', annotation: rankingAnnotation('v1 again'), activeSeconds: 2, taskVersion: 1 }).taskVersion).toBe(1);
    expect(() => saveDraft(store, { taskId: 'r1', annotation: rankingAnnotation('v2'), activeSeconds: 3, taskVersion: 2 })).toThrow(/updated to version 1/);
  });
});

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationSchema, taskSchema, type Task } from '@shared/domain';
import { openEncryptedDatabase } from '../../../electron/core/store/database';
import { migrate } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/openStore';
import { openTaskView } from '../../../electron/core/store/openTaskView';
import { putTasks, resolveTaskVersion, saveDraft, submitTask } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask, reasoningTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

const withSecond = (task: Task, content: string, version = task.version + 1): Task =>
  taskSchema.parse({
    ...task,
    version,
    payload: task.payload.kind === 'ranking' ? { ...task.payload, responses: [task.payload.responses[0], { id: 'r2', content }] } : task.payload,
  });

const keptVersions = (store: ReturnType<typeof openStore>['store'], id: string): number[] =>
  store.db.prepare<[string], number>('SELECT version FROM task_versions WHERE task_id = ? ORDER BY version').pluck().all(id);

describe('task versions in the store', () => {
  it('migrates a version 4 store with drafts and a submission: each is pinned to the version stored, and kept when a new one arrives', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const path = join(dir, 'v4.db');
    const old = openEncryptedDatabase(path, key);
    migrate(old, 4);
    const task = rankingTask('t4');
    const other = rankingTask('untouched');
    old.exec(`
      INSERT INTO tasks (id, search_id, project, kind, version, title, guidelines, payload_json, lease_json, excerpt, source, received_at)
      VALUES ('t4', 1, 'alpha', 'ranking', 3, 'Ranking t4', '', '${JSON.stringify(task.payload)}', NULL, 'x', 'platform', '2026-01-01T00:00:00.000Z'),
             ('untouched', 2, 'alpha', 'ranking', 1, 'Ranking untouched', '', '${JSON.stringify(other.payload)}', NULL, 'x', 'platform', '2026-01-01T00:00:00.000Z');
      INSERT INTO task_state VALUES ('t4', 'submitted', '2026-01-02T00:00:00.000Z');
      INSERT INTO drafts VALUES ('t4', 2, '${JSON.stringify(rankingAnnotation('second'))}', 12, '2026-01-02T00:00:00.000Z');
      INSERT INTO draft_revisions VALUES ('t4', 1, '${JSON.stringify(rankingAnnotation('first'))}', 5, '2026-01-02T00:00:00.000Z');
      INSERT INTO draft_revisions VALUES ('t4', 2, '${JSON.stringify(rankingAnnotation('second'))}', 12, '2026-01-02T00:00:00.000Z');
      INSERT INTO submissions (task_id, revision, annotation_json, idempotency_key, submitted_at) VALUES ('t4', 2, '${JSON.stringify(rankingAnnotation('second'))}', 'k', '2026-01-02T00:00:00.000Z');
    `);
    old.close();

    const { store } = openStore(path, key);
    try {
      expect(store.drafts.get('t4')?.taskVersion).toBe(3);
      expect(store.drafts.revisions('t4').map((d) => d.taskVersion)).toEqual([3, 3]);
      expect(store.submissions.latest('t4')?.taskVersion).toBe(3);

      putTasks(store, [withSecond({ ...task, version: 3 }, 'Changed.', 4), withSecond(other, 'Changed too.', 2)], 'platform');
      expect(keptVersions(store, 't4')).toEqual([3]);
      // Nothing was made against the other task: its old version is not kept.
      expect(keptVersions(store, 'untouched')).toEqual([]);
      const view = openTaskView(store, 't4');
      expect(view.task.version).toBe(3);
      expect(view.task.payload).toEqual(task.payload);
      expect(view.newerVersion?.changes.map((c) => c.summary)).toEqual(['Response B, content changed']);
    } finally {
      store.close();
    }
  });

  it('pins saves and submissions to the draft’s version, and a file’s changed content under the same number is a new version', () => {
    const { store } = openStore(join(tempDir(), 'a.db'), randomBytes(32));
    try {
      const v1 = rankingTask('f1');
      putTasks(store, [v1], 'import');
      saveDraft(store, { taskId: 'f1', annotation: rankingAnnotation('on v1'), activeSeconds: 1 });
      putTasks(store, [withSecond(v1, 'New text.', 1)], 'import');
      expect(store.tasks.get('f1')?.version).toBe(2);
      expect(keptVersions(store, 'f1')).toEqual([1]);
      // The same file again changes nothing.
      putTasks(store, [withSecond(v1, 'New text.', 1)], 'import');
      expect(store.tasks.get('f1')?.version).toBe(2);

      saveDraft(store, { taskId: 'f1', annotation: rankingAnnotation('still on v1'), activeSeconds: 2 });
      const submission = submitTask(store, 'f1');
      expect(submission.taskVersion).toBe(1);
      const payloads = store.outbox.pending().map((e) => (e.payload as { taskVersion: number }).taskVersion);
      expect(payloads).toEqual([1, 1, 1]);
      expect(() => resolveTaskVersion(store, 'f1', 'start_over')).toThrow(/submitted/);
    } finally {
      store.close();
    }
  });

  it('works the same for every kind: a reasoning draft keeps the steps its ratings point at', () => {
    const { store } = openStore(join(tempDir(), 'r.db'), randomBytes(32));
    try {
      const v1 = reasoningTask('p1');
      putTasks(store, [v1], 'platform');
      saveDraft(store, { taskId: 'p1', annotation: annotationSchema.parse({ kind: 'reasoning', stepRatings: { s1: -1 }, firstErrorStepId: 's1', authoredSteps: [], finalAnswer: '', finishReason: null }), activeSeconds: 1 });
      const v2 = taskSchema.parse({ ...v1, version: 2, payload: { kind: 'reasoning', problem: v1.payload.kind === 'reasoning' ? v1.payload.problem : '', modelSteps: [{ id: 's2', content: 'Another step.' }] } });
      putTasks(store, [v2], 'platform');
      const view = openTaskView(store, 'p1');
      expect(view.task.payload).toEqual(v1.payload);
      expect(view.newerVersion?.changes.map((c) => c.summary)).toEqual(['Step s1 removed', 'Step s2 added']);
      resolveTaskVersion(store, 'p1', 'start_over');
      expect(openTaskView(store, 'p1')).toMatchObject({ task: { version: 2 }, draft: null, newerVersion: null, history: [{ taskVersion: 1, revision: 1 }] });
    } finally {
      store.close();
    }
  });

  it('refuses a save made looking at another version than the one the draft would go with', () => {
    const { store } = openStore(join(tempDir(), 's.db'), randomBytes(32));
    try {
      const v1 = rankingTask('o1');
      putTasks(store, [v1], 'platform');
      putTasks(store, [withSecond(v1, 'Updated while open.')], 'platform');
      // The page still shows version 1 and nothing pinned it: the save would land on version 2.
      expect(() => saveDraft(store, { taskId: 'o1', annotation: rankingAnnotation('seen on v1'), activeSeconds: 1, taskVersion: 1 })).toThrow(/updated to version 2 while you had version 1 open/);
      expect(store.drafts.get('o1')).toBeNull();
      expect(saveDraft(store, { taskId: 'o1', annotation: rankingAnnotation('seen on v2'), activeSeconds: 1, taskVersion: 2 }).taskVersion).toBe(2);
    } finally {
      store.close();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/store';
import { putTasks, saveDraft, submitTask } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
afterEach(() => store?.close());

const changes = (): number => store.db.prepare<[], number>('SELECT total_changes()').pluck().get()!;
const recencyOf = (id: string) => store.db.prepare<[string], { recency: number; expected: number }>(
  `SELECT s.recency, -CAST(round((julianday(max(s.updated_at, t.received_at)) - 2440587.5) * 86400000) AS INTEGER) AS expected
   FROM task_state s JOIN tasks t ON t.id = s.task_id WHERE s.task_id = ?`,
).get(id)!;

describe('the inbox recency of a task', () => {
  it('is set by the statements that write task_state, without the triggers', () => {
    store = openTestStore(tempDir()).store;
    store.db.exec('DROP TRIGGER task_state_recency_insert; DROP TRIGGER task_state_recency_update;');
    putTasks(store, [rankingTask('a'), rankingTask('b')], 'import');
    expect(recencyOf('a').recency).toBe(recencyOf('a').expected);
    expect(recencyOf('a').recency).toBeLessThan(0);
    saveDraft(store, { taskId: 'b', annotation: rankingAnnotation('x'), activeSeconds: 1 });
    const saved = recencyOf('b');
    expect(saved.recency).toBe(saved.expected);
    submitTask(store, 'b');
    expect(recencyOf('b').recency).toBe(recencyOf('b').expected);
  });

  it('is written once per status change (the trigger stands aside), and still by the trigger for other writers', () => {
    store = openTestStore(tempDir()).store;
    putTasks(store, [rankingTask('a')], 'import');
    const before = changes();
    store.transaction(() => store.taskState.setStatus('a', 'in_progress', new Date(Date.now() + 5000).toISOString()));
    expect(changes() - before).toBe(1);
    expect(recencyOf('a').recency).toBe(recencyOf('a').expected);

    // A writer that leaves the recency to the trigger (as the sync's status updates do) still gets it right.
    store.db.prepare("UPDATE task_state SET updated_at = ? WHERE task_id = 'a'").run(new Date(Date.now() + 60_000).toISOString());
    expect(recencyOf('a').recency).toBe(recencyOf('a').expected);
    store.db.exec("INSERT INTO tasks (id, search_id, project, kind, version, title, guidelines, payload_json, excerpt, source, received_at) VALUES ('raw', 999, 'p', 'ranking', 1, 't', '', '{}', '', 'import', '2030-01-01T00:00:00.000Z')");
    store.db.exec("INSERT INTO task_state (task_id, status, updated_at) VALUES ('raw', 'new', '2020-01-01T00:00:00.000Z')");
    expect(recencyOf('raw').recency).toBe(recencyOf('raw').expected);
  });
});

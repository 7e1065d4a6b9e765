import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openPlatformStore } from '../../platform';
import { join } from 'node:path';
import { LATEST_VERSION, migrate } from '../../platform/store/migrations';
import { openDatabase } from '../../platform/store/sqlite';
import { makeTasks, tempDir, toJsonl } from './helpers';

describe('platform store', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('opens in WAL at the latest migration, and reopens with its data', () => {
    const d = dir();
    const store = openPlatformStore(d);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    store.addUser('alice', 'expert');
    store.importTasks({ project: 'math', fileName: 'a.jsonl', text: toJsonl(makeTasks(2)) });
    store.close();
    const again = openPlatformStore(d);
    expect(again.status()).toMatchObject({ users: 1, projects: [{ project: 'math', total: 2 }] });
    again.close();
  });

  it('upgrades a version 1 store: every task gets its current version kept, submissions are pinned to it', () => {
    const d = dir();
    const old = openDatabase(join(d, 'platform.sqlite'));
    migrate(old, 1);
    const task = { ...makeTasks(1)[0]!, version: 4 };
    old.exec(`
      INSERT INTO users VALUES ('u1', 'alice', 'expert', '2030-01-01T00:00:00.000Z');
      INSERT INTO projects VALUES ('math', '', NULL, '2030-01-01T00:00:00.000Z');
      INSERT INTO tasks VALUES ('t0001', 'math', 'reasoning', 4, '${JSON.stringify(task)}', '2030-01-01T00:00:00.000Z', '2030-01-02T00:00:00.000Z');
      INSERT INTO assignments (task_id, user_id, state, lease_expires_ms, assigned_at) VALUES ('t0001', 'u1', 'submitted', 0, '2030-01-01T00:00:00.000Z');
      INSERT INTO submissions VALUES ('sub_1', 1, 't0001', 'u1', 1, '{"kind":"reasoning"}', 5, '2030-01-01T00:00:00.000Z', 'k1', '2030-01-01T00:00:00.000Z');
    `);
    old.close();
    const store = openPlatformStore(d);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(store.tasks.atVersion('t0001', 4)?.title).toBe(task.title);
    expect(store.tasks.acceptedVersions('t0001')).toEqual({ latest: 4, oldest: 1 });
    expect(store.db.prepare("SELECT task_version FROM submissions WHERE id = 'sub_1'").pluck().get()).toBe(4);
    store.close();
  });

  it('refuses a store written by a newer server', () => {
    const d = dir();
    const store = openPlatformStore(d);
    store.db.pragma('user_version = 99');
    store.close();
    expect(() => openPlatformStore(d)).toThrow(/newer than this server/);
  });

  it('imports all or nothing, puts tasks in the named project and bakes in project guidelines', () => {
    const store = openPlatformStore(dir());
    const summary = store.importTasks({ project: 'algebra', fileName: 'a.jsonl', text: toJsonl(makeTasks(2, 'whatever')), guidelines: 'Show your work.' });
    expect(summary).toEqual({ format: 'canonical-jsonl', project: 'algebra', created: 2, updated: 0, unchanged: 0 });
    expect(store.tasks.get('t0001')).toMatchObject({ project: 'algebra', guidelines: 'Show your work.', lease: null });
    expect(() => store.importTasks({ project: 'algebra', fileName: 'b.jsonl', text: `${toJsonl(makeTasks(1, 'x', 3))}{"id":"broken"}\n` })).toThrow(/Line 2/);
    expect(store.tasks.get('t0003')).toBeNull();
    expect(() => store.importTasks({ project: 'geometry', fileName: 'c.jsonl', text: toJsonl(makeTasks(1)) })).toThrow(/already exists in project algebra/);
    expect(() => store.addUser('bad name!', 'expert')).toThrow(/user name/);
    store.addUser('rita', 'reviewer');
    expect(() => store.assign({ user: 'rita', count: 1 })).toThrow(/assigned to experts/);
    store.close();
  });

  it('a re-import that changes a task’s kind updates the kind column with the task; with work on it, it is refused', () => {
    const store = openPlatformStore(dir());
    store.importTasks({ project: 'math', fileName: 'a.jsonl', text: toJsonl(makeTasks(2)) });
    const ranking = (id: string) => ({
      id,
      project: 'math',
      title: `Ranking ${id}`,
      payload: { kind: 'ranking', conversation: [{ role: 'user', content: 'Which is better?' }], responses: [{ id: 'a', content: 'A' }, { id: 'b', content: 'B' }] },
    });
    const kindOf = (id: string) => store.db.prepare<[string], string>('SELECT kind FROM tasks WHERE id = ?').pluck().get(id);

    // No work yet: the kind changes, in the column the mutation check reads as in the stored task.
    expect(store.importTasks({ project: 'math', fileName: 'b.jsonl', text: toJsonl([ranking('t0001')] as never) })).toMatchObject({ updated: 1 });
    expect(store.tasks.get('t0001')?.payload.kind).toBe('ranking');
    expect(kindOf('t0001')).toBe('ranking');
    const { user } = store.addUser('alice', 'expert');
    store.assign({ user: 'alice', taskId: 't0001' });
    const pushed = store.mutations.push(user, {
      clientId: 'c1',
      mutations: [{ id: 1, idempotencyKey: 'k1', type: 'save_draft', taskId: 't0001', revision: 1, activeSeconds: 1, clientTime: '2030-01-01T00:00:00.000Z', annotation: { kind: 'ranking', displayOrder: ['a', 'b'], ranks: { a: 1, b: 2 } } as never }],
    });
    expect(pushed.results[0]).toMatchObject({ status: 'applied' });

    // Now it has a draft: changing its kind back would orphan that work, so the import is refused, all of it.
    expect(() => store.importTasks({ project: 'math', fileName: 'c.jsonl', text: toJsonl(makeTasks(2, 'math')) })).toThrow(
      /Task t0001 is a ranking task with drafts or submissions already; it cannot become a reasoning task/,
    );
    expect(kindOf('t0001')).toBe('ranking');
    expect(store.tasks.get('t0001')?.payload.kind).toBe('ranking');
    store.close();
  });
});

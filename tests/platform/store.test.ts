import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openPlatformStore } from '../../platform';
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
    expect(store.db.pragma('user_version', { simple: true })).toBe(1);
    store.addUser('alice', 'expert');
    store.importTasks({ project: 'math', fileName: 'a.jsonl', text: toJsonl(makeTasks(2)) });
    store.close();
    const again = openPlatformStore(d);
    expect(again.status()).toMatchObject({ users: 1, projects: [{ project: 'math', total: 2 }] });
    again.close();
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
});

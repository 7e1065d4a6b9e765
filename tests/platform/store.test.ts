import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openPlatformStore, type PlatformStore } from '../../platform';
import { openPostgresDatabase, type Database } from '../../platform/store/database';
import { LATEST_VERSION, migrate, migratePostgres, schemaVersion } from '../../platform/store/migrations';
import { openDatabase } from '../../platform/store/sqlite';
import { createStoreLocation, describeEngines, type EngineName } from '../support/postgres/engines';
import { makeTasks, reasoningAnnotation, toJsonl } from './helpers';

/** Rows a store at schema version 1 could hold: a user, a project, a task at version 4, its assignment and one submission. */
const versionOneRows = (taskJson: string): string[] => [
  "INSERT INTO users VALUES ('u1', 'alice', 'expert', '2030-01-01T00:00:00.000Z')",
  "INSERT INTO projects VALUES ('math', '', NULL, '2030-01-01T00:00:00.000Z')",
  `INSERT INTO tasks VALUES ('t0001', 'math', 'reasoning', 4, '${taskJson}', '2030-01-01T00:00:00.000Z', '2030-01-02T00:00:00.000Z')`,
  "INSERT INTO assignments (task_id, user_id, state, lease_expires_ms, assigned_at) VALUES ('t0001', 'u1', 'submitted', 0, '2030-01-01T00:00:00.000Z')",
  `INSERT INTO submissions (id, assignment_id, task_id, user_id, revision, annotation_json, active_seconds, client_time, idempotency_key, submitted_at)
     VALUES ('sub_1', 1, 't0001', 'u1', 1, '{"kind":"reasoning"}', 5, '2030-01-01T00:00:00.000Z', 'k1', '2030-01-01T00:00:00.000Z')`,
];

describeEngines('platform store', (engine: EngineName) => {
  const cleanups: (() => Promise<void>)[] = [];
  const location = async (): Promise<string> => {
    const where = await createStoreLocation(engine);
    cleanups.push(where.remove);
    return where.location;
  };
  const stores: PlatformStore[] = [];
  const open = async (at?: string): Promise<PlatformStore> => {
    const store = await openPlatformStore(at ?? (await location()));
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** The schema at `version`, written the way a server of that version did, then closed. */
  const atVersion = async (at: string, version: number, rows: readonly string[] = []): Promise<void> => {
    if (engine === 'sqlite') {
      const old = openDatabase(join(at, 'platform.sqlite'));
      migrate(old, version);
      for (const row of rows) old.exec(row);
      old.close();
      return;
    }
    const db: Database = openPostgresDatabase(at);
    try {
      await migratePostgres(db, version);
      for (const row of rows) await db.query(row);
    } finally {
      await db.close();
    }
  };

  it('opens at the latest migration, and reopens with its data', async () => {
    const at = await location();
    const store = await open(at);
    expect(await schemaVersion(store.db)).toBe(LATEST_VERSION);
    if (engine === 'sqlite') expect((await store.db.query<{ journal_mode: string }>('PRAGMA journal_mode'))[0]?.journal_mode).toBe('wal');
    await store.addUser('alice', 'expert');
    await store.importTasks({ project: 'math', fileName: 'a.jsonl', text: toJsonl(makeTasks(2)) });
    await store.close();
    const again = await open(at);
    expect(await again.status()).toMatchObject({ users: 1, projects: [{ project: 'math', total: 2 }] });
    expect((await again.readiness()).ready).toBe(true);
  });

  it('upgrades a version 1 store: every task gets its current version kept, submissions are pinned to it', async () => {
    const at = await location();
    const task = { ...makeTasks(1)[0]!, version: 4 };
    await atVersion(at, 1, versionOneRows(JSON.stringify(task)));
    const store = await open(at);
    expect(await schemaVersion(store.db)).toBe(LATEST_VERSION);
    expect((await store.tasks.atVersion('t0001', 4))?.title).toBe(task.title);
    expect(await store.tasks.acceptedVersions('t0001')).toEqual({ latest: 4, oldest: 1 });
    expect((await store.db.query<{ v: number }>("SELECT task_version AS v FROM submissions WHERE id = 'sub_1'"))[0]?.v).toBe(4);
  });

  it.each(Array.from({ length: LATEST_VERSION }, (_, i) => i))('migrates from version %i to the latest and works there', async (from) => {
    const at = await location();
    if (from > 0) await atVersion(at, from);
    const store = await open(at);
    expect(await schemaVersion(store.db)).toBe(LATEST_VERSION);
    const { user } = await store.addUser('alice', 'expert');
    await store.importTasks({ project: 'math', fileName: 'a.jsonl', text: toJsonl(makeTasks(2)) });
    await store.assign({ user: 'alice', count: 1 });
    const pushed = await store.mutations.push(user, {
      clientId: 'c1',
      mutations: [{ id: 1, idempotencyKey: 'k1', type: 'submit', taskId: 't0001', revision: 1, activeSeconds: 1, clientTime: '2030-01-01T00:00:00.000Z', annotation: reasoningAnnotation('1') }],
    });
    expect(pushed.results[0]).toMatchObject({ status: 'applied' });
    expect(await store.submissionCount('t0001')).toBe(1);
    await store.releases.add('stable', [{ name: 'latest.yml', data: Buffer.from('version: 1.0.0\n') }]);
    expect((await store.releases.get('stable', 'latest.yml'))?.toString()).toBe('version: 1.0.0\n');
  });

  it('refuses a store written by a newer server', async () => {
    const at = await location();
    const store = await open(at);
    if (engine === 'sqlite') await store.db.query('PRAGMA user_version = 99');
    else await store.db.query("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01T00:00:00.000Z')");
    await store.close();
    await expect(openPlatformStore(at)).rejects.toThrow(/newer than this server/);
  });

  if (engine === 'postgres') {
    it('two processes starting together on an empty database migrate it once', async () => {
      const at = await location();
      const [a, b] = await Promise.all([open(at), open(at)]);
      expect(await schemaVersion(a.db)).toBe(LATEST_VERSION);
      const applied = await b.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(applied.map((r) => r.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
    });
  }

  it('imports all or nothing, puts tasks in the named project and bakes in project guidelines', async () => {
    const store = await open();
    const summary = await store.importTasks({ project: 'algebra', fileName: 'a.jsonl', text: toJsonl(makeTasks(2, 'whatever')), guidelines: 'Show your work.' });
    expect(summary).toEqual({ format: 'canonical-jsonl', project: 'algebra', created: 2, updated: 0, unchanged: 0 });
    expect(await store.tasks.get('t0001')).toMatchObject({ project: 'algebra', guidelines: 'Show your work.', lease: null });
    await expect(store.importTasks({ project: 'algebra', fileName: 'b.jsonl', text: `${toJsonl(makeTasks(1, 'x', 3))}{"id":"broken"}\n` })).rejects.toThrow(/Line 2/);
    expect(await store.tasks.get('t0003')).toBeNull();
    await expect(store.importTasks({ project: 'geometry', fileName: 'c.jsonl', text: toJsonl(makeTasks(1)) })).rejects.toThrow(/already exists in project algebra/);
    await expect(store.addUser('bad name!', 'expert')).rejects.toThrow(/user name/);
    await store.addUser('rita', 'reviewer');
    await expect(store.assign({ user: 'rita', count: 1 })).rejects.toThrow(/assigned to experts/);
    await store.close();
  });

  it('a re-import that changes a task’s kind updates the kind column with the task; with work on it, it is refused', async () => {
    const store = await open();
    await store.importTasks({ project: 'math', fileName: 'a.jsonl', text: toJsonl(makeTasks(2)) });
    const ranking = (id: string) => ({
      id,
      project: 'math',
      title: `Ranking ${id}`,
      payload: { kind: 'ranking', conversation: [{ role: 'user', content: 'Which is better?' }], responses: [{ id: 'a', content: 'A' }, { id: 'b', content: 'B' }] },
    });
    const kindOf = async (id: string) => (await store.db.query<{ kind: string }>('SELECT kind FROM tasks WHERE id = ?', [id]))[0]?.kind;

    // No work yet: the kind changes, in the column the mutation check reads as in the stored task.
    expect(await store.importTasks({ project: 'math', fileName: 'b.jsonl', text: toJsonl([ranking('t0001')] as never) })).toMatchObject({ updated: 1 });
    expect((await store.tasks.get('t0001'))?.payload.kind).toBe('ranking');
    expect(await kindOf('t0001')).toBe('ranking');
    const { user } = await store.addUser('alice', 'expert');
    await store.assign({ user: 'alice', taskId: 't0001' });
    const pushed = await store.mutations.push(user, {
      clientId: 'c1',
      mutations: [{ id: 1, idempotencyKey: 'k1', type: 'save_draft', taskId: 't0001', revision: 1, activeSeconds: 1, clientTime: '2030-01-01T00:00:00.000Z', annotation: { kind: 'ranking', displayOrder: ['a', 'b'], ranks: { a: 1, b: 2 } } as never }],
    });
    expect(pushed.results[0]).toMatchObject({ status: 'applied' });

    // Now it has a draft: changing its kind back would orphan that work, so the import is refused, all of it.
    await expect(store.importTasks({ project: 'math', fileName: 'c.jsonl', text: toJsonl(makeTasks(2, 'math')) })).rejects.toThrow(
      /Task t0001 is a ranking task with drafts or submissions already; it cannot become a reasoning task/,
    );
    expect(await kindOf('t0001')).toBe('ranking');
    expect((await store.tasks.get('t0001'))?.payload.kind).toBe('ranking');
    await store.close();
  });
});


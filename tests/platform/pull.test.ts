import { afterEach, expect, it } from 'vitest';
import { changesResponseSchema, errorBodySchema, snapshotResponseSchema, type Change } from '../../shared/sync/protocol';
import { DAY_MS, client, makeTasks, startPlatform, toJsonl, type TestPlatform } from './helpers';
import { describeEngines } from '../support/postgres/engines';

const pullAll = async (api: ReturnType<typeof client>, cursor: string | null, limit: number) => {
  const changes: Change[] = [];
  const pages: number[] = [];
  let next = cursor;
  for (;;) {
    const res = await api.get(`/v1/changes?limit=${limit}${next === null ? '' : `&cursor=${encodeURIComponent(next)}`}`);
    expect(res.status, res.text).toBe(200);
    const page = changesResponseSchema.parse(res.body);
    changes.push(...page.changes);
    pages.push(page.changes.length);
    next = page.cursor;
    if (!page.hasMore) return { changes, cursor: next, pages };
  }
};

describeEngines('pull: GET /v1/changes and GET /v1/snapshot', (engine) => {
  let p: TestPlatform;
  afterEach(() => p.close());

  const setup = async (options: Parameters<typeof startPlatform>[0] = {}) => {
    p = await startPlatform({ engine, ...options });
    const { store } = p.server;
    const alice = (await store.addUser('alice', 'expert')).token;
    const bob = (await store.addUser('bob', 'expert')).token;
    await store.importTasks({ project: 'math', fileName: 'tasks.jsonl', text: toJsonl(makeTasks(25)) });
    return { store, alice: client(p.server.url, alice), bob: client(p.server.url, bob) };
  };

  it('pages with cursor and hasMore, each change exactly once, only the user’s own', async () => {
    const { store, alice } = await setup();
    await store.assign({ user: 'alice', count: 7 });
    await store.assign({ user: 'bob', count: 5 });
    const first = await pullAll(alice, null, 3);
    expect(first.pages).toEqual([3, 3, 1]);
    const ids = first.changes.map((c) => (c.type === 'task_assigned' ? c.task.id : '?'));
    expect(ids).toEqual(['t0001', 't0002', 't0003', 't0004', 't0005', 't0006', 't0007']);
    for (const c of first.changes) {
      if (c.type !== 'task_assigned') throw new Error('expected task_assigned');
      expect(c.task.lease?.holder).toBe('alice');
      expect(c.assignment.state).toBe('assigned');
    }
    // Nothing new: same cursor, nothing returned.
    const again = await pullAll(alice, first.cursor, 3);
    expect(again.changes).toEqual([]);
    // A later assignment and a revocation arrive in order after the stored cursor.
    await store.assign({ user: 'alice', count: 1 });
    await store.revoke('t0002');
    const later = await pullAll(alice, again.cursor, 3);
    expect(later.changes.map((c) => c.type)).toEqual(['task_assigned', 'task_revoked']);
    expect(later.changes[1]).toMatchObject({ type: 'task_revoked', taskId: 't0002', reason: 'revoked' });
  });

  it('resumes an interrupted pull from the last stored cursor without duplicates', async () => {
    const { store, alice } = await setup();
    await store.assign({ user: 'alice', count: 10 });
    const res = await alice.get('/v1/changes?limit=4');
    const page1 = changesResponseSchema.parse(res.body);
    // The client "crashed" after storing page 1 and its cursor; it starts again from that cursor.
    const rest = await pullAll(alice, page1.cursor, 4);
    const all = [...page1.changes, ...rest.changes].map((c) => (c.type === 'task_assigned' ? c.task.id : '?'));
    expect(all).toHaveLength(10);
    expect(new Set(all).size).toBe(10);
  });

  it('rejects a cursor it did not issue with 400', async () => {
    const { alice } = await setup();
    const res = await alice.get('/v1/changes?cursor=bm9wZQ');
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(res.body).error).toMatchObject({ code: 'invalid', detail: 'cursor' });
    expect((await alice.get('/v1/changes?limit=0')).status).toBe(400);
    expect((await alice.get('/v1/changes?limit=5000')).status).toBe(400);
  });

  it('answers 410 cursor_expired for a cursor older than the retention window, and a snapshot recovers', async () => {
    const { store, alice } = await setup({ cursorRetention: 10 * DAY_MS });
    await store.assign({ user: 'alice', count: 2 });
    const first = await pullAll(alice, null, 50);
    p.clock.advance(DAY_MS);
    await store.assign({ user: 'alice', count: 1 });
    await store.revoke('t0001');
    // The client stays away longer than the server keeps history.
    p.clock.advance(11 * DAY_MS);
    await store.assign({ user: 'bob', count: 1 });
    const expired = await alice.get(`/v1/changes?cursor=${encodeURIComponent(first.cursor)}`);
    expect(expired.status).toBe(410);
    expect(errorBodySchema.parse(expired.body).error.code).toBe('cursor_expired');

    const snap = snapshotResponseSchema.parse((await alice.get('/v1/snapshot')).body);
    expect(snap.nextPage).toBeNull();
    expect(snap.changes.map((c) => [c.type, c.type === 'task_assigned' ? c.task.id : c.type === 'task_revoked' ? c.taskId : ''])).toEqual([
      ['task_revoked', 't0001'],
      ['task_assigned', 't0002'],
      ['task_assigned', 't0003'],
    ]);
    // Pulling from the snapshot's cursor works and holds only what happened after the snapshot.
    await store.assign({ user: 'alice', count: 1 });
    const after = await pullAll(alice, snap.cursor, 50);
    expect(after.changes.map((c) => c.type)).toEqual(['task_assigned']);
  });

  it('expires cursors at once with a zero retention (what client tests use to force a re-snapshot)', async () => {
    const { store, alice } = await setup({ cursorRetention: 0 });
    await store.assign({ user: 'alice', count: 1 });
    p.clock.advance(1);
    const noCursor = await alice.get('/v1/changes');
    expect(noCursor.status).toBe(410);
  });

  it('pages a snapshot with a stable cursor, and changes made while paging come through the feed', async () => {
    const { store, alice } = await setup();
    await store.assign({ user: 'alice', count: 5 });
    const page1 = snapshotResponseSchema.parse((await alice.get('/v1/snapshot?limit=2')).body);
    expect(page1.changes).toHaveLength(2);
    expect(page1.nextPage).not.toBeNull();
    await store.assign({ user: 'alice', count: 1 }); // t0006, after the snapshot started
    const seen: string[] = page1.changes.flatMap((c) => (c.type === 'task_assigned' ? [c.task.id] : []));
    let next = page1.nextPage;
    while (next !== null) {
      const page = snapshotResponseSchema.parse((await alice.get(`/v1/snapshot?limit=2&page=${encodeURIComponent(next)}`)).body);
      expect(page.cursor).toBe(page1.cursor);
      seen.push(...page.changes.flatMap((c) => (c.type === 'task_assigned' ? [c.task.id] : [])));
      next = page.nextPage;
    }
    const tail = await pullAll(alice, page1.cursor, 50);
    const fromFeed = tail.changes.flatMap((c) => (c.type === 'task_assigned' ? [c.task.id] : []));
    expect(new Set([...seen, ...fromFeed])).toEqual(new Set(['t0001', 't0002', 't0003', 't0004', 't0005', 't0006']));
    expect(fromFeed).toContain('t0006');
  });

  it('renews a lease past half its length at a sync, with a lease_extended change; never on every sync', async () => {
    const { store, alice } = await setup();
    await store.assign({ user: 'alice', count: 1 });
    const first = await pullAll(alice, null, 50);
    const assigned = first.changes[0];
    if (assigned?.type !== 'task_assigned' || assigned.task.lease === null) throw new Error('expected an assigned task');
    expect(Date.parse(assigned.task.lease.expiresAt) - p.clock.now).toBe(14 * DAY_MS);

    p.clock.advance(DAY_MS);
    expect((await pullAll(alice, first.cursor, 50)).changes).toEqual([]);

    // Twenty days offline: the lease ran out, nobody took the task, the next sync renews it.
    p.clock.advance(20 * DAY_MS);
    const back = await pullAll(alice, first.cursor, 50);
    expect(back.changes).toEqual([
      { type: 'lease_extended', at: new Date(p.clock.now).toISOString(), taskId: 't0001', lease: { holder: 'alice', expiresAt: new Date(p.clock.now + 14 * DAY_MS).toISOString() } },
    ]);
    expect((await pullAll(alice, back.cursor, 50)).changes).toEqual([]);
  });

  it('sends task_updated to the holder when an import changes a task', async () => {
    const { store, alice } = await setup();
    await store.assign({ user: 'alice', taskId: 't0001' });
    const first = await pullAll(alice, null, 50);
    const changed = makeTasks(1).map((t) => ({ ...t, title: 'Problem 0001 (corrected)' }));
    const summary = await store.importTasks({ project: 'math', fileName: 'fix.jsonl', text: toJsonl(changed) });
    expect(summary).toMatchObject({ created: 0, updated: 1 });
    const next = await pullAll(alice, first.cursor, 50);
    expect(next.changes).toHaveLength(1);
    expect(next.changes[0]).toMatchObject({ type: 'task_updated', task: { id: 't0001', version: 2, title: 'Problem 0001 (corrected)' } });
  });
});

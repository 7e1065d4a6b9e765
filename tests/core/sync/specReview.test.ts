import { describe, expect, it } from 'vitest';
import { createPlatformClient } from '../../../electron/core/sync/platformClient';
import { pull } from '../../../electron/core/sync/pull';
import type { TestCore } from '../../support/testCore';
import {
  reasoningAnnotationOf,
  serverDraft,
  serverSubmissions,
  startSyncClient,
  tempDir,
  withLocalStore,
  withLocalStoreAsync,
  type SyncPlatform,
  useSyncPlatform,
} from '../../support/sync/syncHarness';

let platform: SyncPlatform;
let seq = 0;
const { cores, dirs } = useSyncPlatform((started) => (platform = started));

const seed = async (count = 2) => {
  seq += 1;
  const name = `sexpert${seq}`;
  return { name, project: `s${seq}`, ...await platform.seedExpert(name, `s${seq}`, count) };
};

/** A fresh expert with `count` tasks, and a signed-in client that has pulled them. */
const setup = async (count = 2, options: Parameters<typeof startSyncClient>[1] = {}) => {
  const expert = await seed(count);
  const dir = tempDir();
  dirs.push(dir);
  const core = startSyncClient(dir, options);
  cores.push(core);
  await core.call('signIn', { platformUrl: platform.proxy.url, token: expert.token });
  expect(await core.call('syncNow')).toMatchObject({ state: 'online', pending: 0, lastError: null });
  return { ...expert, core, dir };
};

const closeCore = (core: TestCore): void => {
  core.close();
  cores.splice(cores.indexOf(core), 1);
};

const edit = (core: TestCore, taskId: string, answer: string) =>
  core.call('saveDraft', { taskId, annotation: reasoningAnnotationOf(answer), activeSeconds: 5 });

const mutationsBy = async (userName: string): Promise<number> =>
  Number((await platform.server.store.db.query<{ n: number }>('SELECT count(*) AS n FROM mutations WHERE user_id = (SELECT id FROM users WHERE name = ?)', [userName]))[0]?.n ?? 0);

describe('account switch', () => {
  it('holds the previous user’s pending work instead of pushing it under the new account', async () => {
    const alice = await setup(1);
    const bob = await seed(1);
    const t1 = alice.taskIds[0] ?? '';
    await alice.core.call('setWorkOffline', { offline: true });
    await edit(alice.core, t1, 'alice 1');
    await alice.core.call('submitTask', { taskId: t1 });
    await alice.core.call('signOut');
    await alice.core.call('setWorkOffline', { offline: false });

    await alice.core.call('signIn', { platformUrl: platform.proxy.url, token: bob.token });
    const status = await alice.core.call('syncNow');
    expect(status.pending).toBe(0);
    expect(await mutationsBy(bob.name)).toBe(0); // nothing of Alice's went out under Bob's token
    const items = await alice.core.call('listSyncItems');
    expect(items.counts).toMatchObject({ pending: 0, failed: 2 });
    for (const item of items.items) {
      expect(item).toMatchObject({ kind: 'failed', taskId: t1, canRetry: true });
      expect(item.message).toBe(`Made while signed in as ${alice.name}; sign in as them to send it, or retry to send it as ${bob.name}.`);
    }

    // Back as Alice: her work goes out as hers, once, with its own keys.
    await alice.core.call('signIn', { platformUrl: platform.proxy.url, token: alice.token });
    expect(await alice.core.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
    expect((await alice.core.call('listSyncItems')).counts).toMatchObject({ pending: 0, failed: 0 });
    expect(await serverSubmissions(platform.server, [t1])).toHaveLength(1);
    expect((await serverDraft(platform.server, t1))?.revision).toBe(1);
    expect(await mutationsBy(bob.name)).toBe(0);
  });

  it('a retry from the sync panel sends held work deliberately as the new user', async () => {
    const alice = await setup(1);
    const bob = await seed(1);
    const t1 = alice.taskIds[0] ?? '';
    await alice.core.call('setWorkOffline', { offline: true });
    await edit(alice.core, t1, 'alice');
    await alice.core.call('setWorkOffline', { offline: false });
    await alice.core.call('signIn', { platformUrl: platform.proxy.url, token: bob.token });
    await alice.core.call('syncNow');
    expect(await mutationsBy(bob.name)).toBe(0);
    const held = (await alice.core.call('listSyncItems')).items.find((i) => i.kind === 'failed');
    await alice.core.call('retrySyncItem', { id: held?.id ?? '' });
    await alice.core.call('syncNow');
    expect(await mutationsBy(bob.name)).toBe(1); // sent as Bob on purpose (and refused: the task is not his)
    // Retried: signing in as Alice again does not send the same work twice.
    await alice.core.call('signIn', { platformUrl: platform.proxy.url, token: alice.token });
    await alice.core.call('syncNow');
    expect(await mutationsBy(alice.name)).toBe(0);
  });

  it('signing in again as the same person sends the pending work as usual', async () => {
    const alice = await setup(1);
    const t1 = alice.taskIds[0] ?? '';
    await alice.core.call('setWorkOffline', { offline: true });
    await edit(alice.core, t1, 'same');
    await alice.core.call('signOut');
    await alice.core.call('setWorkOffline', { offline: false });
    await alice.core.call('signIn', { platformUrl: platform.proxy.url, token: alice.token });
    expect(await alice.core.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
    expect((await serverDraft(platform.server, t1))?.revision).toBe(1);
    closeCore(alice.core);
    withLocalStore(alice.dir, (store) => expect(store.sync.get('heldOutbox')).toBeNull());
  });
});

describe('a platform task with the id of a local task', () => {
  it('is set aside in quarantine; the imported task and its work are untouched', async () => {
    const { core, name, project } = await setup(1);
    const id = `${project}-clash`;
    const local = { id, project: 'mine', title: 'My local copy', payload: { kind: 'reasoning', problem: 'local problem', modelSteps: [{ id: 's1', content: 'c' }] } };
    await core.call('importTasks', { fileName: 'local.jsonl', text: JSON.stringify(local) + '\n' });
    await edit(core, id, 'local work');
    // The local draft cannot be pushed (the platform never assigned it): it fails before the assignment exists.
    await core.call('syncNow');

    const remote = { ...local, project, title: 'The platform task', payload: { ...local.payload, problem: 'remote problem' } };
    await platform.server.store.importTasks({ project, fileName: 'clash.jsonl', text: JSON.stringify(remote) + '\n' });
    await platform.server.store.assign({ user: name, taskId: id });
    const status = await core.call('syncNow');
    expect(status.lastError).not.toBeNull();

    const listed = (await core.call('listTasks', {})).tasks.find((t) => t.id === id);
    expect(listed).toMatchObject({ title: 'My local copy', source: 'import', project: 'mine' });
    const opened = await core.call('openTask', { id });
    expect(opened.task.payload).toMatchObject({ problem: 'local problem' });
    expect(opened.task.lease).toBeNull();
    expect(opened.draft?.annotation).toMatchObject({ finalAnswer: 'local work' });
    const q = (await core.call('listSyncItems')).items.find((i) => i.kind === 'quarantined');
    expect(q).toMatchObject({ taskId: id, what: 'task' });
    expect(q?.message).toMatch(/a task with that id was imported on this computer/);
    expect(q?.message).toMatch(/set aside/);

    // The next sync does not add it again.
    await core.call('syncNow');
    expect((await core.call('listSyncItems')).counts.quarantined).toBe(1);
  });
});

describe('a task kept after revocation', () => {
  it('is read-only for new edits, says so when opened, and keeps the unsynced work', async () => {
    const { core, taskIds, token, dir } = await setup(2);
    const [t1, t2] = [taskIds[0] ?? '', taskIds[1] ?? ''];
    await core.call('setWorkOffline', { offline: true });
    await edit(core, t1, 'unsynced');
    closeCore(core);
    await platform.server.store.revoke(t1);
    // The revocation arrives while the outbox still holds the work (pull alone, before any push).
    await withLocalStoreAsync(dir, async (store) => {
      const outcome = await pull({ store, client: createPlatformClient({ baseUrl: platform.proxy.url, token }) });
      expect(outcome.keptRevoked).toBe(1);
    });

    const again = startSyncClient(dir);
    cores.push(again);
    const opened = await again.call('openTask', { id: t1 });
    expect(opened.revoked).toBe(true);
    expect(opened.draft?.annotation).toMatchObject({ finalAnswer: 'unsynced' });
    expect((await again.call('openTask', { id: t2 })).revoked).toBe(false);
    await expect(edit(again, t1, 'more')).rejects.toThrow(/read_only The lab withdrew this task.*unsynced work on it is kept/);
    await expect(again.call('submitTask', { taskId: t1 })).rejects.toThrow(/read_only The lab withdrew this task/);
    await edit(again, t2, 'still editable');
    expect((await again.call('getSyncStatus')).pending).toBe(2); // the kept work and the new edit of t2
  });
});

describe('a stored sync position the server refuses with 400', () => {
  const prepare = async () => {
    const { core, taskIds, token, dir, name, project } = await setup(2);
    const t1 = taskIds[0] ?? '';
    await core.call('setWorkOffline', { offline: true });
    await edit(core, t1, 'kept 1');
    await edit(core, t1, 'kept 2');
    await core.call('submitTask', { taskId: t1 });
    closeCore(core);
    // Something new on the server, so the fresh snapshot has something to bring.
    await platform.server.store.importTasks({ project, fileName: 'more.jsonl', text: JSON.stringify({ id: `${project}-new`, project, title: 'New', payload: { kind: 'reasoning', problem: 'p', modelSteps: [{ id: 's1', content: 'c' }] } }) + '\n' });
    await platform.server.store.assign({ user: name, taskId: `${project}-new` });
    return { t1, token, dir, project };
  };

  const pullKeepsWork = async (dir: string, token: string, t1: string, project: string, path: string) =>
    withLocalStoreAsync(dir, async (store) => {
      const pendingBefore = store.outbox.pending().map((e) => e.idempotencyKey);
      const revisionsBefore = store.drafts.revisions(t1);
      const before = platform.proxy.log.length;
      const outcome = await pull({ store, client: createPlatformClient({ baseUrl: platform.proxy.url, token }), pageSize: 1 });
      const log = platform.proxy.log.slice(before);
      expect(log.some((r) => r.path.startsWith(path) && r.upstreamStatus === 400)).toBe(true);
      expect(log.filter((r) => r.upstreamStatus === 400)).toHaveLength(1);
      expect(store.outbox.pending().map((e) => e.idempotencyKey)).toEqual(pendingBefore);
      expect(store.drafts.revisions(t1)).toEqual(revisionsBefore);
      expect(store.taskState.statusOf(t1)).toBe('submitted');
      expect(await store.tasks.get(`${project}-new`)).not.toBeNull();
      expect(store.sync.get('snapshot')).toBeNull();
      expect(store.sync.get('cursor')).not.toBeNull();
      return outcome;
    });

  it('a refused cursor (detail "cursor") takes a fresh snapshot instead of retrying forever', async () => {
    const { t1, token, dir, project } = await prepare();
    withLocalStore(dir, (store) => store.transaction(() => store.sync.set('cursor', 'bm90LWEtY3Vyc29y')));
    const outcome = await pullKeepsWork(dir, token, t1, project, '/v1/changes');
    expect(outcome.snapshots).toBe(1);
    withLocalStore(dir, (store) => expect(store.sync.get('cursor')).not.toBe('bm90LWEtY3Vyc29y'));
  });

  it('a refused snapshot page token (detail "page") starts the snapshot over', async () => {
    const { t1, token, dir, project } = await prepare();
    withLocalStore(dir, (store) => store.transaction(() => store.sync.set('snapshot', { cursor: null, nextPage: 'bm90LWEtcGFnZQ' })));
    const outcome = await pullKeepsWork(dir, token, t1, project, '/v1/snapshot');
    expect(outcome.snapshots).toBe(1);
  });

  it('the engine recovers on its own: the next sync succeeds and the work lands', async () => {
    const { t1, dir } = await prepare();
    withLocalStore(dir, (store) => store.transaction(() => store.sync.set('snapshot', { cursor: null, nextPage: 'bm90LWEtcGFnZQ' })));
    const again = startSyncClient(dir);
    cores.push(again);
    await again.call('setWorkOffline', { offline: false });
    expect(await again.call('syncNow')).toMatchObject({ state: 'online', pending: 0, lastError: null });
    expect(await serverSubmissions(platform.server, [t1])).toHaveLength(1);
  });
});

describe('the platform’s limits from /v1/me', () => {
  it('are stored at sign-in and bound every push batch and every page', async () => {
    const expert = await seed(5);
    const dir = tempDir();
    dirs.push(dir);
    const core = startSyncClient(dir);
    cores.push(core);
    platform.proxy.enqueueFor('/v1/me', {
      kind: 'rewrite',
      transform: (body) => {
        const me = JSON.parse(body) as { limits: Record<string, number> };
        me.limits.maxPageSize = 2;
        me.limits.maxMutationsPerPush = 3;
        return JSON.stringify(me);
      },
    });
    await core.call('signIn', { platformUrl: platform.proxy.url, token: expert.token });
    let before = platform.proxy.log.length;
    expect(await core.call('syncNow')).toMatchObject({ state: 'online', lastError: null });
    expect((await core.call('listTasks', {})).total).toBe(5);
    const reads = platform.proxy.log.slice(before).filter((r) => /^\/v1\/(snapshot|changes)/.test(r.path));
    expect(reads.length).toBeGreaterThanOrEqual(3); // 5 tasks, 2 per page
    for (const r of reads) expect(new URL(r.path, 'http://x').searchParams.get('limit')).toBe('2');

    for (const id of expert.taskIds) await edit(core, id, `answer ${id}`);
    await core.call('submitTask', { taskId: expert.taskIds[0] ?? '' });
    await core.call('submitTask', { taskId: expert.taskIds[1] ?? '' });
    before = platform.proxy.log.length;
    expect(await core.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
    const pushes = platform.proxy.log.slice(before).filter((r) => r.path.startsWith('/v1/mutations'));
    expect(pushes).toHaveLength(3); // 7 mutations, at most 3 per push
    expect(await serverSubmissions(platform.server, expert.taskIds)).toHaveLength(2);
    closeCore(core);
    withLocalStore(dir, (store) => expect(store.sync.get('limits')).toEqual({ maxPageSize: 2, maxMutationsPerPush: 3 }));
  });
});

import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformClient } from '../../../electron/core/sync/platformClient';
import { pull } from '../../../electron/core/sync/pull';
import type { TestCore } from '../../support/testCore';
import {
  DAY_MS,
  reasoningAnnotationOf,
  reasoningTasks,
  serverSubmissions,
  startSyncClient,
  startSyncPlatform,
  tempDir,
  toJsonl,
  withLocalStore,
  withLocalStoreAsync,
  type SyncPlatform,
} from '../../support/sync/syncHarness';

let platform: SyncPlatform;
let seq = 0;
const cores: TestCore[] = [];
const dirs: string[] = [];
const extraPlatforms: SyncPlatform[] = [];

beforeAll(async () => {
  platform = await startSyncPlatform();
});
afterAll(() => platform.close());
afterEach(async () => {
  for (const core of cores.splice(0)) core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const p of extraPlatforms.splice(0)) await p.close();
  platform.proxy.clear();
});

const setup = async (count = 3, on: SyncPlatform = platform) => {
  seq += 1;
  const name = `rexpert${seq}`;
  const { token, taskIds } = await on.seedExpert(name, `r${seq}`, count);
  const dir = tempDir();
  dirs.push(dir);
  const core = startSyncClient(dir);
  cores.push(core);
  await core.call('signIn', { platformUrl: on.proxy.url, token });
  expect(await core.call('syncNow')).toMatchObject({ state: 'online', lastError: null });
  return { name, token, taskIds, core, dir, project: `r${seq}` };
};

const edit = (core: TestCore, taskId: string, answer: string) =>
  core.call('saveDraft', { taskId, annotation: reasoningAnnotationOf(answer), activeSeconds: 5 });

const hasTask = async (core: TestCore, id: string): Promise<boolean> => (await core.call('listTasks', {})).tasks.some((t) => t.id === id);

describe('lease lost while offline', () => {
  it('keeps the work quarantined and visible, never discarded; a retry lands once the task is given back', async () => {
    const { core, taskIds, name, dir } = await setup(2);
    const t1 = taskIds[0] ?? '';
    await platform.server.store.addUser(`${name}-other`, 'expert');
    await core.call('setWorkOffline', { offline: true });
    await edit(core, t1, 'hour one');
    await edit(core, t1, 'hour two');
    await core.call('submitTask', { taskId: t1 });
    // Meanwhile the admin gives the task to someone else.
    await platform.server.store.assign({ user: `${name}-other`, taskId: t1, force: true });

    await core.call('setWorkOffline', { offline: false });
    const status = await core.call('syncNow');
    expect(status.pending).toBe(0);
    expect(status.lastError).toMatch(/not accepted/);
    expect(await serverSubmissions(platform.server, [t1])).toHaveLength(0);
    expect((await platform.server.store.quarantine()).filter((q) => q.taskId === t1 && q.user === name).length).toBeGreaterThan(0);

    const items = await core.call('listSyncItems');
    const q = items.items.find((i) => i.kind === 'quarantined' && i.taskId === t1);
    expect(q?.message).toMatch(/reassigned/);
    // The task stays, with the draft, although the platform revoked it (reassigned): it holds unsynced work.
    expect(await hasTask(core, t1)).toBe(true);
    expect((await core.call('openTask', { id: t1 })).draft?.annotation).toMatchObject({ finalAnswer: 'hour two' });

    // The admin gives it back; the expert retries from the sync panel.
    await platform.server.store.assign({ user: name, taskId: t1, force: true });
    await core.call('syncNow');
    await core.call('retrySyncItem', { id: q?.id ?? '' });
    const after = await core.call('syncNow');
    expect(after).toMatchObject({ pending: 0, lastError: null });
    const subs = await serverSubmissions(platform.server, [t1]);
    expect(subs).toHaveLength(1);
    expect(JSON.parse(subs[0]?.annotation_json ?? '{}')).toMatchObject({ finalAnswer: 'hour two' });
    core.close();
    cores.splice(cores.indexOf(core), 1);
    withLocalStore(dir, (store) => {
      expect(store.drafts.revisions(t1).map((r) => r.revision)).toEqual([1, 2]);
      expect(store.sync.flagsOf(t1)?.revokedReason).toBeNull();
    });
  });
});

describe('revocation', () => {
  it('purges a revoked task that holds no unsynced work', async () => {
    const { core, taskIds } = await setup(2);
    const [t1, t2] = [taskIds[0] ?? '', taskIds[1] ?? ''];
    await edit(core, t1, 'synced');
    await core.call('syncNow');
    await platform.server.store.revoke(t1);
    await platform.server.store.revoke(t2);
    await core.call('syncNow');
    expect(await hasTask(core, t1)).toBe(false);
    expect(await hasTask(core, t2)).toBe(false);
    expect(core.seen.some((e) => e.type === 'tasksChanged' && e.taskIds.includes(t1))).toBe(true);
  });

  it('keeps a revoked task with unsynced work, marked revoked, with every revision', async () => {
    const { core, taskIds, token, dir } = await setup(2);
    const t1 = taskIds[0] ?? '';
    await core.call('setWorkOffline', { offline: true });
    await edit(core, t1, 'unsynced 1');
    await edit(core, t1, 'unsynced 2');
    core.close();
    cores.splice(cores.indexOf(core), 1);
    await platform.server.store.revoke(t1);
    // Pull alone (as if the push had not happened yet): the revocation arrives while the outbox holds work.
    await withLocalStoreAsync(dir, async (store) => {
      const client = createPlatformClient({ baseUrl: platform.proxy.url, token });
      const outcome = await pull({ store, client });
      expect(outcome).toMatchObject({ keptRevoked: 1, purged: 0 });
      expect(await store.tasks.get(t1)).not.toBeNull();
      expect(store.sync.flagsOf(t1)).toMatchObject({ revokedReason: 'revoked' });
      expect(store.drafts.revisions(t1)).toHaveLength(2);
      expect(store.outbox.pendingCount()).toBe(2);
    });
  });
});

describe('expired cursor', () => {
  it('takes a full re-snapshot that keeps every draft and outbox entry', async () => {
    const short = await startSyncPlatform({ cursorRetention: DAY_MS });
    extraPlatforms.push(short);
    const { core, taskIds, token, dir, name, project } = await setup(3, short);
    const [t1, t2] = [taskIds[0] ?? '', taskIds[1] ?? ''];
    await core.call('setWorkOffline', { offline: true });
    await edit(core, t1, 'kept 1');
    await edit(core, t1, 'kept 2');
    await core.call('submitTask', { taskId: t1 });
    core.close();
    cores.splice(cores.indexOf(core), 1);

    // Weeks pass on the server: a task is corrected, another assigned, one revoked, and old history is pruned.
    short.clock.advance(2 * DAY_MS);
    const corrected = reasoningTasks(project, 2).map((t) => (t.id === t2 ? { ...t, title: 'Corrected title' } : t));
    await short.server.store.importTasks({ project, fileName: 'fix.jsonl', text: toJsonl(corrected) });
    await short.server.store.importTasks({ project, fileName: 'more.jsonl', text: toJsonl([{ ...reasoningTasks(project, 4)[3]!, id: `${project}-new` }]) });
    await short.server.store.assign({ user: name, taskId: `${project}-new` });
    await short.server.store.revoke(taskIds[2] ?? '');
    short.clock.advance(2 * DAY_MS);
    await short.server.store.addUser(`${name}-x`, 'expert');
    await short.server.store.importTasks({ project: `${project}-x`, fileName: 'x.jsonl', text: toJsonl(reasoningTasks(`${project}-x`, 1)) });
    await short.server.store.assign({ user: `${name}-x`, count: 1, project: `${project}-x` });

    await withLocalStoreAsync(dir, async (store) => {
      const pendingBefore = store.outbox.pending().map((e) => e.idempotencyKey);
      const revisionsBefore = store.drafts.revisions(t1);
      const client = createPlatformClient({ baseUrl: short.proxy.url, token });
      const outcome = await pull({ store, client });
      expect(outcome.snapshots).toBe(1);
      expect(short.proxy.log.some((r) => r.path.startsWith('/v1/changes') && r.upstreamStatus === 410)).toBe(true);
      expect(store.outbox.pending().map((e) => e.idempotencyKey)).toEqual(pendingBefore);
      expect(store.drafts.revisions(t1)).toEqual(revisionsBefore);
      expect(store.taskState.statusOf(t1)).toBe('submitted');
      expect((await store.tasks.get(t2))?.title).toBe('Corrected title');
      expect(await store.tasks.get(`${project}-new`)).not.toBeNull();
      expect(await store.tasks.get(taskIds[2] ?? '')).toBeNull();
      expect(store.sync.get('snapshot')).toBeNull();
    });

    const again = startSyncClient(dir);
    cores.push(again);
    expect((await again.call('getSyncAccount')).workOffline).toBe(true); // the switch survives a restart
    await again.call('setWorkOffline', { offline: false });
    expect(await again.call('syncNow')).toMatchObject({ state: 'online', pending: 0, lastError: null });
    expect(await serverSubmissions(short.server, [t1])).toHaveLength(1);
  });
});

describe('a server answering garbage', () => {
  it('malformed JSON fails the sync with a clear error, applies nothing, and the next sync recovers', async () => {
    const { core, name, project } = await setup(1);
    await platform.server.store.importTasks({ project, fileName: 'more.jsonl', text: toJsonl(reasoningTasks(project, 3)) });
    await platform.server.store.assign({ user: name, project, count: 2 });
    platform.proxy.enqueueFor('/v1/changes', { kind: 'rewrite', transform: (body) => body.slice(0, 40) + '}{not json' });
    const failed = await core.call('syncNow');
    expect(failed.lastError).toMatch(/malformed JSON/);
    expect((await core.call('listTasks', {})).total).toBe(1);
    const ok = await core.call('syncNow');
    expect(ok).toMatchObject({ state: 'online', lastError: null });
    expect((await core.call('listTasks', {})).total).toBe(3);
  });

  it('a task payload that fails the schema is quarantined with a clear error, and the rest of the page applies', async () => {
    const { core, name, project } = await setup(1);
    await platform.server.store.importTasks({ project, fileName: 'more.jsonl', text: toJsonl(reasoningTasks(project, 4)) });
    await platform.server.store.assign({ user: name, project, count: 3 });
    const bad = `${project}-3`;
    platform.proxy.enqueueFor('/v1/changes', {
      kind: 'rewrite',
      transform: (body) => {
        const page = JSON.parse(body) as { changes: { type: string; task?: { id: string; payload: Record<string, unknown> } }[] };
        for (const c of page.changes) if (c.task?.id === bad) c.task.payload.modelSteps = 'not a list of steps';
        return JSON.stringify(page);
      },
    });
    const status = await core.call('syncNow');
    expect(status.lastError).toMatch(/could not be read/);
    const ids = (await core.call('listTasks', {})).tasks.map((t) => t.id);
    expect(ids).toContain(`${project}-2`);
    expect(ids).toContain(`${project}-4`);
    expect(ids).not.toContain(bad);
    const items = await core.call('listSyncItems');
    const q = items.items.find((i) => i.kind === 'quarantined');
    expect(q).toMatchObject({ taskId: bad, what: 'task' });
    expect(q?.message).toContain(`"${bad}"`);
    expect(q?.message).toMatch(/modelSteps/);

    // Retry asks for everything again; the clean copy arrives and the quarantine is resolved.
    await core.call('retrySyncItem', { id: q?.id ?? '' });
    expect(await core.call('syncNow')).toMatchObject({ lastError: null });
    expect(await hasTask(core, bad)).toBe(true);
    expect((await core.call('listSyncItems')).counts.quarantined).toBe(0);
  });
});

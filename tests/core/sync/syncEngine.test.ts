import { describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/testCore';
import {
  reasoningAnnotationOf,
  serverDraft,
  serverSubmissions,
  startSyncClient,
  tempDir,
  type SyncPlatform,
  useSyncPlatform,
} from '../../support/sync/syncHarness';

let platform: SyncPlatform;
let seq = 0;
const { cores, dirs } = useSyncPlatform((started) => (platform = started));

/** A fresh expert with `count` tasks, and a signed-in client that has pulled them. */
const setup = async (count = 3, options: Parameters<typeof startSyncClient>[1] = {}) => {
  seq += 1;
  const name = `expert${seq}`;
  const { token, taskIds } = await platform.seedExpert(name, `p${seq}`, count);
  const dir = tempDir();
  dirs.push(dir);
  const core = startSyncClient(dir, options);
  cores.push(core);
  await core.call('signIn', { platformUrl: platform.proxy.url, token });
  const status = await core.call('syncNow');
  expect(status).toMatchObject({ state: 'online', pending: 0, lastError: null });
  return { name, token, taskIds, core, dir };
};

const edit = (core: TestCore, taskId: string, answer: string) =>
  core.call('saveDraft', { taskId, annotation: reasoningAnnotationOf(answer), activeSeconds: 5 });

describe('sync engine against a real platform server', () => {
  it('signs in, pulls the assigned tasks, pushes drafts and a submission that lands once', async () => {
    const { core, taskIds } = await setup(3);
    const t1 = taskIds[0] ?? '';
    const listed = await core.call('listTasks', {});
    expect(listed.tasks.map((t) => t.id).sort()).toEqual([...taskIds].sort());
    expect(listed.tasks.every((t) => t.source === 'platform')).toBe(true);

    const account = await core.call('getSyncAccount');
    expect(account.account).toMatchObject({ platformUrl: platform.proxy.url, role: 'expert' });
    expect(JSON.stringify(account)).not.toMatch(/assay_/); // the token never leaves the core

    await edit(core, t1, 'a');
    await edit(core, t1, 'b');
    await edit(core, t1, 'c');
    await core.call('submitTask', { taskId: t1 });
    expect((await core.call('getSyncStatus')).pending).toBe(4);
    const before = platform.proxy.log.length;
    const status = await core.call('syncNow');
    expect(status).toMatchObject({ state: 'online', pending: 0, lastError: null });
    // The three saves were coalesced into the last one: one push carries it and the submit.
    const pushes = platform.proxy.log.slice(before).filter((r) => r.path.startsWith('/v1/mutations'));
    expect(pushes).toHaveLength(1);
    const subs = await serverSubmissions(platform.server, [t1]);
    expect(subs).toHaveLength(1);
    expect(JSON.parse(subs[0]?.annotation_json ?? '{}')).toMatchObject({ finalAnswer: 'c' });
    expect((await serverDraft(platform.server, t1))?.revision).toBe(3);
    expect(core.seen.some((e) => e.type === 'syncStatus' && e.status.state === 'syncing')).toBe(true);
  });

  it('works offline: no request leaves, changes wait, and land when back online', async () => {
    const { core, taskIds } = await setup(2);
    const t1 = taskIds[0] ?? '';
    expect((await core.call('setWorkOffline', { offline: true })).state).toBe('offline');
    const before = platform.proxy.log.length;
    await edit(core, t1, 'offline');
    await core.call('submitTask', { taskId: t1 });
    expect(await core.call('syncNow')).toMatchObject({ state: 'offline', pending: 2 });
    expect(platform.proxy.log.length).toBe(before);
    await core.call('setWorkOffline', { offline: false });
    expect(await core.call('syncNow')).toMatchObject({ state: 'online', pending: 0 });
    expect(await serverSubmissions(platform.server, [t1])).toHaveLength(1);
  });

  it.each([
    ['drop_before', { kind: 'drop_before' as const }],
    ['drop_after (committed, answer lost)', { kind: 'drop_after' as const }],
    ['500', { kind: 'status' as const, status: 500 }],
    ['503 with Retry-After', { kind: 'status' as const, status: 503, headers: { 'retry-after': '1' } }],
    ['truncated body', { kind: 'truncate' as const }],
    ['stall after the server committed', { kind: 'stall' as const, afterForward: true }],
  ])('a push that fails with %s is retried and lands exactly once', async (_label, fault) => {
    const { core, taskIds } = await setup(1, { timeout: { ms: 300 } });
    const t1 = taskIds[0] ?? '';
    await edit(core, t1, 'x');
    await core.call('submitTask', { taskId: t1 });
    platform.proxy.enqueueFor('/v1/mutations', fault);
    const failed = await core.call('syncNow');
    expect(failed.pending).toBe(2);
    expect(failed.lastError).not.toBeNull();
    const recovered = await core.call('syncNow');
    expect(recovered).toMatchObject({ state: 'online', pending: 0, lastError: null });
    expect(await serverSubmissions(platform.server, [t1])).toHaveLength(1);
    const items = await core.call('listSyncItems');
    expect(items.counts).toEqual({ pending: 0, failed: 0, quarantined: 0 });
  });

  it('a permanent rejection marks the change failed with the server’s message and keeps the draft editable', async () => {
    const { core } = await setup(1);
    // A task this computer has but the platform never assigned: the platform answers not_found.
    await core.call('importTasks', {
      fileName: 'local.jsonl',
      text: JSON.stringify({ id: `local-${seq}`, project: 'mine', title: 'Local', payload: { kind: 'reasoning', problem: 'p', modelSteps: [{ id: 's1', content: 'c' }] } }) + '\n',
    });
    await edit(core, `local-${seq}`, 'mine');
    await core.call('submitTask', { taskId: `local-${seq}` });
    const status = await core.call('syncNow');
    expect(status.pending).toBe(0);
    expect(status.lastError).toMatch(/not accepted/);
    const items = await core.call('listSyncItems');
    expect(items.counts.failed).toBe(2);
    expect(items.items.find((i) => i.what === 'submit')?.message).toMatch(/not assigned to you/);
    const opened = await core.call('openTask', { id: `local-${seq}` });
    expect(opened.status).toBe('in_progress');
    await edit(core, `local-${seq}`, 'fixed'); // still editable
  });

  it('a revoked token stops the loop with a sign-in message, keeping every change', async () => {
    const { core, taskIds, name } = await setup(1);
    await platform.server.store.db.query("UPDATE tokens SET revoked_at = '2030-01-01T00:00:00Z' WHERE user_id = (SELECT id FROM users WHERE name = ?)", [name]);
    await edit(core, taskIds[0] ?? '', 'kept');
    const status = await core.call('syncNow');
    expect(status).toMatchObject({ state: 'offline', pending: 1 });
    expect(status.lastError).toMatch(/sign in again/);
  });
});

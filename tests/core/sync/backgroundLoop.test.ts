import { describe, expect, it } from 'vitest';
import type { SyncClock } from '../../../electron/core/sync/syncEngine';
import { startTestCore } from '../../support/testCore';
import { proxiedClientFactory, reasoningAnnotationOf, serverSubmissions, tempDir, type SyncPlatform, useSyncPlatform } from '../../support/sync/syncHarness';

/** A clock whose timers fire only when the test says so. */
const manualClock = () => {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: SyncClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      nextId += 1;
      timers.set(nextId, { at: now + ms, fn });
      return nextId;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
  };
  return {
    clock,
    /** The delay of the one pending timer, or null. */
    pendingDelay: (): number | null => {
      const next = [...timers.values()].sort((a, b) => a.at - b.at)[0];
      return next ? next.at - now : null;
    },
    /** Moves to the next timer and fires it. */
    fireNext: () => {
      const [id, next] = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !next) throw new Error('no timer pending');
      timers.delete(id);
      now = next.at;
      next.fn();
    },
  };
};

let platform: SyncPlatform;
const { cores, dirs } = useSyncPlatform((started) => (platform = started));

describe('the background loop', () => {
  it('syncs at sign-in, after local changes, backs off with jitter on failures and resets when the network returns', async () => {
    const { token, taskIds } = await platform.seedExpert('loop1', 'loop1', 1);
    const t = manualClock();
    const dir = tempDir();
    dirs.push(dir);
    const core = startTestCore(dir, {
      sync: { createClient: proxiedClientFactory({ ms: 2000 }), clock: t.clock, random: () => 0.5, intervalMs: 60_000, localChangeDelayMs: 2_000 },
    });
    cores.push(core);
    await core.call('signIn', { platformUrl: platform.proxy.url, token });
    await core.sync.idle();
    expect((await core.call('listTasks', {})).total).toBe(1);
    expect(t.pendingDelay()).toBe(60_000); // the next periodic sync

    // A local change brings the next sync forward to 2 s.
    await core.call('saveDraft', { taskId: taskIds[0] ?? '', annotation: reasoningAnnotationOf('x'), activeSeconds: 1 });
    expect(t.pendingDelay()).toBe(2_000);

    // The server is down: 503 three times; the waits grow 500, 1000, 2000 (random 0.5 of 1 s, 2 s, 4 s)...
    platform.proxy.enqueueFor('/v1/mutations', { kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const delays: (number | null)[] = [];
    for (let i = 0; i < 3; i += 1) {
      t.fireNext();
      await core.sync.idle();
      delays.push(t.pendingDelay());
    }
    expect(delays).toEqual([500, 1000, 2000]);
    expect((await core.call('getSyncStatus')).lastError).toMatch(/503/);
    // ...and a local change does not cut a backoff short.
    await core.call('saveDraft', { taskId: taskIds[0] ?? '', annotation: reasoningAnnotationOf('y'), activeSeconds: 2 });
    expect(t.pendingDelay()).toBe(2000);

    // The network comes back: the backoff resets and the queued work lands at once.
    core.sync.setNetworkAvailable(false);
    expect(t.pendingDelay()).toBeNull();
    expect((await core.call('getSyncStatus')).state).toBe('offline');
    core.sync.setNetworkAvailable(true);
    await core.sync.idle();
    expect(await core.call('getSyncStatus')).toMatchObject({ state: 'online', pending: 0, lastError: null });
    expect(t.pendingDelay()).toBe(60_000);
    await core.call('submitTask', { taskId: taskIds[0] ?? '' });
    t.fireNext();
    await core.sync.idle();
    expect(await serverSubmissions(platform.server, taskIds)).toHaveLength(1);
    // Events told the UI about each state on the way.
    const states = core.seen.flatMap((e) => (e.type === 'syncStatus' ? [e.status.state] : []));
    expect(states).toEqual(expect.arrayContaining(['syncing', 'online', 'offline']));
  });
});

import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '@shared/ipc';
import type { PlatformUser } from '@shared/sync';
import type { TestCore } from '../../support/testCore';
import type { Fault } from '../../support/sync/faultProxy';
import {
  reasoningAnnotationOf,
  serverDraft,
  serverSubmissions,
  startSyncClient,
  startSyncPlatform,
  tempDir,
  withLocalStore,
  type SyncPlatform,
} from '../../support/sync/syncHarness';

/**
 * Random sequences of edit, submit, go offline, go online, sync, kill the client (at rest or in the middle of
 * a sync), inject a network fault, and a reviewer returning a submission; then one clean sync. Afterwards
 * every submission made on the client is on the server exactly once, with the annotation it was made with,
 * and no local revision is lost.
 */

const TASKS = 2;
const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 200);

type Action =
  | { t: 'edit'; task: number }
  | { t: 'submit'; task: number }
  | { t: 'offline' }
  | { t: 'online' }
  | { t: 'sync' }
  | { t: 'kill'; midSync: boolean; delayMs: number }
  | { t: 'fault'; path: string; fault: Fault }
  | { t: 'return'; task: number };

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant<Fault>({ kind: 'drop_before' }),
  fc.constant<Fault>({ kind: 'drop_after' }),
  fc.constant<Fault>({ kind: 'status', status: 500 }),
  fc.constant<Fault>({ kind: 'status', status: 503, headers: { 'retry-after': '1' } }),
  fc.constant<Fault>({ kind: 'status', status: 429, headers: { 'retry-after': '2' } }),
  fc.constant<Fault>({ kind: 'stall', afterForward: true }),
  fc.constant<Fault>({ kind: 'stall' }),
  fc.constant<Fault>({ kind: 'truncate' }),
  fc.constant<Fault>({ kind: 'rewrite', transform: (body) => `${body.slice(0, Math.floor(body.length / 3))}<html>` }),
);

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.nat(TASKS - 1).map((task): Action => ({ t: 'edit', task })) },
  { weight: 3, arbitrary: fc.nat(TASKS - 1).map((task): Action => ({ t: 'submit', task })) },
  { weight: 1, arbitrary: fc.constant<Action>({ t: 'offline' }) },
  { weight: 1, arbitrary: fc.constant<Action>({ t: 'online' }) },
  { weight: 4, arbitrary: fc.constant<Action>({ t: 'sync' }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('kill' as const), midSync: fc.boolean(), delayMs: fc.nat(8) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('fault' as const),
      path: fc.constantFrom('/v1/mutations', '/v1/mutations', '/v1/changes', '/v1/snapshot', '/v1/'),
      fault: faultArb,
    }),
  },
  { weight: 2, arbitrary: fc.nat(TASKS - 1).map((task): Action => ({ t: 'return', task })) },
);

let platform: SyncPlatform;
let reviewer: PlatformUser;
let run = 0;
/** What the runs actually exercised, so a vacuous property (faults never hit, no replay) fails loudly. */
const seen = { faultsHit: new Map<string, number>(), duplicates: 0, coalesced: 0, killsMidSync: 0, returned: 0, submissions: 0, resubmissions: 0 };

beforeAll(async () => {
  platform = await startSyncPlatform();
  reviewer = platform.server.store.addUser('prop-reviewer', 'reviewer').user;
});
afterAll(() => platform.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LocalSubmission {
  taskId: string;
  revision: number;
  idempotencyKey: string;
  marker: string;
}

const runScenario = async (actions: readonly Action[]): Promise<void> => {
  run += 1;
  const name = `prop${run}`;
  const { token, taskIds } = platform.seedExpert(name, `pp${run}`, TASKS);
  const dir = tempDir();
  const timeout = { ms: 150 };
  let core: TestCore = startSyncClient(dir, { timeout, pageSize: 2 });
  // Every revision saved, per task, in order: [revision, marker].
  const revisions = new Map<string, [number, string][]>();
  const submissions: LocalSubmission[] = [];
  let markerSeq = 0;
  try {
    await core.call('signIn', { platformUrl: platform.proxy.url, token });
    // The assigned tasks arrive first (a patient timeout: this is setup, not a fault).
    timeout.ms = 10_000;
    expect(await core.call('syncNow')).toMatchObject({ state: 'online', lastError: null });
    timeout.ms = 150;
    for (const action of actions) {
      switch (action.t) {
        case 'edit': {
          const taskId = taskIds[action.task] ?? '';
          const marker = `${run}.${++markerSeq}`;
          const result = await dispatch(core.handlers, 'saveDraft', { taskId, annotation: reasoningAnnotationOf(marker), activeSeconds: markerSeq });
          if (result.ok) {
            const draft = result.value as { revision: number };
            const list = revisions.get(taskId) ?? [];
            list.push([draft.revision, marker]);
            revisions.set(taskId, list);
          } else {
            // Only a task handed in (and not yet returned) refuses an edit; a missing task would be a lost task.
            expect(result.error.code).toBe('read_only');
          }
          break;
        }
        case 'submit': {
          const taskId = taskIds[action.task] ?? '';
          const result = await dispatch(core.handlers, 'submitTask', { taskId });
          if (result.ok) {
            const sub = result.value as { revision: number; idempotencyKey: string };
            const marker = revisions.get(taskId)?.at(-1)?.[1] ?? '';
            submissions.push({ taskId, revision: sub.revision, idempotencyKey: sub.idempotencyKey, marker });
          } else {
            expect(['read_only', 'conflict']).toContain(result.error.code);
          }
          break;
        }
        case 'offline':
          await core.call('setWorkOffline', { offline: true });
          break;
        case 'online':
          await core.call('setWorkOffline', { offline: false });
          break;
        case 'sync':
          await core.call('syncNow');
          break;
        case 'fault':
          platform.proxy.enqueueFor(action.path, action.fault);
          break;
        case 'kill': {
          if (action.midSync) {
            seen.killsMidSync += 1;
            const inFlight = dispatch(core.handlers, 'syncNow', {});
            await sleep(action.delayMs);
            core.close();
            await inFlight;
          } else {
            core.close();
          }
          core = startSyncClient(dir, { timeout, pageSize: 2 });
          break;
        }
        case 'return': {
          const taskId = taskIds[action.task] ?? '';
          const row = platform.server.store.db
            .prepare<[string], { last_submission_id: string }>("SELECT last_submission_id FROM assignments WHERE task_id = ? AND state = 'submitted' AND ended_at IS NULL")
            .get(taskId);
          if (row) seen.returned += 1;
          if (row) platform.server.store.reviews.post(reviewer, { submissionId: row.last_submission_id, verdict: 'returned', comments: [{ anchor: 'finalAnswer', body: 'Check again.' }] });
          break;
        }
      }
    }

    // A final clean sync: no faults, online, a patient timeout.
    platform.proxy.clear();
    for (const r of platform.proxy.log.splice(0)) if (r.fault !== 'pass') seen.faultsHit.set(`${r.fault} ${r.path.split('?')[0]}`, (seen.faultsHit.get(`${r.fault} ${r.path.split('?')[0]}`) ?? 0) + 1);
    timeout.ms = 10_000;
    await core.call('setWorkOffline', { offline: false });
    const final = await core.call('syncNow');
    expect(final).toMatchObject({ state: 'online', pending: 0, lastError: null });
    const items = await core.call('listSyncItems');
    expect(items.counts).toEqual({ pending: 0, failed: 0, quarantined: 0 });

    // Every submission made on the client is on the server exactly once, as it was made.
    const onServer = serverSubmissions(platform.server, taskIds);
    expect(onServer).toHaveLength(submissions.length);
    for (const sub of submissions) {
      const matches = onServer.filter((s) => s.idempotency_key === sub.idempotencyKey);
      expect(matches).toHaveLength(1);
      expect(matches[0]?.task_id).toBe(sub.taskId);
      expect(matches[0]?.revision).toBe(sub.revision);
      expect(JSON.parse(matches[0]?.annotation_json ?? '{}')).toMatchObject({ finalAnswer: sub.marker });
    }
    // The server holds each task's latest draft.
    for (const [taskId, list] of revisions) {
      const last = list.at(-1);
      expect(serverDraft(platform.server, taskId)?.revision).toBe(last?.[0]);
    }
  } finally {
    core.close();
  }

  // No local revision is lost, across every kill.
  withLocalStore(dir, (store) => {
    for (const [taskId, list] of revisions) {
      const stored = store.drafts.revisions(taskId).map((d) => [d.revision, (d.annotation as { finalAnswer: string }).finalAnswer]);
      expect(stored).toEqual(list);
      expect(list.map(([r]) => r)).toEqual(list.map((_, i) => i + 1));
    }
    expect(store.outbox.pendingCount()).toBe(0);
    const outcomes = store.db.prepare<[], { resolution: string; n: number }>('SELECT resolution, count(*) AS n FROM outbox GROUP BY resolution').all();
    seen.duplicates += outcomes.find((o) => o.resolution === 'duplicate')?.n ?? 0;
    seen.coalesced += outcomes.find((o) => o.resolution === 'coalesced')?.n ?? 0;
  });
  seen.submissions += submissions.length;
  seen.resubmissions += submissions.length - new Set(submissions.map((s) => s.taskId)).size;
  rmSync(dir, { recursive: true, force: true });
};

describe('sync under random edits, submits, offline periods, kills and faults (property)', () => {
  it(`every submission reaches the server exactly once and no revision is lost (${RUNS} runs)`, async () => {
    const started = Date.now();
    await fc.assert(fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 30, size: 'max' }), runScenario), { numRuns: RUNS, endOnFailure: false });
    console.info(`sync property: ${RUNS} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`, { ...seen, faultsHit: Object.fromEntries(seen.faultsHit) });
    if (RUNS >= 100) {
      expect(seen.duplicates).toBeGreaterThan(0); // replays after a lost answer really happened
      expect(seen.coalesced).toBeGreaterThan(0);
      expect(seen.killsMidSync).toBeGreaterThan(0);
      expect(seen.returned).toBeGreaterThan(0); // a reviewer returned work (resubmissions are counted above)
      for (const kind of ['drop_before', 'drop_after', 'status', 'stall', 'truncate', 'rewrite']) {
        expect([...seen.faultsHit.keys()].some((k) => k.startsWith(`${kind} /v1/`)), kind).toBe(true);
      }
    }
  }, 240_000);
});

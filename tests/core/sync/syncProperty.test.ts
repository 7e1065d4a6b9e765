import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
import { describeEngines } from '../../support/postgres/engines';

/**
 * Random sequences of edit, submit, go offline, go online, sync, stop the client (at rest or in the middle of
 * a sync), crash it (a child process running the real core on the same store, SIGKILLed at a seeded moment of
 * a sync), inject a network fault, and a reviewer returning a submission; then one clean sync. Afterwards
 * every submission made on the client is on the server exactly once, with the annotation it was made with,
 * and no local revision is lost. The seed is printed on failure (TEST_SEED replays it).
 */

const TASKS = 2;
const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 200);
/** On PostgreSQL the same property with fewer random runs by default (the fixed examples always run): it is the engine, not the client, under test there. */
const PG_RUNS = Number(process.env.SYNC_PROPERTY_PG_RUNS ?? 40);
const PAGE_SIZE = 2;
const repoRoot = resolve(import.meta.dirname, '../../..');
const crashChild = join(repoRoot, 'tests/support/sync/syncCrashChild.ts');
const FAULT_PATHS = ['/v1/mutations', '/v1/changes', '/v1/snapshot', '/v1/'] as const;
const FAULT_KINDS = ['drop_before', 'drop_after', 'status', 'stall', 'truncate', 'rewrite'] as const;

type Action =
  | { t: 'edit'; task: number }
  | { t: 'submit'; task: number }
  | { t: 'offline' }
  | { t: 'online' }
  | { t: 'sync' }
  | { t: 'kill'; midSync: boolean; delayMs: number }
  | { t: 'crash'; delayMs: number }
  | { t: 'fault'; path: string; fault: Fault }
  | { t: 'return'; task: number };

const CURSOR_EXPIRED: Fault = {
  kind: 'status',
  status: 410,
  body: JSON.stringify({ error: { code: 'cursor_expired', message: 'injected: take a full snapshot' } }),
};

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
  { weight: 8, arbitrary: fc.nat(TASKS - 1).map((task): Action => ({ t: 'edit', task })) },
  { weight: 6, arbitrary: fc.nat(TASKS - 1).map((task): Action => ({ t: 'submit', task })) },
  { weight: 2, arbitrary: fc.constant<Action>({ t: 'offline' }) },
  { weight: 2, arbitrary: fc.constant<Action>({ t: 'online' }) },
  { weight: 8, arbitrary: fc.constant<Action>({ t: 'sync' }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('kill' as const), midSync: fc.boolean(), delayMs: fc.nat(8) }) },
  // A real crash costs a process start (about a second), hence its lower weight; the examples below crash for sure.
  { weight: 1, arbitrary: fc.record({ t: fc.constant('crash' as const), delayMs: fc.nat(60) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('fault' as const),
      path: fc.constantFrom('/v1/mutations', '/v1/mutations', '/v1/changes', '/v1/snapshot', '/v1/snapshot', '/v1/'),
      fault: faultArb,
    }),
  },
  { weight: 4, arbitrary: fc.nat(TASKS - 1).map((task): Action => ({ t: 'return', task })) },
);

let platform: SyncPlatform;
let reviewer: PlatformUser;
let run = 0;
/**
 * What the runs actually exercised, so a vacuous property (faults never hit, no replay, no kill landing in a
 * sync) fails loudly. Counts are of things that happened, not of things asked for: `stopsMidSync` counts
 * stops that closed the core while its sync was still running, `crashesMidSync` SIGKILLs of a child whose
 * sync had not finished.
 */
const seen = {
  faultsHit: new Map<string, number>(),
  duplicates: 0,
  coalesced: 0,
  stopsMidSync: 0,
  crashes: 0,
  crashesMidSync: 0,
  returned: 0,
  submissions: 0,
  resubmissions: 0,
};


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Crash {
  signal: NodeJS.Signals | null;
  synced: boolean;
  ready: boolean;
  stderr: string;
}

/** Runs the real core in a child on `dir`, lets it sync, and SIGKILLs it `delayMs` after its sync started. */
const crashDuringSync = (dir: string, timeoutMs: number, delayMs: number): Promise<Crash> =>
  new Promise((done, failed) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', crashChild, dir, String(timeoutMs), String(PAGE_SIZE)], {
      cwd: repoRoot,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.node.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let armed = false;
    let killedAt: string | null = null;
    const kill = () => {
      if (killedAt === null) killedAt = stdout;
      proc.kill('SIGKILL');
    };
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!armed && stdout.includes('ready\n')) {
        armed = true;
        setTimeout(kill, delayMs);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const safety = setTimeout(kill, 20_000);
    proc.on('error', failed);
    proc.on('exit', (_code, signal) => {
      clearTimeout(safety);
      // What the child had printed when the kill was sent: whether its sync had finished by then.
      const before = killedAt ?? stdout;
      done({ signal, ready: before.includes('ready\n'), synced: /\n(synced|sync-error)/.test(before), stderr });
    });
  });

interface LocalSubmission {
  taskId: string;
  revision: number;
  idempotencyKey: string;
  marker: string;
}

const runScenario = async (actions: readonly Action[]): Promise<void> => {
  run += 1;
  const name = `prop${run}`;
  const { token, taskIds } = await platform.seedExpert(name, `pp${run}`, TASKS);
  const dir = tempDir();
  // Sign-in and the first pull are setup, not faults: a patient timeout until the actions start.
  const timeout = { ms: 10_000 };
  let core: TestCore = startSyncClient(dir, { timeout, pageSize: PAGE_SIZE });
  // Every revision saved, per task, in order: [revision, marker].
  const revisions = new Map<string, [number, string][]>();
  const submissions: LocalSubmission[] = [];
  let markerSeq = 0;
  try {
    await core.call('signIn', { platformUrl: platform.proxy.url, token });
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
          // A snapshot is only asked for when the cursor is no good: expire it, so the fault meets a request.
          if (action.path === '/v1/snapshot') platform.proxy.enqueueFor('/v1/changes', CURSOR_EXPIRED);
          break;
        case 'kill': {
          if (action.midSync) {
            let settled = false;
            const inFlight = dispatch(core.handlers, 'syncNow', {}).finally(() => (settled = true));
            await sleep(action.delayMs);
            if (!settled) seen.stopsMidSync += 1;
            core.close();
            await inFlight;
          } else {
            core.close();
          }
          core = startSyncClient(dir, { timeout, pageSize: PAGE_SIZE });
          break;
        }
        case 'crash': {
          core.close();
          const crash = await crashDuringSync(dir, timeout.ms, action.delayMs);
          expect(crash.signal, `the child should die by SIGKILL; stderr: ${crash.stderr}`).toBe('SIGKILL');
          expect(crash.ready, `the child should have started its sync; stderr: ${crash.stderr}`).toBe(true);
          seen.crashes += 1;
          if (!crash.synced) seen.crashesMidSync += 1;
          core = startSyncClient(dir, { timeout, pageSize: PAGE_SIZE });
          break;
        }
        case 'return': {
          const taskId = taskIds[action.task] ?? '';
          const [row] = await platform.server.store.db.query<{ last_submission_id: string }>(
            "SELECT last_submission_id FROM assignments WHERE task_id = ? AND state = 'submitted' AND ended_at IS NULL",
            [taskId],
          );
          if (row) seen.returned += 1;
          if (row) await platform.server.store.reviews.post(reviewer, { submissionId: row.last_submission_id, verdict: 'returned', comments: [{ anchor: { kind: 'path', path: 'finalAnswer' }, body: 'Check again.' }] });
          break;
        }
      }
    }

    // A final clean sync: no faults, online, a patient timeout.
    platform.proxy.clear();
    for (const r of platform.proxy.log.splice(0)) {
      if (r.fault === 'pass') continue;
      // The 410s that expire the cursor count apart from the injected server errors.
      const key = `${r.fault}${r.injectedStatus === 410 ? ':410' : ''} ${r.path.split('?')[0]}`;
      seen.faultsHit.set(key, (seen.faultsHit.get(key) ?? 0) + 1);
    }
    timeout.ms = 10_000;
    await core.call('setWorkOffline', { offline: false });
    const final = await core.call('syncNow');
    expect(final).toMatchObject({ state: 'online', pending: 0, lastError: null });
    const items = await core.call('listSyncItems');
    expect(items.counts).toEqual({ pending: 0, failed: 0, quarantined: 0 });

    // Every submission made on the client is on the server exactly once, as it was made.
    const onServer = await serverSubmissions(platform.server, taskIds);
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
      expect((await serverDraft(platform.server, taskId))?.revision).toBe(last?.[0]);
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

/**
 * Scenarios that run first whatever SYNC_PROPERTY_RUNS says, so that every kind of fault meets a request on
 * every path, a replay is answered "duplicate", saves coalesce, a stop lands inside a sync, a child is
 * SIGKILLed inside a sync and a reviewer returns work: the checks after the property never switch off.
 */
const fault = (path: string, f: Fault): Action => ({ t: 'fault', path, fault: f });
const FAULTS: Record<(typeof FAULT_KINDS)[number], Fault> = {
  drop_before: { kind: 'drop_before' },
  drop_after: { kind: 'drop_after' },
  status: { kind: 'status', status: 500 },
  stall: { kind: 'stall', afterForward: true },
  truncate: { kind: 'truncate' },
  rewrite: { kind: 'rewrite', transform: (body) => `${body.slice(0, Math.floor(body.length / 3))}<html>` },
};
const EXAMPLES: Action[][] = [
  ...FAULT_KINDS.map((kind): Action[] => [
    { t: 'edit', task: 0 },
    { t: 'submit', task: 0 },
    ...FAULT_PATHS.map((path) => fault(path, FAULTS[kind])),
    ...Array.from({ length: 8 }, (): Action => ({ t: 'sync' })),
  ]),
  [{ t: 'edit', task: 0 }, { t: 'edit', task: 0 }, { t: 'edit', task: 1 }, { t: 'submit', task: 0 }, fault('/v1/mutations', { kind: 'drop_after' }), { t: 'sync' }, { t: 'sync' }, { t: 'return', task: 0 }, { t: 'sync' }, { t: 'edit', task: 0 }, { t: 'submit', task: 0 }, { t: 'sync' }],
  [{ t: 'edit', task: 0 }, { t: 'edit', task: 1 }, { t: 'kill', midSync: true, delayMs: 0 }, { t: 'edit', task: 1 }, { t: 'sync' }],
  [{ t: 'edit', task: 0 }, { t: 'submit', task: 0 }, { t: 'edit', task: 1 }, { t: 'crash', delayMs: 0 }, { t: 'sync' }],
  [{ t: 'edit', task: 0 }, { t: 'edit', task: 1 }, { t: 'submit', task: 1 }, fault('/v1/snapshot', { kind: 'stall', afterForward: true }), { t: 'crash', delayMs: 3 }, { t: 'edit', task: 0 }, { t: 'sync' }],
];

describeEngines('sync under random edits, submits, offline periods, stops, crashes and faults (property)', (engine) => {
  beforeAll(async () => {
    platform = await startSyncPlatform({ engine });
    reviewer = (await platform.server.store.addUser('prop-reviewer', 'reviewer')).user;
    seen.faultsHit.clear();
    for (const key of ['duplicates', 'coalesced', 'stopsMidSync', 'crashes', 'crashesMidSync', 'returned', 'submissions', 'resubmissions'] as const) seen[key] = 0;
  });
  afterAll(() => platform.close());

  const runs = Math.max(engine === 'postgres' ? PG_RUNS : RUNS, EXAMPLES.length);
  it(`every submission reaches the server exactly once and no revision is lost (${runs} runs, ${EXAMPLES.length} of them fixed)`, async () => {
    const started = Date.now();
    await fc.assert(fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 30, size: 'max' }), runScenario), {
      numRuns: runs,
      examples: EXAMPLES.map((actions): [readonly Action[]] => [actions]),
      endOnFailure: false,
    });
    console.info(`sync property [${engine}]: ${runs} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`, { ...seen, faultsHit: Object.fromEntries(seen.faultsHit) });
    expect(seen.duplicates).toBeGreaterThan(0); // replays after a lost answer really happened
    expect(seen.coalesced).toBeGreaterThan(0);
    expect(seen.stopsMidSync).toBeGreaterThan(0);
    expect(seen.crashesMidSync).toBeGreaterThan(0);
    expect(seen.returned).toBeGreaterThan(0); // a reviewer returned work (resubmissions are counted above)
    for (const kind of FAULT_KINDS) {
      for (const path of FAULT_PATHS) {
        const hits = [...seen.faultsHit].filter(([key]) => key.startsWith(`${kind} ${path}`)).reduce((n, [, count]) => n + count, 0);
        expect(hits, `${kind} faults that reached a request on ${path}`).toBeGreaterThan(0);
      }
    }
  }, 600_000);
});

/**
 * Sync rows (issue 3, "Performance"): the real sync engine (createCore → core.sync) against a real platform
 * server on 127.0.0.1, each beside a raw baseline measured in the same run against the same server.
 *
 * - pull: 10,000 ranking tasks of about 5 KB, from signIn to all 10,000 in the encrypted local store.
 *   Baseline: the same requests (GET /v1/me, every /v1/snapshot page at the engine's page size, the closing
 *   /v1/changes) with plain fetch + res.json(), then the same 10,000 rows (id, task JSON) inserted with one
 *   prepared statement in one transaction into an SQLCipher database opened exactly like the store
 *   (cipher='sqlcipher', raw 32-byte key, WAL, synchronous=FULL).
 * - push: an outbox of 1,000 tasks × (save_draft + submit) = 2,000 mutations, until the server holds 1,000
 *   submissions. Baseline: the same 2,000 mutations in the same batches of 100, POSTed to /v1/mutations with
 *   plain fetch, plus the one empty /v1/changes the engine's syncOnce ends with.
 *
 * The server runs in this process (its work is in both the engine's and the baseline's time alike). Every
 * run gets a fresh client data folder; each push run gets a fresh expert with 1,000 fresh tasks. Baseline and
 * engine runs alternate (and swap who goes first) so drift on a shared machine hits both.
 *
 * Runs on its own too:  npx tsx --tsconfig tsconfig.node.json scripts/bench/sync.ts [--runs 3]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { createCore, type Core } from '../../electron/core/createCore';
import { Database } from '../../electron/core/store/sqliteDriver';
import { createPlatformClient, type PlatformClient } from '../../electron/core/sync/platformClient';
import type { ClientFactory } from '../../electron/core/sync/syncEngine';
import { createFileKeyProvider } from '../../electron/core/vault/fileKeyProvider';
import { createPlatformServer, type PlatformServer } from '../../platform';
import { PROTOCOL_LIMITS, type MutationInput } from '../../shared/sync/protocol';
import type { BenchContext, RowGroup } from './support';
import { formatTable, median, type BenchRow } from './table';

export const PULL_TASKS = 10_000;
export const PUSH_TASKS = 1_000;
/** The engine's default page size (electron/core/sync/pull.ts); the baseline uses the same. */
const PAGE_SIZE = 200;
/** The engine's batch (PROTOCOL_LIMITS.maxMutationsPerPush); the baseline uses the same. */
const PUSH_BATCH = PROTOCOL_LIMITS.maxMutationsPerPush;
/** 10,000-task pulls are the slow part: the group keeps to this many runs whatever --runs says. */
export const MAX_SYNC_RUNS = 5;

// ---------------------------------------------------------------------------------------------------------
// Deterministic ~5 KB ranking tasks

/** mulberry32 */
const seeded = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const WORDS = (
  'the a of to and in is for that with on as by this be are from at or an it which model answer response step ' +
  'gradient loss function value error rate memory cache latency request server client thread lock queue batch ' +
  'vector matrix proof lemma theorem bound estimate sample variance mean distribution prior posterior update ' +
  'compile runtime type interface module import export async await promise buffer stream parse token index ' +
  'because therefore however although instead correct incorrect assumes derives shows claims misses handles'
).split(' ');

const sentence = (rand: () => number, words: number): string => {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
};

const paragraph = (rand: () => number, chars: number): string => {
  let text = '';
  while (text.length < chars) text += `${text === '' ? '' : ' '}${sentence(rand, 8 + Math.floor(rand() * 10))}`;
  return text;
};

/** A markdown answer of about `chars` characters: a heading, prose, a list, inline code and math, a code block. */
const markdownAnswer = (rand: () => number, chars: number): string => {
  const parts = [
    `## ${sentence(rand, 4).slice(0, -1)}`,
    paragraph(rand, chars * 0.35),
    `- ${sentence(rand, 7)}\n- uses \`${WORDS[Math.floor(rand() * WORDS.length)]}()\` with $O(n \\log n)$ cost\n- ${sentence(rand, 6)}`,
    '```python\ndef step(x, lr=0.01):\n    return x - lr * grad(x)\n```',
    paragraph(rand, chars * 0.35),
  ];
  return parts.join('\n\n').slice(0, chars);
};

const RUBRIC = {
  criteria: [
    { id: 'correct', label: 'Correctness', description: 'Is every claim and every step of the answer right?', scale: { min: 1, max: 5 } },
    { id: 'complete', label: 'Completeness', description: 'Does the answer address every part of the question?', scale: { min: 1, max: 5 } },
    { id: 'clear', label: 'Clarity', description: 'Could a colleague follow it without asking back?', scale: { min: 1, max: 5 } },
  ],
  minJustificationLength: 40,
  spanLabels: ['hallucination', 'error', 'unsafe', 'good'],
};

/** One JSONL line: a ranking task of about 5 KB (a ~900-character prompt, two ~1,800-character answers). */
export const rankingTaskLine = (project: string, index: number): string => {
  const rand = seeded(0x5eed + index);
  return JSON.stringify({
    id: `${project}-${String(index + 1).padStart(5, '0')}`,
    project,
    title: `Rank: ${sentence(rand, 6).slice(0, -1)} #${index + 1}`,
    guidelines: 'Rank the responses from best to worst; justify the top choice.',
    payload: {
      kind: 'ranking',
      conversation: [{ role: 'user', content: paragraph(rand, 900) }],
      responses: [
        { id: 'r1', content: markdownAnswer(rand, 1800), model: 'model-alpha' },
        { id: 'r2', content: markdownAnswer(rand, 1800), model: 'model-beta' },
      ],
      rubric: RUBRIC,
    },
  });
};

const rankingAnnotation = (index: number) => {
  const rand = seeded(0xa11 + index);
  return {
    kind: 'ranking' as const,
    displayOrder: index % 2 === 0 ? ['r1', 'r2'] : ['r2', 'r1'],
    ranks: { r1: 1, r2: 2 },
    graded: -2,
    ratings: { r1: { correct: 5, complete: 4, clear: 4 }, r2: { correct: 2, complete: 3, clear: 4 } },
    flags: { allBad: false, notRankable: false },
    spans: [{ id: 's1', responseId: 'r2', start: 120, end: 180, label: 'error', comment: 'Wrong bound.' }],
    justification: paragraph(rand, 300),
  };
};

// ---------------------------------------------------------------------------------------------------------
// Plumbing

const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

/** A full GC between runs when V8 lets us have one, so one run's garbage is not the next run's RSS. */
const gc: () => void = (() => {
  try {
    setFlagsFromString('--expose_gc');
    const fn = runInNewContext('gc') as unknown;
    if (typeof fn === 'function') return () => (fn as () => void)();
  } catch {
    // no gc: RSS deltas are noisier, nothing else changes
  }
  return () => undefined;
})();

/** Peak RSS above the RSS at start, sampled every 5 ms (the event loop gets a turn between pages and batches). */
const rssProbe = () => {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  return {
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return (peak - start) / 2 ** 20;
    },
  };
};

interface Timed {
  ms: number;
  rssMB: number;
}

/** Where the engine's time goes: inside PlatformClient calls (fetch + JSON.parse + page schema) vs everything else. */
interface ClientTimes {
  snapshotMs: number;
  changesMs: number;
  pushMs: number;
  meMs: number;
  calls: number;
}
const noTimes = (): ClientTimes => ({ snapshotMs: 0, changesMs: 0, pushMs: 0, meMs: 0, calls: 0 });
const clientMs = (t: ClientTimes): number => t.snapshotMs + t.changesMs + t.pushMs + t.meMs;

/** The engine's default client (defaultClientFactory), with a stopwatch around each call. */
const timedClientFactory =
  (times: { current: ClientTimes }): ClientFactory =>
  (credentials, signal) => {
    const client = createPlatformClient({ baseUrl: credentials.platformUrl, token: credentials.token, signal });
    const timed =
      <A extends unknown[], R>(key: 'snapshotMs' | 'changesMs' | 'pushMs' | 'meMs', fn: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const t0 = performance.now();
        try {
          return await fn(...args);
        } finally {
          times.current[key] += performance.now() - t0;
          times.current.calls += 1;
        }
      };
    const wrapped: PlatformClient = {
      baseUrl: client.baseUrl,
      me: timed('meMs', () => client.me()),
      snapshot: timed('snapshotMs', (page: string | null, limit: number) => client.snapshot(page, limit)),
      changes: timed('changesMs', (cursor: string | null, limit: number) => client.changes(cursor, limit)),
      push: timed('pushMs', (body: Parameters<PlatformClient['push']>[0]) => client.push(body)),
      reviewQueue: (limit: number) => client.reviewQueue(limit),
      postReview: (body: Parameters<PlatformClient['postReview']>[0]) => client.postReview(body),
      postCommentReply: (body: Parameters<PlatformClient['postCommentReply']>[0]) => client.postCommentReply(body),
    };
    return wrapped;
  };

const openCore = (dir: string, times: { current: ClientTimes }): Core =>
  createCore({
    dataDir: dir,
    keyProvider: createFileKeyProvider(join(dir, 'keys')),
    shell: 'test',
    version: '0.0.0-bench',
    sync: { autoSync: false, createClient: timedClientFactory(times), pageSize: PAGE_SIZE },
  });

const taskCount = async (core: Core): Promise<number> => (await core.handlers.getAppInfo({} as never)).taskCount;

export interface Platform {
  server: PlatformServer;
  pullToken: string;
  taskJsonBytes: number;
  /** A fresh expert holding `count` fresh tasks. */
  seedExpert(name: string, count: number): Promise<{ token: string; userId: string; taskIds: string[] }>;
  submissionsOf(userId: string): Promise<number>;
  close(): Promise<void>;
}

/** The platform on the embedded engine (a temporary folder), or on PostgreSQL when `database` is a URL. */
export const startPlatform = async (log: (m: string) => void, database?: string): Promise<Platform> => {
  const dataDir = database === undefined ? tempDir('assay-bench-platform-') : null;
  const server = await createPlatformServer({ ...(dataDir === null ? { database } : { dataDir }), port: 0, host: '127.0.0.1', log: () => undefined });
  const { store } = server;
  const seedExpert = async (name: string, count: number) => {
    const { user, token } = await store.addUser(name, 'expert');
    const lines: string[] = [];
    for (let i = 0; i < count; i++) lines.push(rankingTaskLine(name, i));
    await store.importTasks({ project: name, fileName: `${name}.jsonl`, text: `${lines.join('\n')}\n` });
    const { assigned } = await store.assign({ user: name, project: name, count });
    if (assigned.length !== count) throw new Error(`assigned ${assigned.length} of ${count} tasks to ${name}`);
    return { token, userId: user.id, taskIds: assigned };
  };
  const t0 = performance.now();
  const pull = await seedExpert('bench-pull', PULL_TASKS);
  const taskJsonBytes = Number((await store.db.query<{ n: number }>('SELECT avg(length(task_json)) AS n FROM tasks WHERE project = ?', ['bench-pull']))[0]?.n ?? 0);
  log(`sync: seeded ${PULL_TASKS.toLocaleString('en-US')} tasks (avg ${Math.round(taskJsonBytes)} B of task JSON) on ${store.engine} in ${Math.round(performance.now() - t0)} ms`);
  return {
    server,
    pullToken: pull.token,
    taskJsonBytes,
    seedExpert,
    submissionsOf: async (userId) => Number((await store.db.query<{ n: number }>('SELECT count(*) AS n FROM submissions WHERE user_id = ?', [userId]))[0]?.n ?? 0),
    async close() {
      await server.close();
      if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

// ---------------------------------------------------------------------------------------------------------
// Raw baselines

const getJson = async (url: string, token: string): Promise<unknown> => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
};

/** An SQLCipher database opened the way electron/core/store/database.ts opens the store. */
const openRawDb = (path: string) => {
  const db = new Database(path);
  db.pragma("cipher='sqlcipher'");
  db.pragma(`key="x'${randomBytes(32).toString('hex')}'"`);
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE tasks (id TEXT PRIMARY KEY, task_json TEXT NOT NULL) STRICT');
  return db;
};

interface RawChange {
  type: string;
  task?: { id: string };
}

const rawPull = async (url: string, token: string): Promise<Timed & { fetchMs: number; rows: number }> => {
  const dir = tempDir('assay-bench-raw-');
  const db = openRawDb(join(dir, 'raw.db'));
  const insert = db.prepare<[string, string]>('INSERT INTO tasks (id, task_json) VALUES (?, ?)');
  gc();
  const rss = rssProbe();
  const t0 = performance.now();
  await getJson(`${url}/v1/me`, token);
  const rows: [string, string][] = [];
  let page: string | null = null;
  let cursor: string;
  do {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (page !== null) query.set('page', page);
    const body = (await getJson(`${url}/v1/snapshot?${query.toString()}`, token)) as { changes: RawChange[]; cursor: string; nextPage: string | null };
    for (const change of body.changes) if (change.type === 'task_assigned' && change.task) rows.push([change.task.id, JSON.stringify(change.task)]);
    cursor = body.cursor;
    page = body.nextPage;
  } while (page !== null);
  const tail = (await getJson(`${url}/v1/changes?${new URLSearchParams({ limit: String(PAGE_SIZE), cursor }).toString()}`, token)) as { changes: unknown[] };
  const fetchMs = performance.now() - t0;
  db.transaction(() => {
    for (const [id, json] of rows) insert.run(id, json);
  })();
  const ms = performance.now() - t0;
  const rssMB = rss.stop();
  const count = db.prepare<[], number>('SELECT count(*) FROM tasks').pluck().get() ?? 0;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  if (tail.changes.length !== 0) throw new Error(`raw pull: /v1/changes after the snapshot carried ${tail.changes.length} changes`);
  return { ms, rssMB, fetchMs, rows: count };
};

/** The mutations the engine's outbox holds after saveDraft + submitTask on each task, in outbox order. */
const mutationsFor = (taskIds: readonly string[]): MutationInput[] => {
  const at = new Date().toISOString();
  const out: MutationInput[] = [];
  taskIds.forEach((taskId, i) => {
    const annotation = rankingAnnotation(i);
    out.push({ id: out.length + 1, idempotencyKey: randomUUID(), type: 'save_draft', taskId, revision: 1, annotation, activeSeconds: 30, clientTime: at });
    out.push({ id: out.length + 1, idempotencyKey: randomUUID(), type: 'submit', taskId, revision: 1, annotation, activeSeconds: 30, clientTime: at });
  });
  return out;
};

const rawPush = async (platform: Platform, name: string): Promise<Timed> => {
  const { url } = platform.server;
  const { token, userId, taskIds } = await platform.seedExpert(name, PUSH_TASKS);
  // Untimed, as the engine's: its signIn and first pull happened before its outbox was written.
  const { cursor } = (await getJson(`${url}/v1/snapshot?limit=1`, token)) as { cursor: string };
  const mutations = mutationsFor(taskIds);
  const clientId = randomUUID();
  gc();
  const rss = rssProbe();
  const t0 = performance.now();
  for (let i = 0; i < mutations.length; i += PUSH_BATCH) {
    const res = await fetch(`${url}/v1/mutations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ clientId, mutations: mutations.slice(i, i + PUSH_BATCH) }),
    });
    const body = (await res.json()) as { results: { status: string }[] };
    if (!res.ok || body.results.some((r) => r.status !== 'applied')) throw new Error(`raw push: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  await getJson(`${url}/v1/changes?${new URLSearchParams({ limit: String(PAGE_SIZE), cursor }).toString()}`, token);
  const ms = performance.now() - t0;
  const rssMB = rss.stop();
  const held = await platform.submissionsOf(userId);
  if (held !== PUSH_TASKS) throw new Error(`raw push: the server holds ${held} submissions, not ${PUSH_TASKS}`);
  return { ms, rssMB };
};

// ---------------------------------------------------------------------------------------------------------
// The engine

export const enginePull = async (platform: Platform): Promise<Timed & { times: ClientTimes }> => {
  const dir = tempDir('assay-bench-engine-');
  const times = { current: noTimes() };
  const core = openCore(dir, times);
  try {
    gc();
    const rss = rssProbe();
    const t0 = performance.now();
    await core.sync.signIn(platform.server.url, platform.pullToken);
    const status = await core.sync.syncOnce();
    const ms = performance.now() - t0;
    const rssMB = rss.stop();
    if (status.lastError !== null) throw new Error(`engine pull: ${status.lastError}`);
    const count = await taskCount(core);
    if (count !== PULL_TASKS) throw new Error(`engine pull: ${count} tasks in the local store, not ${PULL_TASKS}`);
    return { ms, rssMB, times: times.current };
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export const enginePush = async (platform: Platform, name: string): Promise<Timed & { times: ClientTimes }> => {
  const { token, userId, taskIds } = await platform.seedExpert(name, PUSH_TASKS);
  const dir = tempDir('assay-bench-engine-');
  const times = { current: noTimes() };
  const core = openCore(dir, times);
  try {
    // Untimed: sign in, pull the 1,000 tasks, then do the work offline-style (each a saved draft and a submit).
    await core.sync.signIn(platform.server.url, token);
    const first = await core.sync.syncOnce();
    if (first.lastError !== null) throw new Error(`engine push setup: ${first.lastError}`);
    for (const [i, taskId] of taskIds.entries()) {
      await core.handlers.saveDraft({ taskId, annotation: rankingAnnotation(i), activeSeconds: 30 });
      await core.handlers.submitTask({ taskId });
    }
    const pending = core.sync.status().pending;
    if (pending !== 2 * PUSH_TASKS) throw new Error(`engine push setup: ${pending} outbox entries pending, not ${2 * PUSH_TASKS}`);
    times.current = noTimes();
    gc();
    const rss = rssProbe();
    const t0 = performance.now();
    const status = await core.sync.syncOnce();
    const ms = performance.now() - t0;
    const rssMB = rss.stop();
    if (status.lastError !== null || status.pending !== 0) throw new Error(`engine push: pending ${status.pending}, ${status.lastError}`);
    const held = await platform.submissionsOf(userId);
    if (held !== PUSH_TASKS) throw new Error(`engine push: the server holds ${held} submissions, not ${PUSH_TASKS}`);
    return { ms, rssMB, times: times.current };
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

// ---------------------------------------------------------------------------------------------------------
// The group

const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;

export const syncRows: RowGroup = {
  id: 'sync',
  title: `sync engine vs raw fetch + SQLCipher (issue 3), at most ${MAX_SYNC_RUNS} runs`,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const runs = Math.min(ctx.runs, MAX_SYNC_RUNS);
    const platform = await startPlatform(ctx.log);
    try {
      const { url } = platform.server;
      // One unmeasured round of each: JIT, the server's statement cache, the OS file cache.
      await rawPull(url, platform.pullToken);
      await enginePull(platform);
      ctx.log('sync: warm-up pull done');

      const pullRaw: (Timed & { fetchMs: number })[] = [];
      const pullEngine: (Timed & { times: ClientTimes })[] = [];
      const pushRaw: Timed[] = [];
      const pushEngine: (Timed & { times: ClientTimes })[] = [];
      for (let i = 0; i < runs; i++) {
        const rawFirst = i % 2 === 0;
        if (rawFirst) pullRaw.push(await rawPull(url, platform.pullToken));
        pullEngine.push(await enginePull(platform));
        if (!rawFirst) pullRaw.push(await rawPull(url, platform.pullToken));
        const e = pullEngine.at(-1)!;
        ctx.log(
          `sync pull ${i + 1}/${runs}: raw ${fmt(pullRaw.at(-1)!.ms)} (fetch ${fmt(pullRaw.at(-1)!.fetchMs)}), engine ${fmt(e.ms)} ` +
            `(client calls ${fmt(clientMs(e.times))}: snapshot ${fmt(e.times.snapshotMs)}, changes ${fmt(e.times.changesMs)}, me ${fmt(e.times.meMs)}; rest ${fmt(e.ms - clientMs(e.times))})`,
        );

        if (rawFirst) pushRaw.push(await rawPush(platform, `bench-push-raw-${i + 1}`));
        pushEngine.push(await enginePush(platform, `bench-push-engine-${i + 1}`));
        if (!rawFirst) pushRaw.push(await rawPush(platform, `bench-push-raw-${i + 1}`));
        const p = pushEngine.at(-1)!;
        ctx.log(`sync push ${i + 1}/${runs}: raw ${fmt(pushRaw.at(-1)!.ms)}, engine ${fmt(p.ms)} (client calls ${fmt(clientMs(p.times))}; rest ${fmt(p.ms - clientMs(p.times))})`);
      }

      const med = (xs: number[]) => median(xs);
      const pullEngineMs = pullEngine.map((s) => s.ms);
      const pushEngineMs = pushEngine.map((s) => s.ms);
      const pullClient = med(pullEngine.map((s) => clientMs(s.times)));
      const pushClient = med(pushEngine.map((s) => clientMs(s.times)));
      const kb = (platform.taskJsonBytes / 1024).toFixed(1);
      return [
        {
          name: `sync: pull ${PULL_TASKS.toLocaleString('en-US')} tasks`,
          value: med(pullEngineMs),
          unit: 'ms',
          samples: pullEngineMs,
          baseline: { label: 'raw', value: med(pullRaw.map((s) => s.ms)) },
          goal: { kind: 'ratio', max: 1.5 },
          note:
            `~${kb} KB ranking tasks, page ${PAGE_SIZE}; signIn → syncOnce done, all in the store. Engine: ${fmt(pullClient)} in client calls ` +
            `(fetch + parse), ${fmt(med(pullEngineMs) - pullClient)} applying. Raw: ${fmt(med(pullRaw.map((s) => s.fetchMs)))} fetch + parse, rest one-transaction insert`,
        },
        {
          name: 'sync: pull, peak RSS growth',
          value: med(pullEngine.map((s) => s.rssMB)),
          unit: 'MB',
          samples: pullEngine.map((s) => s.rssMB),
          baseline: { label: 'raw', value: med(pullRaw.map((s) => s.rssMB)) },
          note: 'indicative: whole process (the server runs in it too), sampled between requests after a GC, in a warmed process that reuses freed memory; the raw baseline holds every row until its one insert',
        },
        {
          name: `sync: push ${PUSH_TASKS.toLocaleString('en-US')} submissions`,
          value: med(pushEngineMs),
          unit: 'ms',
          samples: pushEngineMs,
          baseline: { label: 'raw', value: med(pushRaw.map((s) => s.ms)) },
          goal: { kind: 'ratio', max: 1.5 },
          note:
            `${2 * PUSH_TASKS} mutations (save_draft + submit per task) in batches of ${PUSH_BATCH}, until the server holds ${PUSH_TASKS} submissions; ` +
            `syncOnce incl. its empty pull. Engine: ${fmt(pushClient)} in client calls, ${fmt(med(pushEngineMs) - pushClient)} outbox + bookkeeping`,
        },
        {
          name: 'sync: push, peak RSS growth',
          value: med(pushEngine.map((s) => s.rssMB)),
          unit: 'MB',
          samples: pushEngine.map((s) => s.rssMB),
          baseline: { label: 'raw', value: med(pushRaw.map((s) => s.rssMB)) },
          note: 'indicative: whole process (the server runs in it too), sampled between requests after a GC, in a warmed process',
        },
      ];
    } finally {
      await platform.close();
    }
  },
};

if (require.main === module) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: String(MAX_SYNC_RUNS) } } });
  const runs = Number(values.runs);
  const started = Date.now();
  const ctx: BenchContext = {
    root: join(__dirname, '../..'),
    runs: Number.isInteger(runs) && runs > 0 ? runs : MAX_SYNC_RUNS,
    chromiumPath: '',
    log: (m) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`),
  };
  syncRows
    .run(ctx)
    .then((rows) => process.stdout.write(`\n${formatTable(rows)}\n`))
    .catch((error: unknown) => {
      console.error(`The sync bench could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    });
}

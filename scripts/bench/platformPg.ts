/**
 * Platform on PostgreSQL (issue 10), `npm run bench -- --only platform-pg`:
 *
 * - load: 500 simulated clients (one token and one task each) against two `platform serve` processes on one
 *   PostgreSQL, each client behind one of two fault proxies (a load balancer's two backends) that drop 5% of
 *   requests (half before the server sees them, half after it answered). Each client pulls its snapshot and
 *   changes, pushes 20 draft saves and a submission one request at a time, and retries a failed request
 *   against the other backend. Throughput, p50/p99 of the successful requests, and at the end every
 *   submission on the server exactly once (the group throws, and the bench fails, if not). Baseline: the
 *   same load on one `platform serve` process on the embedded SQLite engine, through the same proxies.
 * - pull of 10,000 tasks and push of 1,000 submissions by the real sync engine (scripts/bench/sync.ts)
 *   against a platform on PostgreSQL, beside the same against the embedded engine.
 *
 * PostgreSQL: ASSAY_BENCH_POSTGRES_URL, else a throwaway cluster (scripts/postgres/cluster.ts).
 * Runs on its own too:  npx tsx --tsconfig tsconfig.node.json scripts/bench/platformPg.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPlatformStore } from '../../platform';
import { findPostgresBin, startCluster, type TestCluster } from '../postgres/cluster';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import type { BenchContext, RowGroup } from './support';
import { root } from './support';
import { enginePull, enginePush, PULL_TASKS, PUSH_TASKS, startPlatform } from './sync';
import { formatTable, median, type BenchRow } from './table';

const CLIENTS = Number(process.env.ASSAY_BENCH_PG_CLIENTS ?? 500);
const SAVES = 20;
const DROP_RATE = 0.05;
const MAX_SYNC_RUNS = 2;

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL and the serve processes

interface Postgres {
  /** A fresh database on the server; its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const openPostgres = async (log: (m: string) => void): Promise<Postgres> => {
  const given = process.env.ASSAY_BENCH_POSTGRES_URL;
  let cluster: TestCluster | null = null;
  let base: string;
  if (given !== undefined && given !== '') base = given;
  else {
    if (findPostgresBin() === null) throw new Error('platform-pg needs PostgreSQL: set ASSAY_BENCH_POSTGRES_URL or install Debian postgresql');
    cluster = await startCluster();
    base = cluster.url;
    log(`platform-pg: throwaway PostgreSQL cluster on port ${cluster.port}`);
  }
  const created: string[] = [];
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return {
    async createDatabase() {
      const name = `assay_bench_${Date.now().toString(36)}_${created.length}`;
      await admin(`CREATE DATABASE ${name}`);
      created.push(name);
      const url = new URL(base);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (cluster) cluster.stop();
      else for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
};

interface Serve {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** `platform serve` as its own process (quiet: no request log), on a free port. */
const startServe = (args: readonly string[]): Promise<Serve> =>
  new Promise((done, failed) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'platform/cli.ts'), 'serve', '--port', '0', '--quiet', ...args], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const match = /serving protocol v1 at (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        proc.stdout?.removeAllListeners('data');
        proc.stdout?.resume();
        done({
          url: match[1],
          proc,
          stop: async () => {
            proc.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    proc.once('exit', (code) => failed(new Error(`platform serve exited with ${code}: ${err}`)));
  });

// ---------------------------------------------------------------------------------------------------------
// The load

interface LoadResult {
  ms: number;
  requests: number;
  retries: number;
  dropped: number;
  latencies: number[];
}

class Refused extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seeds `CLIENTS` experts with one task each; returns their tokens and task ids. */
const seedClients = async (location: string): Promise<{ token: string; taskId: string }[]> => {
  const store = await openPlatformStore(location);
  try {
    const lines = Array.from({ length: CLIENTS }, (_, i) =>
      JSON.stringify({ id: `load-${i}`, project: 'load', title: `Load ${i}`, payload: { kind: 'reasoning', problem: `What is ${i} + ${i}?`, modelSteps: [{ id: 's1', content: `${2 * i}` }] } }),
    );
    await store.importTasks({ project: 'load', fileName: 'load.jsonl', text: `${lines.join('\n')}\n` });
    const out: { token: string; taskId: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const { token } = await store.addUser(`load${i}`, 'expert');
      const { assigned } = await store.assign({ user: `load${i}`, taskId: `load-${i}` });
      out.push({ token, taskId: assigned[0] ?? '' });
    }
    return out;
  } finally {
    await store.close();
  }
};

const annotation = (marker: string) => ({ kind: 'reasoning', stepRatings: { s1: 1 }, finalAnswer: marker });

const runLoad = async (backends: readonly string[], clients: readonly { token: string; taskId: string }[]): Promise<LoadResult & { submitKeys: Map<string, string> }> => {
  const latencies: number[] = [];
  let requests = 0;
  let retries = 0;
  const submitKeys = new Map<string, string>();

  const call = async (index: number, token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      const target = backends[(index + attempt) % backends.length];
      const t0 = performance.now();
      try {
        const res = await fetch(`${target}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        if (res.status >= 500 || res.status === 429) throw new Error(`${res.status}`);
        if (!res.ok) throw new Refused(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
        latencies.push(performance.now() - t0);
        requests += 1;
        return JSON.parse(text);
      } catch (error) {
        if (error instanceof Refused || attempt >= 60) throw error;
        retries += 1;
        await sleep(Math.min(2_000, 20 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2));
      }
    }
  };

  const oneClient = async (index: number, token: string, taskId: string): Promise<void> => {
    let page: string | null = null;
    let cursor: string;
    do {
      const q = new URLSearchParams({ limit: '200', ...(page === null ? {} : { page }) });
      const snap = (await call(index, token, 'GET', `/v1/snapshot?${q.toString()}`)) as { cursor: string; nextPage: string | null; changes: { type: string }[] };
      if (page === null && !snap.changes.some((c) => c.type === 'task_assigned')) throw new Refused(`client ${index}: no assigned task in its snapshot`);
      cursor = snap.cursor;
      page = snap.nextPage;
    } while (page !== null);
    await call(index, token, 'GET', `/v1/changes?${new URLSearchParams({ cursor, limit: '200' }).toString()}`);
    const clientId = randomUUID();
    for (let id = 1; id <= SAVES + 1; id++) {
      const submit = id === SAVES + 1;
      const key = randomUUID();
      if (submit) submitKeys.set(taskId, key);
      const mutation = {
        id,
        idempotencyKey: key,
        type: submit ? 'submit' : 'save_draft',
        taskId,
        revision: Math.min(id, SAVES),
        annotation: annotation(`${taskId} r${Math.min(id, SAVES)}`),
        activeSeconds: id,
        clientTime: new Date().toISOString(),
      };
      const answer = (await call(index, token, 'POST', '/v1/mutations', { clientId, mutations: [mutation] })) as { results: { status: string }[] };
      const status = answer.results[0]?.status;
      if (status !== 'applied' && status !== 'duplicate') throw new Refused(`client ${index}: mutation ${id} ${JSON.stringify(answer.results[0])}`);
    }
  };

  const t0 = performance.now();
  await Promise.all(clients.map((c, i) => oneClient(i, c.token, c.taskId)));
  return { ms: performance.now() - t0, requests, retries, dropped: 0, latencies, submitKeys };
};

/** Exactly once, or the bench fails: one submission per client, the one it sent, and its last draft. */
const verify = async (location: string, submitKeys: Map<string, string>, label: string): Promise<void> => {
  const store = await openPlatformStore(location);
  try {
    const rows = await store.db.query<{ task_id: string; idempotency_key: string; n: number }>(
      "SELECT task_id, idempotency_key, count(*) OVER (PARTITION BY task_id) AS n FROM submissions WHERE task_id LIKE 'load-%'",
    );
    const problems: string[] = [];
    if (rows.length !== CLIENTS) problems.push(`${rows.length} submissions on the server for ${CLIENTS} clients`);
    for (const row of rows) {
      if (Number(row.n) !== 1) problems.push(`${row.task_id}: ${row.n} submissions`);
      if (submitKeys.get(row.task_id) !== row.idempotency_key) problems.push(`${row.task_id}: a submission the client did not send`);
    }
    const drafts = await store.db.query<{ n: number }>("SELECT count(*) AS n FROM drafts d JOIN assignments a ON a.id = d.assignment_id WHERE a.task_id LIKE 'load-%' AND d.revision = ?", [SAVES]);
    if (Number(drafts[0]?.n ?? 0) !== CLIENTS) problems.push(`${drafts[0]?.n ?? 0} of ${CLIENTS} drafts at revision ${SAVES}`);
    if (problems.length > 0) throw new Error(`platform-pg load on ${label}: NOT EXACTLY ONCE: ${problems.slice(0, 10).join('; ')}`);
  } finally {
    await store.close();
  }
};

const dropping = async (target: string): Promise<FaultProxy> => {
  const proxy = await startFaultProxy(target);
  proxy.setRule(() => (Math.random() < DROP_RATE ? { kind: Math.random() < 0.5 ? 'drop_before' : 'drop_after' } : null));
  return proxy;
};

const loadOn = async (
  label: string,
  location: string,
  serveArgs: readonly string[][],
  log: (m: string) => void,
): Promise<LoadResult> => {
  const t0 = performance.now();
  const clients = await seedClients(location);
  log(`platform-pg: seeded ${CLIENTS} clients on ${label} in ${Math.round(performance.now() - t0)} ms`);
  const serves = await Promise.all(serveArgs.map((args) => startServe(args)));
  const proxies = await Promise.all(serves.map((s) => dropping(s.url)));
  // Two backends for the balancer: with one process, both proxies lead to it.
  if (proxies.length === 1) proxies.push(await dropping(serves[0]!.url));
  const backends = proxies.map((p) => p.url);
  try {
    const result = await runLoad(backends, clients);
    const dropped = proxies.reduce((n, p) => n + p.log.filter((r) => r.fault !== 'pass').length, 0);
    log(
      `platform-pg load on ${label}: ${result.requests} requests in ${Math.round(result.ms)} ms (${Math.round(result.requests / (result.ms / 1000))}/s), ` +
        `${result.retries} retries, p50 ${median(result.latencies).toFixed(1)} ms, p99 ${percentile(result.latencies, 0.99).toFixed(1)} ms`,
    );
    await Promise.all(serves.map((s) => s.stop()));
    await verify(location, result.submitKeys, label);
    log(`platform-pg load on ${label}: every one of ${CLIENTS} submissions on the server exactly once`);
    return { ...result, dropped };
  } finally {
    for (const p of proxies) await p.close();
    await Promise.all(serves.map((s) => s.stop().catch(() => undefined)));
  }
};

const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

// ---------------------------------------------------------------------------------------------------------
// The group

export const platformPgRows: RowGroup = {
  id: 'platform-pg',
  title: `platform on PostgreSQL (issue 10): ${CLIENTS} clients on two processes with 5% dropped, sync pull/push beside the embedded engine`,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const postgres = await openPostgres(ctx.log);
    const dataDir = mkdtempSync(join(tmpdir(), 'assay-bench-pg-embedded-'));
    try {
      // The load: two processes on PostgreSQL; baseline one process on the embedded engine.
      const pgDb = await postgres.createDatabase();
      const onPg = await loadOn('PostgreSQL, 2 processes', pgDb, [['--database', pgDb], ['--database', pgDb]], ctx.log);
      const onSqlite = await loadOn('embedded SQLite, 1 process', dataDir, [['--data', dataDir]], ctx.log);

      // Pull and push by the sync engine: PostgreSQL beside embedded, alternating.
      const runs = Math.min(ctx.runs, MAX_SYNC_RUNS);
      const pgPlatform = await startPlatform(ctx.log, await postgres.createDatabase());
      const sqlitePlatform = await startPlatform(ctx.log);
      const pull = { pg: [] as number[], sqlite: [] as number[] };
      const push = { pg: [] as number[], sqlite: [] as number[] };
      try {
        await enginePull(pgPlatform);
        await enginePull(sqlitePlatform);
        for (let i = 0; i < runs; i++) {
          pull.pg.push((await enginePull(pgPlatform)).ms);
          pull.sqlite.push((await enginePull(sqlitePlatform)).ms);
          push.sqlite.push((await enginePush(sqlitePlatform, `pgbench-push-sqlite-${i}`)).ms);
          push.pg.push((await enginePush(pgPlatform, `pgbench-push-pg-${i}`)).ms);
          ctx.log(`platform-pg sync ${i + 1}/${runs}: pull pg ${Math.round(pull.pg.at(-1)!)} ms, embedded ${Math.round(pull.sqlite.at(-1)!)} ms; push pg ${Math.round(push.pg.at(-1)!)} ms, embedded ${Math.round(push.sqlite.at(-1)!)} ms`);
        }
      } finally {
        await pgPlatform.close();
        await sqlitePlatform.close();
      }

      const note = `${CLIENTS} clients × (snapshot + changes + ${SAVES} saves + 1 submit, one request each), ${DROP_RATE * 100}% dropped by the fault proxies (half before, half after the server answered), retried on the other backend`;
      return [
        {
          name: `platform-pg: load, throughput (requests/s)`,
          value: onPg.requests / (onPg.ms / 1000),
          unit: 'count',
          baseline: { label: 'embedded, 1 process', value: onSqlite.requests / (onSqlite.ms / 1000) },
          note: `${note}; PostgreSQL: ${onPg.requests} requests in ${Math.round(onPg.ms)} ms, ${onPg.retries} retries; every submission exactly once on both (checked)`,
        },
        {
          name: 'platform-pg: load, p50 latency',
          value: median(onPg.latencies),
          unit: 'ms',
          baseline: { label: 'embedded, 1 process', value: median(onSqlite.latencies) },
          note: 'client-observed, successful requests, through the proxy',
        },
        {
          name: 'platform-pg: load, p99 latency',
          value: percentile(onPg.latencies, 0.99),
          unit: 'ms',
          baseline: { label: 'embedded, 1 process', value: percentile(onSqlite.latencies, 0.99) },
          note: 'client-observed, successful requests, through the proxy',
        },
        {
          name: 'platform-pg: load, all clients done',
          value: onPg.ms,
          unit: 'ms',
          baseline: { label: 'embedded, 1 process', value: onSqlite.ms },
        },
        {
          name: `platform-pg: sync pull ${PULL_TASKS.toLocaleString('en-US')} tasks on PostgreSQL`,
          value: median(pull.pg),
          unit: 'ms',
          samples: pull.pg,
          baseline: { label: 'embedded', value: median(pull.sqlite) },
          note: 'the real sync engine, signIn → all tasks in the local store; the server in this process',
        },
        {
          name: `platform-pg: sync push ${PUSH_TASKS.toLocaleString('en-US')} submissions on PostgreSQL`,
          value: median(push.pg),
          unit: 'ms',
          samples: push.pg,
          baseline: { label: 'embedded', value: median(push.sqlite) },
          note: `${2 * PUSH_TASKS} mutations in batches of 100, each mutation its own SERIALIZABLE transaction on PostgreSQL`,
        },
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await postgres.stop();
    }
  },
};

if (require.main === module) {
  const ctx: BenchContext = { root, runs: 1, chromiumPath: '', log: (m) => process.stderr.write(`${m}\n`) };
  platformPgRows
    .run(ctx)
    .then((rows) => process.stdout.write(`${formatTable(rows)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}

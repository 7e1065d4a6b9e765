import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPlatformStore, type PlatformStore } from '../../platform';
import { pushResponseSchema, type MutationInput, type MutationResult } from '../../shared/sync/protocol';
import { createTestDatabase, describePostgres } from '../support/postgres/engines';
import { startServeProcess, type ServeProcess } from '../support/postgres/serveProcess';
import { client, makeTasks, mutation, reasoningAnnotation, toJsonl } from './helpers';

/**
 * Two real `platform serve` processes on one PostgreSQL database: whichever receives a mutation, or its
 * retry, it lands once; a process killed in the middle of a batch leaves nothing half-done, and the client's
 * retry against the other process finishes the batch exactly once.
 */
describePostgres('two platform serve processes on one database', () => {
  let database: { url: string; drop(): Promise<void> };
  let admin: PlatformStore;
  let a: ServeProcess;
  let b: ServeProcess;
  let expert = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Both processes start on an empty database at the same moment: the migrations run once.
    [a, b] = await Promise.all([startServeProcess(database.url), startServeProcess(database.url)]);
    admin = await openPlatformStore(database.url);
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled([a?.kill(), b?.kill()]);
    await admin?.close();
    await database?.drop();
  });

  /** A fresh expert holding `count` fresh tasks; the API client for each process. */
  const seed = async (count: number) => {
    expert += 1;
    const name = `mp${expert}`;
    const { token } = await admin.addUser(name, 'expert');
    await admin.importTasks({ project: name, fileName: `${name}.jsonl`, text: toJsonl(makeTasks(count, name).map((t) => ({ ...t, id: `${name}-${t.id}` }))) });
    const { assigned } = await admin.assign({ user: name, project: name, count });
    return { name, taskIds: assigned, onA: client(a.url, token), onB: client(b.url, token) };
  };

  /** Each task: two draft saves, then a submission (3 mutations per task), ids from 1. */
  const batchFor = (taskIds: readonly string[]): MutationInput[] =>
    taskIds.flatMap((taskId, i) => [
      mutation({ id: 3 * i + 1, taskId, type: 'save_draft', revision: 1, annotation: reasoningAnnotation(`${taskId} d1`) }),
      mutation({ id: 3 * i + 2, taskId, type: 'save_draft', revision: 2, annotation: reasoningAnnotation(`${taskId} d2`) }),
      mutation({ id: 3 * i + 3, taskId, type: 'submit', revision: 2, annotation: reasoningAnnotation(`${taskId} final`) }),
    ]);

  const count = async (text: string, params: unknown[]): Promise<number> => Number((await admin.db.query<{ n: number }>(text, params))[0]?.n ?? 0);

  /** Every submission of the batch is on the server exactly once, with its last annotation, and every mutation is logged once. */
  const expectExactlyOnce = async (clientId: string, taskIds: readonly string[], batch: readonly MutationInput[]) => {
    for (const m of batch.filter((x) => x.type === 'submit')) {
      const rows = await admin.db.query<{ annotation_json: string }>('SELECT annotation_json FROM submissions WHERE idempotency_key = ?', [m.idempotencyKey]);
      expect(rows, `submission of ${m.taskId}`).toHaveLength(1);
      expect(JSON.parse(rows[0]?.annotation_json ?? '{}')).toMatchObject({ finalAnswer: `${m.taskId} final` });
    }
    expect(await count(`SELECT count(*) AS n FROM submissions WHERE task_id IN (${taskIds.map(() => '?').join(',')})`, [...taskIds])).toBe(taskIds.length);
    expect(await count('SELECT count(*) AS n FROM mutations WHERE client_id = ?', [clientId])).toBe(batch.length);
    expect(await count('SELECT last_mutation_id AS n FROM clients WHERE id = ?', [clientId])).toBe(batch.length);
  };

  it('both processes start, migrate the empty database once, and answer /readyz', async () => {
    const applied = await admin.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied.map((r) => r.version)).size).toBe(applied.length);
    for (const p of [a, b]) {
      const res = await fetch(`${p.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ready: true, engine: 'postgres' });
    }
  });

  it('the same mutation batch sent to both processes at once lands once', async () => {
    for (let round = 0; round < 4; round++) {
      const { taskIds, onA, onB } = await seed(8);
      const clientId = `twin-${round}`;
      const batch = batchFor(taskIds);
      const [ra, rb] = await Promise.all([onA.post('/v1/mutations', { clientId, mutations: batch }), onB.post('/v1/mutations', { clientId, mutations: batch })]);
      expect(ra.status, ra.text).toBe(200);
      expect(rb.status, rb.text).toBe(200);
      const resultsA = pushResponseSchema.parse(ra.body).results;
      const resultsB = pushResponseSchema.parse(rb.body).results;
      // Each mutation was applied by exactly one process; the other answered with the stored result.
      batch.forEach((m, i) => {
        const pair = [resultsA[i], resultsB[i]] as MutationResult[];
        expect(pair.map((r) => r.status).sort(), `mutation ${m.id}`).toEqual(['applied', 'duplicate']);
      });
      // Both answers name the same submission for each submit.
      batch.forEach((m, i) => {
        if (m.type !== 'submit') return;
        const ids = [resultsA[i], resultsB[i]].map((r) => (r && 'submissionId' in r ? r.submissionId : undefined));
        expect(ids[0]).toBeDefined();
        expect(ids[0]).toBe(ids[1]);
      });
      await expectExactlyOnce(clientId, taskIds, batch);
    }
  }, 60_000);

  it('a process killed mid-batch leaves whole mutations only; the retry against the other lands the rest once', async () => {
    const { taskIds, onA, onB } = await seed(30);
    const clientId = 'crash-1';
    const batch = batchFor(taskIds); // 90 mutations, each its own transaction
    const pending = onA.post('/v1/mutations', { clientId, mutations: batch }).catch((error: unknown) => error);
    // Kill A once it has applied part of the batch.
    const deadline = Date.now() + 20_000;
    while ((await count('SELECT count(*) AS n FROM mutations WHERE client_id = ?', [clientId])) < 5) {
      if (Date.now() > deadline) throw new Error('process A applied nothing in 20 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await a.kill();
    expect(await pending).toBeInstanceOf(Error); // the connection died with the process: no answer
    const appliedBeforeRetry = await count('SELECT count(*) AS n FROM mutations WHERE client_id = ?', [clientId]);
    expect(appliedBeforeRetry).toBeGreaterThan(0);
    expect(appliedBeforeRetry).toBeLessThan(batch.length);
    // Whole mutations only: every logged mutation has its effect, and nothing unlogged has one.
    expect(await count('SELECT count(*) AS n FROM submissions s JOIN mutations m ON m.idempotency_key = s.idempotency_key WHERE m.client_id = ?', [clientId])).toBe(
      await count(`SELECT count(*) AS n FROM submissions WHERE task_id IN (${taskIds.map(() => '?').join(',')})`, [...taskIds]),
    );

    const retry = await onB.post('/v1/mutations', { clientId, mutations: batch });
    expect(retry.status, retry.text).toBe(200);
    const results = pushResponseSchema.parse(retry.body).results;
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(appliedBeforeRetry);
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(batch.length - appliedBeforeRetry);
    await expectExactlyOnce(clientId, taskIds, batch);

    // A is replaced; the new process serves the same state.
    a = await startServeProcess(database.url);
    const viaNew = client(a.url, await admin.issueToken(`mp${expert}`));
    const replay = pushResponseSchema.parse((await viaNew.post('/v1/mutations', { clientId, mutations: batch.slice(0, 3) })).body);
    expect(replay.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  }, 90_000);

  it('SIGTERM lets the batch in flight finish, then the process exits cleanly', async () => {
    const { taskIds, onB } = await seed(10);
    const clientId = 'term-1';
    const batch = batchFor(taskIds);
    const pending = onB.post('/v1/mutations', { clientId, mutations: batch });
    const deadline = Date.now() + 20_000;
    while ((await count('SELECT count(*) AS n FROM mutations WHERE client_id = ?', [clientId])) < 3) {
      if (Date.now() > deadline) throw new Error('process B applied nothing in 20 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const exit = b.stop();
    const res = await pending;
    expect(res.status, res.text).toBe(200);
    expect(pushResponseSchema.parse(res.body).results.every((r) => r.status === 'applied')).toBe(true);
    expect(await exit).toBe(0);
    await expectExactlyOnce(clientId, taskIds, batch);
    b = await startServeProcess(database.url);
  }, 60_000);

  it('leases go to one holder when both processes assign at once', async () => {
    await admin.addUser('mp-x', 'expert');
    await admin.addUser('mp-y', 'expert');
    await admin.importTasks({ project: 'race', fileName: 'race.jsonl', text: toJsonl(makeTasks(20, 'race').map((t) => ({ ...t, id: `race-${t.id}` }))) });
    const other = await openPlatformStore(database.url);
    try {
      const [x, y] = await Promise.all([admin.assign({ user: 'mp-x', project: 'race', count: 15 }), other.assign({ user: 'mp-y', project: 'race', count: 15 })]);
      const all = [...x.assigned, ...y.assigned];
      expect(new Set(all).size).toBe(all.length); // no task given to both
      expect(all).toHaveLength(20);
      expect(await count("SELECT count(*) AS n FROM assignments WHERE task_id LIKE 'race-%' AND ended_at IS NULL", [])).toBe(20);
    } finally {
      await other.close();
    }
  }, 60_000);
});

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPlatformServer, type PlatformServer } from '../../../platform';
import { findPostgresBin, startCluster, type TestCluster } from '../../support/postgres/cluster';
import { describePostgres } from '../../support/postgres/engines';
import { reasoningAnnotationOf, reasoningTasks, serverDraft, serverSubmissions, startSyncClient, tempDir, toJsonl } from '../../support/sync/syncHarness';
import type { TestCore } from '../../support/testCore';

/**
 * The database restarts (pg_ctl stop -m fast, start) while real clients sync through a platform on it: the
 * platform answers 503 meanwhile (never crashes), the clients keep their work and retry, and when the
 * database is back everything lands exactly once. Needs its own cluster (it stops it), so it runs where the
 * PostgreSQL binaries are; with only ASSAY_TEST_POSTGRES_URL it says so and skips.
 */
describePostgres('a database restart while clients sync', () => {
  const bin = findPostgresBin();
  let cluster: TestCluster | null = null;
  let server: PlatformServer;
  const cores: TestCore[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    if (bin === null) return;
    cluster = await startCluster();
    server = await createPlatformServer({ database: cluster.url, port: 0, log: () => undefined, postgres: { poolSize: 4 } });
  }, 60_000);
  afterAll(async () => {
    for (const core of cores) core.close();
    await server?.close();
    cluster?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const syncUntilClean = async (core: TestCore, deadline: number): Promise<void> => {
    for (;;) {
      const status = await core.call('syncNow');
      if (status.pending === 0 && status.lastError === null) return;
      if (Date.now() > deadline) throw new Error(`still not synced: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  // In CI the binaries are there (.ci/run installs them): never skipped there.
  it.skipIf(bin === null && (process.env.CI ?? '') === '')('clients back off while it is down and finish after, nothing lost, nothing twice', async () => {
    if (cluster === null) throw new Error('No PostgreSQL binaries to start a cluster that can be restarted (install Debian postgresql)');
    const experts = await Promise.all(
      ['ra', 'rb', 'rc'].map(async (name) => {
        const { token } = await server.store.addUser(name, 'expert');
        await server.store.importTasks({ project: name, fileName: `${name}.jsonl`, text: toJsonl(reasoningTasks(name, 3)) });
        const { assigned } = await server.store.assign({ user: name, project: name, count: 3 });
        const dir = tempDir();
        dirs.push(dir);
        const core = startSyncClient(dir, { timeout: { ms: 3_000 } });
        cores.push(core);
        await core.call('signIn', { platformUrl: server.url, token });
        expect(await core.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
        return { name, core, taskIds: assigned };
      }),
    );

    let errorsWhileDown = 0;
    let readyWhileDown: number | null = null;
    for (let round = 1; round <= 6; round++) {
      if (round === 2) cluster.stopServer();
      await Promise.all(
        experts.map(async ({ core, taskIds }) => {
          for (const taskId of taskIds) {
            await core.call('saveDraft', { taskId, annotation: reasoningAnnotationOf(`${taskId} r${round}`), activeSeconds: round });
          }
          if (round === 6) for (const taskId of taskIds) await core.call('submitTask', { taskId });
          const status = await core.call('syncNow');
          if (round >= 2 && round < 4 && status.lastError !== null) errorsWhileDown += 1;
        }),
      );
      if (round === 3) {
        readyWhileDown = (await fetch(`${server.url}/readyz`)).status;
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        cluster.startServer();
      }
    }
    // The restart really was met: syncs failed while it was down, and the platform said it was not ready.
    expect(errorsWhileDown).toBeGreaterThan(0);
    expect(readyWhileDown).toBe(503);

    const deadline = Date.now() + 30_000;
    await Promise.all(experts.map(({ core }) => syncUntilClean(core, deadline)));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    for (const { taskIds } of experts) {
      const submissions = await serverSubmissions(server, taskIds);
      expect(submissions).toHaveLength(taskIds.length);
      for (const taskId of taskIds) {
        const mine = submissions.filter((s) => s.task_id === taskId);
        expect(mine).toHaveLength(1);
        expect(JSON.parse(mine[0]?.annotation_json ?? '{}')).toMatchObject({ finalAnswer: `${taskId} r6` });
        expect((await serverDraft(server, taskId))?.revision).toBe(6);
      }
    }
  }, 120_000);
});

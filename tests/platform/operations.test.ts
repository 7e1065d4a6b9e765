import { request as httpRequest } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../platform';
import { runCli } from '../../platform/cli/commands';
import { LATEST_VERSION } from '../../platform/store/migrations';
import { pushResponseSchema } from '../../shared/sync/protocol';
import { createStoreLocation, describeEngines, testPostgresUrl } from '../support/postgres/engines';
import { client, makeTasks, mutation, reasoningAnnotation, startPlatform, toJsonl, type TestPlatform } from './helpers';

describeEngines('operations: probes, request log, graceful shutdown, banner', (engine) => {
  const started: TestPlatform[] = [];
  const start = async (options: Parameters<typeof startPlatform>[0] = {}) => {
    const p = await startPlatform({ engine, ...options });
    started.push(p);
    return p;
  };
  afterEach(async () => {
    for (const p of started.splice(0)) await p.close();
  });

  it('/healthz answers without a token; /readyz says whether the database answers at the current schema', async () => {
    const p = await start();
    const health = await fetch(`${p.server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${p.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, engine, schemaVersion: LATEST_VERSION, expected: LATEST_VERSION });
    // A schema behind this server's (another process rolled back, a restore): not ready.
    if (engine === 'sqlite') await p.server.store.db.query(`PRAGMA user_version = ${LATEST_VERSION - 1}`);
    else await p.server.store.db.query('DELETE FROM schema_migrations WHERE version = ?', [LATEST_VERSION]);
    const behind = await fetch(`${p.server.url}/readyz`);
    expect(behind.status).toBe(503);
    expect(await behind.json()).toMatchObject({ ready: false, schemaVersion: LATEST_VERSION - 1 });
  });

  it('logs one JSON entry per request, with no token, no query and no task or annotation text', async () => {
    const entries: RequestLogEntry[] = [];
    const p = await start({ requestLog: (e) => entries.push(e) });
    const { token } = await p.server.store.addUser('alice', 'expert');
    await p.server.store.importTasks({ project: 'math', fileName: 'a.jsonl', text: toJsonl(makeTasks(1)) });
    await p.server.store.assign({ user: 'alice', count: 1 });
    const api = client(p.server.url, token);
    const secret = 'the expert wrote THIS-IS-PRIVATE-TEXT';
    expect((await api.post('/v1/mutations', { clientId: 'c1', mutations: [mutation({ id: 1, taskId: 't0001', annotation: reasoningAnnotation(secret) })] })).status).toBe(200);
    const snapshot = await api.get('/v1/snapshot?limit=5');
    expect(snapshot.status).toBe(200);
    expect((await client(p.server.url, 'assay_wrong').get('/v1/me')).status).toBe(401);
    expect(entries.map((e) => [e.method, e.path, e.status])).toEqual([
      ['POST', '/v1/mutations', 200],
      ['GET', '/v1/snapshot', 200],
      ['GET', '/v1/me', 401],
    ]);
    expect(entries[0]).toMatchObject({ level: 'info', msg: 'request', user: expect.stringMatching(/^u_/) as unknown });
    expect(entries[0]?.ms).toBeGreaterThanOrEqual(0);
    expect(entries[2]).toMatchObject({ level: 'warn', user: null });
    const logged = JSON.stringify(entries);
    for (const leak of [token, 'assay_wrong', 'THIS-IS-PRIVATE-TEXT', 'Problem 0001', 'limit=5']) expect(logged).not.toContain(leak);
  });

  it('close() finishes a request in flight, then refuses connections', async () => {
    const p = await start({ shutdownGraceMs: 10_000 });
    const { token } = await p.server.store.addUser('alice', 'expert');
    await p.server.store.importTasks({ project: 'math', fileName: 'a.jsonl', text: toJsonl(makeTasks(1)) });
    await p.server.store.assign({ user: 'alice', count: 1 });
    const body = JSON.stringify({ clientId: 'c1', mutations: [mutation({ id: 1, taskId: 't0001' })] });
    const { port } = new URL(p.server.url);
    let closing: Promise<void> | null = null;
    // A push whose body arrives in two halves, with the shutdown starting in between.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/v1/mutations', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        closing = p.server.close();
        setTimeout(() => req.end(body.slice(20)), 300);
      }, 100);
    });
    const res = await answer;
    expect(res.status, res.text).toBe(200);
    expect(pushResponseSchema.parse(JSON.parse(res.text)).results[0]).toMatchObject({ status: 'applied' });
    await closing;
    await expect(fetch(`${p.server.url}/healthz`)).rejects.toThrow();
    started.splice(started.indexOf(p), 1);
    await p.close(); // close() is idempotent: this removes the data
  });

  it('serve prints where it listens and which database, never a password', async () => {
    const where = await createStoreLocation(engine);
    try {
      const withPassword = engine === 'postgres' ? where.location.replace('postgres://assay@', 'postgres://assay:s3cret-pw@') : where.location;
      const out: string[] = [];
      const args = engine === 'postgres' ? ['serve', '--database', withPassword, '--port', '0', '--pool-size', '3', '--statement-timeout', '5000'] : ['serve', '--data', withPassword, '--port', '0'];
      const outcome = await runCli(args, { out: (t) => out.push(t), err: (t) => out.push(t) }, {});
      if (outcome.kind !== 'serving') throw new Error(`serve did not start: ${out.join('')}`);
      try {
        const banner = out.join('');
        expect(banner).toMatch(/serving protocol v1 at http:\/\/127\.0\.0\.1:\d+/);
        expect(banner).toContain(engine === 'postgres' ? 'PostgreSQL' : 'embedded SQLite');
        expect(banner).not.toContain('s3cret-pw');
        if (engine === 'postgres') expect(banner).toContain('***@127.0.0.1');
      } finally {
        await outcome.server.close();
      }
    } finally {
      await where.remove();
    }
  });

  it.runIf(engine === 'postgres' && testPostgresUrl() !== null)('ASSAY_PLATFORM_DATABASE chooses PostgreSQL when no --data is given', async () => {
    const where = await createStoreLocation('postgres');
    try {
      const out: string[] = [];
      expect((await runCli(['user', 'add', '--role', 'expert', 'zoe'], { out: (t) => out.push(t), err: (t) => out.push(t) }, { ASSAY_PLATFORM_DATABASE: where.location })).kind).toBe('done');
      expect(out.join('')).toContain('Created expert zoe');
      const listed: string[] = [];
      await runCli(['user', 'list', '--database', where.location], { out: (t) => listed.push(t), err: (t) => listed.push(t) }, {});
      expect(listed.join('')).toContain('zoe\texpert');
    } finally {
      await where.remove();
    }
  });
});

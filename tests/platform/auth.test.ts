import { afterEach, beforeEach, expect, it } from 'vitest';
import { errorBodySchema, meResponseSchema, snapshotResponseSchema } from '../../shared/sync/protocol';
import { client, makeTasks, mutation, request, startPlatform, toJsonl, type TestPlatform } from './helpers';
import { describeEngines } from '../support/postgres/engines';

describeEngines('platform authentication and authorization', (engine) => {
  let p: TestPlatform;
  let alice: string;
  let bob: string;
  let rita: string;

  beforeEach(async () => {
    p = await startPlatform({ engine });
    const { store } = p.server;
    alice = (await store.addUser('alice', 'expert')).token;
    bob = (await store.addUser('bob', 'expert')).token;
    rita = (await store.addUser('rita', 'reviewer')).token;
    await store.importTasks({ project: 'math', fileName: 'tasks.jsonl', text: toJsonl(makeTasks(3)) });
    await store.assign({ user: 'alice', taskId: 't0001' });
    await store.assign({ user: 'bob', taskId: 't0002' });
  });
  afterEach(() => p.close());

  it.each([
    ['no token', null],
    ['a wrong token', 'assay_not-a-real-token'],
  ])('answers 401 with only an error body to %s, on every endpoint', async (_label, token) => {
    for (const [method, path] of [
      ['GET', '/v1/me'],
      ['GET', '/v1/changes'],
      ['GET', '/v1/snapshot'],
      ['POST', '/v1/mutations'],
      ['GET', '/v1/review/queue'],
      ['GET', '/v1/no-such-endpoint'],
    ] as const) {
      const res = await request(`${p.server.url}${path}`, { method, token, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await request(`${p.server.url}/v1/me`, { headers: { authorization: `Basic ${alice}` } });
    expect(res.status).toBe(401);
  });

  it('GET /v1/me tells who the token belongs to', async () => {
    const res = await client(p.server.url, alice).get('/v1/me');
    expect(res.status).toBe(200);
    const me = meResponseSchema.parse(res.body);
    expect(me.user).toMatchObject({ name: 'alice', role: 'expert' });
    expect(me.leaseSeconds).toBe(14 * 24 * 3600);
  });

  it('stores tokens hashed, never in clear', async () => {
    const rows = await p.server.store.db.query<{ hash: string }>('SELECT hash FROM tokens');
    expect(rows).toHaveLength(3);
    for (const { hash } of rows) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(alice);
  });

  it('shows an expert only their own tasks', async () => {
    const res = await client(p.server.url, alice).get('/v1/snapshot');
    const snap = snapshotResponseSchema.parse(res.body);
    const ids = snap.changes.flatMap((c) => (c.type === 'task_assigned' ? [c.task.id] : []));
    expect(ids).toEqual(['t0001']);
  });

  it("does not let an expert submit to another expert's task", async () => {
    const res = await client(p.server.url, alice).post('/v1/mutations', { clientId: 'c-alice', mutations: [mutation({ id: 1, taskId: 't0002' })] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ results: [{ id: 1, status: 'rejected', error: { code: 'not_found' } }] });
    expect(await p.server.store.submissionCount('t0002')).toBe(0);
  });

  it("does not let an expert use another user's client id", async () => {
    await client(p.server.url, bob).post('/v1/mutations', { clientId: 'c-shared', mutations: [mutation({ id: 1, taskId: 't0002', type: 'save_draft' })] });
    const res = await client(p.server.url, alice).post('/v1/mutations', { clientId: 'c-shared', mutations: [mutation({ id: 2, taskId: 't0001' })] });
    expect(res.status).toBe(403);
    expect(errorBodySchema.parse(res.body).error.code).toBe('forbidden');
  });

  it('keeps experts out of the review endpoints and reviewers out of mutations', async () => {
    expect((await client(p.server.url, alice).get('/v1/review/queue')).status).toBe(403);
    expect((await client(p.server.url, alice).post('/v1/reviews', { submissionId: 'x', verdict: 'accepted' })).status).toBe(403);
    const res = await client(p.server.url, rita).post('/v1/mutations', { clientId: 'c-rita', mutations: [mutation({ id: 1, taskId: 't0001' })] });
    expect(res.status).toBe(403);
  });

  it('answers 404 with an error body to an unknown endpoint for a signed-in user', async () => {
    const res = await client(p.server.url, alice).get('/v1/nothing');
    expect(res.status).toBe(404);
    expect(errorBodySchema.parse(res.body).error.code).toBe('not_found');
  });

  it('rate-limits with 429 and Retry-After when configured', async () => {
    const limited = await startPlatform({ engine, rateLimit: { requests: 2, windowMs: 60_000 } });
    try {
      const token = (await limited.server.store.addUser('carol', 'expert')).token;
      const api = client(limited.server.url, token);
      expect((await api.get('/v1/me')).status).toBe(200);
      expect((await api.get('/v1/me')).status).toBe(200);
      const third = await api.get('/v1/me');
      expect(third.status).toBe(429);
      expect(errorBodySchema.parse(third.body).error.code).toBe('rate_limited');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      limited.clock.advance(60_000);
      expect((await api.get('/v1/me')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

import { afterEach, beforeEach, expect, it } from 'vitest';
import { errorBodySchema, pushResponseSchema, type MutationInput } from '../../shared/sync/protocol';
import { DAY_MS, client, makeTasks, mutation, reasoningAnnotation, startPlatform, toJsonl, type TestPlatform } from './helpers';
import { describeEngines } from '../support/postgres/engines';

describeEngines('push: POST /v1/mutations', (engine) => {
  let p: TestPlatform;
  let alice: ReturnType<typeof client>;
  let bob: ReturnType<typeof client>;

  const push = async (api: ReturnType<typeof client>, clientId: string, mutations: MutationInput[]) => {
    const res = await api.post('/v1/mutations', { clientId, mutations });
    expect(res.status, res.text).toBe(200);
    return pushResponseSchema.parse(res.body);
  };

  beforeEach(async () => {
    p = await startPlatform({ engine });
    const { store } = p.server;
    alice = client(p.server.url, (await store.addUser('alice', 'expert')).token);
    bob = client(p.server.url, (await store.addUser('bob', 'expert')).token);
    await store.importTasks({ project: 'math', fileName: 'tasks.jsonl', text: toJsonl(makeTasks(5)) });
    await store.assign({ user: 'alice', count: 3 });
  });
  afterEach(() => p.close());

  it('records the task version of work, refuses an unknown version, and refuses a retired one only for submissions', async () => {
    const { store } = p.server;
    const changed = makeTasks(1).map((t) => ({ ...t, title: 'Problem 0001, corrected' }));
    await store.importTasks({ project: 'math', fileName: 'v2.jsonl', text: toJsonl(changed) });
    const onV1 = await push(alice, 'cv', [mutation({ id: 1, taskId: 't0001', taskVersion: 1 }), mutation({ id: 2, taskId: 't0001', taskVersion: 3 })]);
    expect(onV1.results[0]).toMatchObject({ status: 'applied' });
    expect(onV1.results[1]).toMatchObject({ status: 'rejected', error: { code: 'invalid', detail: 'taskVersion' } });
    const exported = (await store.exportText('submissions-jsonl')).trim().split('\n').map((l) => JSON.parse(l) as { taskVersion: number });
    expect(exported.map((s) => s.taskVersion)).toEqual([1]);

    await store.importTasks({ project: 'math', fileName: 'v3.jsonl', text: toJsonl(changed.map((t) => ({ ...t, title: 'Problem 0001, again' }))), retireOlder: true });
    const after = await push(alice, 'cv', [
      mutation({ id: 3, taskId: 't0001', type: 'save_draft', taskVersion: 2 }),
      mutation({ id: 4, taskId: 't0001', taskVersion: 2 }),
      mutation({ id: 5, taskId: 't0001', taskVersion: 3 }),
      mutation({ id: 6, taskId: 't0001' }),
    ]);
    expect(after.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied', 'applied']);
    expect(after.results[1]?.error).toMatchObject({ code: 'conflict', detail: 'taskVersion' });
    expect(after.results[1]?.error?.message).toContain('your work is on version 2, and the platform now takes only version 3');
    const versions = (await store.db.query<{ v: number }>(`SELECT task_version AS v FROM submissions WHERE task_id = 't0001' ORDER BY ${store.engine === 'sqlite' ? 'rowid' : 'row_seq'}`)).map((r) => r.v);
    expect(versions).toEqual([1, 3, 3]);
  });

  it('applies a submit once; the same mutation again answers duplicate with the stored result', async () => {
    const m = mutation({ id: 1, taskId: 't0001' });
    const first = await push(alice, 'c1', [m]);
    expect(first.results).toEqual([{ id: 1, status: 'applied', submissionId: expect.stringMatching(/^sub_/) }]);
    expect(first.lastMutationId).toBe(1);
    const again = await push(alice, 'c1', [m]);
    expect(again.results).toEqual([{ id: 1, status: 'duplicate', originalStatus: 'applied', submissionId: first.results[0]?.submissionId }]);
    expect(again.lastMutationId).toBe(1);
    expect(await p.server.store.submissionCount('t0001')).toBe(1);
  });

  it('answers duplicate for the same idempotency key sent under another client id (a reinstalled app)', async () => {
    const m = mutation({ id: 1, taskId: 't0001' });
    const first = await push(alice, 'c1', [m]);
    const replay = await push(alice, 'c2', [{ ...m, id: 7 }]);
    expect(replay.results[0]).toMatchObject({ id: 7, status: 'duplicate', originalStatus: 'applied', submissionId: first.results[0]?.submissionId });
    expect(replay.lastMutationId).toBe(7);
    expect(await p.server.store.submissionCount('t0001')).toBe(1);
  });

  it('replays a partly applied batch: the applied part is duplicate, the rest is applied, in order', async () => {
    const batch = [mutation({ id: 1, taskId: 't0001', type: 'save_draft' }), mutation({ id: 2, taskId: 't0001' }), mutation({ id: 3, taskId: 't0002' })];
    await push(alice, 'c1', batch.slice(0, 2));
    const res = await push(alice, 'c1', batch);
    expect(res.results.map((r) => [r.id, r.status])).toEqual([
      [1, 'duplicate'],
      [2, 'duplicate'],
      [3, 'applied'],
    ]);
    expect(res.lastMutationId).toBe(3);
  });

  it('applies mutations in order: a draft then a submit then a newer draft', async () => {
    const res = await push(alice, 'c1', [
      mutation({ id: 1, taskId: 't0001', type: 'save_draft', revision: 1, annotation: reasoningAnnotation('1') }),
      mutation({ id: 2, taskId: 't0001', type: 'submit', revision: 2, annotation: reasoningAnnotation('2') }),
      mutation({ id: 3, taskId: 't0001', type: 'save_draft', revision: 3, annotation: reasoningAnnotation('3') }),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const [draft] = await p.server.store.db.query<{ revision: number; annotation_json: string }>('SELECT revision, annotation_json FROM drafts');
    expect(draft?.revision).toBe(3);
    const exported = (await p.server.store.exportText('submissions-jsonl')).trim().split('\n').map((l) => JSON.parse(l) as { revision: number; annotation: { finalAnswer: string } });
    expect(exported.map((s) => [s.revision, s.annotation.finalAnswer])).toEqual([[2, '2']]);
  });

  it('refuses ids that do not increase: within a request (400) and below the last applied (rejected)', async () => {
    const bad = await alice.post('/v1/mutations', { clientId: 'c1', mutations: [mutation({ id: 2, taskId: 't0001' }), mutation({ id: 1, taskId: 't0002' })] });
    expect(bad.status).toBe(400);
    await push(alice, 'c1', [mutation({ id: 5, taskId: 't0001' })]);
    const res = await push(alice, 'c1', [mutation({ id: 4, taskId: 't0002' })]);
    expect(res.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid' } });
    expect(await p.server.store.submissionCount('t0002')).toBe(0);
  });

  it('accepts a submit after the lease expired while nobody else holds the task', async () => {
    p.clock.advance(30 * DAY_MS);
    const res = await push(alice, 'c1', [mutation({ id: 1, taskId: 't0001' })]);
    expect(res.results[0]?.status).toBe('applied');
    expect((await p.server.store.assignments.active('t0001'))?.lease_expires_ms).toBe(p.clock.now + 14 * DAY_MS);
  });

  it('answers lease_lost and quarantines the work when the task was reassigned', async () => {
    p.clock.advance(15 * DAY_MS);
    // The lease ran out, so no --force is needed to hand the task to someone else.
    const summary = await p.server.store.assign({ user: 'bob', taskId: 't0001' });
    expect(summary.reassigned).toEqual(['t0001']);
    const lost = mutation({ id: 1, taskId: 't0001' });
    const res = await push(alice, 'c1', [lost, mutation({ id: 2, taskId: 't0002' })]);
    expect(res.results[0]).toMatchObject({ id: 1, status: 'lease_lost', error: { code: 'lease_lost' }, quarantineId: expect.stringMatching(/^q_/) });
    expect(res.results[1]).toMatchObject({ id: 2, status: 'applied' });
    expect(await p.server.store.submissionCount('t0001')).toBe(0);
    expect(await p.server.store.quarantine()).toEqual([
      expect.objectContaining({ user: 'alice', taskId: 't0001', type: 'submit', reason: 'reassigned', clientId: 'c1', mutationId: 1 }),
    ]);
    // Bob, the new holder, can submit.
    expect((await push(bob, 'cb', [mutation({ id: 1, taskId: 't0001' })])).results[0]?.status).toBe('applied');
    // A replay of Alice's lost mutation gets the stored answer and no second quarantine row.
    const replay = await push(alice, 'c1', [lost]);
    expect(replay.results[0]).toEqual({ ...res.results[0], status: 'duplicate', originalStatus: 'lease_lost' });
    expect(await p.server.store.quarantine()).toHaveLength(1);
    // Reusing a mutation id with another idempotency key is a client bug, refused without effect.
    const reused = await push(alice, 'c1', [mutation({ id: 1, taskId: 't0002' })]);
    expect(reused.results[0]).toMatchObject({ status: 'rejected', error: { code: 'conflict', detail: 'id' } });
  });

  it('reclaims expired leases only when asked, after the free tasks', async () => {
    p.clock.advance(15 * DAY_MS);
    expect(await p.server.store.assign({ user: 'bob', count: 3 })).toEqual({ user: 'bob', assigned: ['t0004', 't0005'], reassigned: [] });
    expect(await p.server.store.assign({ user: 'bob', count: 1, reclaimExpired: true })).toEqual({ user: 'bob', assigned: ['t0001'], reassigned: ['t0001'] });
  });

  it('refuses to reassign a task under a live lease unless forced', async () => {
    await expect(p.server.store.assign({ user: 'bob', taskId: 't0001' })).rejects.toThrow(/held by alice/);
    expect((await p.server.store.assign({ user: 'bob', taskId: 't0001', force: true })).reassigned).toEqual(['t0001']);
  });

  it('answers lease_lost for a revoked task and keeps the draft in quarantine', async () => {
    await p.server.store.revoke('t0002');
    const res = await push(alice, 'c1', [mutation({ id: 1, taskId: 't0002', type: 'save_draft' })]);
    expect(res.results[0]).toMatchObject({ status: 'lease_lost', error: { code: 'lease_lost', message: expect.stringContaining('withdrawn') } });
    expect((await p.server.store.quarantine())[0]).toMatchObject({ taskId: 't0002', type: 'save_draft', reason: 'revoked' });
  });

  it('answers malformed JSON with 400 and a clear message', async () => {
    const res = await alice.post('/v1/mutations', '{"clientId": "c1", "mutations": [');
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(res.body).error).toMatchObject({ code: 'invalid', message: expect.stringContaining('not valid JSON') });
  });

  it('answers a body that fails the envelope schema with 400 naming the field', async () => {
    const res = await alice.post('/v1/mutations', { clientId: 'c1', mutations: [{ id: 'one', idempotencyKey: 'k' }] });
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(res.body).error).toMatchObject({ code: 'invalid', detail: 'mutations[0].id', message: expect.stringContaining('mutations[0].id') });
    expect((await alice.post('/v1/mutations', { clientId: 'c1', mutations: [] })).status).toBe(400);
  });

  it('rejects one malformed mutation without holding back the rest', async () => {
    const broken = { ...mutation({ id: 1, taskId: 't0001' }), annotation: { kind: 'reasoning', stepRatings: { s1: 7 } } };
    const res = await alice.post('/v1/mutations', { clientId: 'c1', mutations: [broken, mutation({ id: 2, taskId: 't0002' })] });
    const body = pushResponseSchema.parse(res.body);
    expect(body.results[0]).toMatchObject({ id: 1, status: 'rejected', error: { code: 'invalid', detail: 'annotation.stepRatings.s1' } });
    expect(body.results[1]).toMatchObject({ id: 2, status: 'applied' });
    expect(body.lastMutationId).toBe(2);
  });

  it('rejects an annotation of the wrong kind', async () => {
    const ranking = { kind: 'ranking' as const, displayOrder: ['a', 'b'] };
    const wrongKind = await push(alice, 'c1', [mutation({ id: 1, taskId: 't0001', annotation: ranking })]);
    expect(wrongKind.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid', detail: 'annotation.kind' } });
  });

  it('refuses a body over the size limit with 413', async () => {
    const small = await startPlatform({ engine, maxJsonBodyBytes: 1024 });
    try {
      const api = client(small.server.url, (await small.server.store.addUser('zed', 'expert')).token);
      const res = await api.post('/v1/mutations', { clientId: 'c1', mutations: [mutation({ id: 1, taskId: 't0001', annotation: reasoningAnnotation('x'.repeat(4000)) })] });
      expect(res.status).toBe(413);
      expect(errorBodySchema.parse(res.body).error.code).toBe('too_large');
      expect((await api.get('/v1/me')).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

import { afterEach, beforeEach, expect, it } from 'vitest';
import { pushResponseSchema, type MutationInput } from '../../shared/sync/protocol';
import { client, makeTasks, mutation, startPlatform, toJsonl, type TestPlatform } from './helpers';
import { describeEngines } from '../support/postgres/engines';

/** Each refusal of POST /v1/mutations, answered exactly (code, words, field), and what the log keeps of it. */
describeEngines('push refusals, exactly', (engine) => {
  let p: TestPlatform;
  let alice: ReturnType<typeof client>;
  let bob: ReturnType<typeof client>;

  const push = async (api: ReturnType<typeof client>, clientId: string, mutations: unknown[]) => {
    const res = await api.post('/v1/mutations', { clientId, mutations });
    expect(res.status, res.text).toBe(200);
    return pushResponseSchema.parse(res.body);
  };
  const resultOf = async (api: ReturnType<typeof client>, clientId: string, m: unknown) => (await push(api, clientId, [m])).results[0];

  beforeEach(async () => {
    p = await startPlatform({ engine });
    const { store } = p.server;
    alice = client(p.server.url, (await store.addUser('alice', 'expert')).token);
    bob = client(p.server.url, (await store.addUser('bob', 'expert')).token);
    await store.importTasks({ project: 'math', fileName: 'tasks.jsonl', text: toJsonl(makeTasks(5)) });
    await store.assign({ user: 'alice', count: 3 });
  });
  afterEach(() => p.close());

  it('refuses work on a task that is not assigned to the sender', async () => {
    expect(await resultOf(alice, 'c1', mutation({ id: 1, taskId: 't0005' }))).toEqual({
      id: 1,
      status: 'rejected',
      error: { code: 'not_found', message: 'Task t0005 is not assigned to you', detail: 'taskId' },
    });
    expect(await resultOf(alice, 'c1', mutation({ id: 2, taskId: 'nope' }))).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect(await p.server.store.submissionCount('t0005')).toBe(0);
  });

  it('refuses an idempotency key that belongs to another user, applying nothing', async () => {
    const m = mutation({ id: 1, taskId: 't0001' });
    await push(alice, 'c1', [m]);
    expect(await resultOf(bob, 'b1', { ...m, id: 1 })).toEqual({
      id: 1,
      status: 'rejected',
      error: { code: 'conflict', message: 'This idempotency key belongs to another user', detail: 'idempotencyKey' },
    });
    expect(await p.server.store.submissionCount('t0001')).toBe(1);
  });

  it('refuses an annotation of another kind than the task', async () => {
    const m = mutation({ id: 1, taskId: 't0001', annotation: { kind: 'ranking', displayOrder: ['a', 'b'], ranks: {}, ratings: {}, justification: '' } as never });
    expect(await resultOf(alice, 'c1', m)).toEqual({
      id: 1,
      status: 'rejected',
      error: { code: 'invalid', message: 'Task t0001 is a reasoning task; the annotation is for ranking', detail: 'annotation.kind' },
    });
  });

  it('refuses work on a task a reviewer has accepted', async () => {
    const first = await resultOf(alice, 'c1', mutation({ id: 1, taskId: 't0001' }));
    const reviewer = (await p.server.store.addUser('rita', 'reviewer')).user;
    await p.server.store.reviews.post(reviewer, { submissionId: (first as { submissionId: string }).submissionId, verdict: 'accepted', comments: [] });
    expect(await resultOf(alice, 'c1', mutation({ id: 2, taskId: 't0001', type: 'save_draft', revision: 2 }))).toEqual({
      id: 2,
      status: 'rejected',
      error: { code: 'conflict', message: 'Task t0001 was already accepted by a reviewer; later changes are not taken' },
    });
  });

  it('refuses a mutation id reused with another key, and one not above the last applied', async () => {
    await push(alice, 'c1', [mutation({ id: 5, taskId: 't0001' })]);
    expect(await resultOf(alice, 'c1', mutation({ id: 5, taskId: 't0002' }))).toEqual({
      id: 5,
      status: 'rejected',
      error: { code: 'conflict', message: 'Mutation id 5 was already used by this client with another idempotency key', detail: 'id' },
    });
    expect(await resultOf(alice, 'c1', mutation({ id: 4, taskId: 't0002' }))).toEqual({
      id: 4,
      status: 'rejected',
      error: { code: 'invalid', message: "Mutation id 4 is not above this client's last applied id 5; ids must increase", detail: 'id' },
    });
  });

  it('names the field of a mutation that does not match the protocol, and logs what it can of it', async () => {
    const bad = { ...mutation({ id: 1, taskId: 't0001' }), revision: 0 };
    const result = await resultOf(alice, 'c1', bad);
    expect(result).toMatchObject({ id: 1, status: 'rejected', error: { code: 'invalid', detail: 'revision' } });
    expect((result as { error: { message: string } }).error.message).toMatch(/^The mutation does not match the protocol at revision: \S/);
    const weird = { ...mutation({ id: 2, taskId: 't0001' }), type: 'x'.repeat(80), taskId: 42 };
    await resultOf(alice, 'c1', weird);
    const logged = await p.server.store.db.query<{ mutation_id: number; type: string; task_id: string }>(
      "SELECT mutation_id, type, task_id FROM mutations WHERE client_id = 'c1' ORDER BY mutation_id",
    );
    expect(logged).toEqual([
      { mutation_id: 1, type: 'submit', task_id: 't0001' },
      { mutation_id: 2, type: 'x'.repeat(50), task_id: '' },
    ]);
  });

  it('refuses a client id that belongs to another user, and keeps track of when each client was last seen', async () => {
    await push(alice, 'c1', [mutation({ id: 1, taskId: 't0001' })]);
    const res = await bob.post('/v1/mutations', { clientId: 'c1', mutations: [mutation({ id: 2, taskId: 't0004' })] as MutationInput[] });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden', message: 'This client id belongs to another user', detail: 'clientId' } });
    const seen = async () => (await p.server.store.db.query<{ at: string }>("SELECT last_seen_at AS at FROM clients WHERE id = 'c1'"))[0]?.at;
    const before = await seen();
    p.clock.advance(60_000);
    await push(alice, 'c1', [mutation({ id: 2, taskId: 't0002', type: 'save_draft' })]);
    expect(await seen()).not.toBe(before);
    expect(Date.parse((await seen()) ?? '') - Date.parse(before ?? '')).toBe(60_000);
  });
});

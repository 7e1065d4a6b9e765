import { afterEach, beforeEach, expect, it } from 'vitest';
import { changesResponseSchema, postReviewResponseSchema, pushResponseSchema } from '../../shared/sync/protocol';
import { client, makeTasks, mutation, reasoningAnnotation, startPlatform, toJsonl, type TestPlatform } from './helpers';
import { describeEngines } from '../support/postgres/engines';

describeEngines('POST /v1/reviews with an idempotency key', (engine) => {
  let p: TestPlatform;
  let alice: ReturnType<typeof client>;
  let rita: ReturnType<typeof client>;
  let rob: ReturnType<typeof client>;
  let submissionId: string;

  beforeEach(async () => {
    p = await startPlatform({ engine });
    const { store } = p.server;
    alice = client(p.server.url, (await store.addUser('alice', 'expert')).token);
    rita = client(p.server.url, (await store.addUser('rita', 'reviewer')).token);
    rob = client(p.server.url, (await store.addUser('rob', 'reviewer')).token);
    await store.importTasks({ project: 'math', fileName: 'tasks.jsonl', text: toJsonl(makeTasks(1)) });
    await store.assign({ user: 'alice', count: 1 });
    const res = await alice.post('/v1/mutations', { clientId: 'c1', mutations: [mutation({ id: 1, taskId: 't0001', revision: 1, annotation: reasoningAnnotation('4') })] });
    submissionId = pushResponseSchema.parse(res.body).results[0]!.submissionId!;
  });
  afterEach(() => p.close());

  const reviewsStored = async (): Promise<number> => Number((await p.server.store.db.query<{ n: number }>('SELECT count(*) AS n FROM reviews'))[0]?.n ?? 0);

  it('answers a replay with the stored review and no second effect', async () => {
    const body = { submissionId, verdict: 'returned', comments: [{ anchor: 'finalAnswer', body: 'Show the work.' }], idempotencyKey: 'verdict-0001' };
    const first = await rita.post('/v1/reviews', body);
    expect(first.status).toBe(201);
    const replay = await rita.post('/v1/reviews', body);
    expect(replay.status).toBe(200);
    const a = postReviewResponseSchema.parse(first.body);
    const b = postReviewResponseSchema.parse(replay.body);
    expect(b).toEqual({ review: a.review, duplicate: true });
    expect(await reviewsStored()).toBe(1);
    // The expert got one review change.
    const feed = changesResponseSchema.parse((await alice.get('/v1/changes')).body);
    expect(feed.changes.filter((c) => c.type === 'review')).toHaveLength(1);
  });

  it('keeps keys per reviewer: another reviewer with the same key is a new verdict (here a conflict)', async () => {
    expect((await rita.post('/v1/reviews', { submissionId, verdict: 'accepted', idempotencyKey: 'verdict-0002' })).status).toBe(201);
    expect((await rob.post('/v1/reviews', { submissionId, verdict: 'accepted', idempotencyKey: 'verdict-0002' })).status).toBe(409);
    expect(await reviewsStored()).toBe(1);
  });

  it('refuses a key that is too short, naming the field', async () => {
    const res = await rita.post('/v1/reviews', { submissionId, verdict: 'accepted', idempotencyKey: 'k' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('idempotencyKey');
  });
});

import { afterEach, beforeEach, expect, it } from 'vitest';
import { changesResponseSchema, errorBodySchema, postReviewResponseSchema, pushResponseSchema, reviewQueueResponseSchema, snapshotResponseSchema } from '../../shared/sync/protocol';
import { client, makeTasks, mutation, reasoningAnnotation, startPlatform, toJsonl, type TestPlatform } from './helpers';
import { describeEngines } from '../support/postgres/engines';

describeEngines('reviews: GET /v1/review/queue, POST /v1/reviews', (engine) => {
  let p: TestPlatform;
  let alice: ReturnType<typeof client>;
  let rita: ReturnType<typeof client>;
  let cursor: string;

  const submit = async (id: number, taskId: string, finalAnswer = '4') => {
    const res = await alice.post('/v1/mutations', { clientId: 'c1', mutations: [mutation({ id, taskId, revision: id, annotation: reasoningAnnotation(finalAnswer) })] });
    const body = pushResponseSchema.parse(res.body);
    const submissionId = body.results[0]?.submissionId;
    if (submissionId === undefined) throw new Error(`submit failed: ${res.text}`);
    return submissionId;
  };

  beforeEach(async () => {
    p = await startPlatform({ engine });
    const { store } = p.server;
    alice = client(p.server.url, (await store.addUser('alice', 'expert')).token);
    rita = client(p.server.url, (await store.addUser('rita', 'reviewer')).token);
    await store.importTasks({ project: 'math', fileName: 'tasks.jsonl', text: toJsonl(makeTasks(3)) });
    await store.assign({ user: 'alice', count: 2 });
    cursor = changesResponseSchema.parse((await alice.get('/v1/changes')).body).cursor;
  });
  afterEach(() => p.close());

  it('queues the latest submission per task and puts the verdict with anchored comments in the expert’s feed', async () => {
    await submit(1, 't0001', 'first try');
    const latest = await submit(2, 't0001', 'second try');
    await submit(3, 't0002');
    const queue = reviewQueueResponseSchema.parse((await rita.get('/v1/review/queue')).body);
    expect(queue.items.map((i) => [i.task.id, i.submissionId])).toEqual([
      ['t0001', latest],
      ['t0002', expect.any(String)],
    ]);
    expect(queue.items[0]).toMatchObject({ expert: 'alice', revision: 2, annotation: { finalAnswer: 'second try' }, task: { lease: null } });

    const posted = await rita.post('/v1/reviews', { submissionId: latest, verdict: 'returned', comments: [{ anchor: 'stepRatings.s1', body: 'Step 1 is fine; the final answer is not.' }] });
    expect(posted.status).toBe(201);
    const { review } = postReviewResponseSchema.parse(posted.body);
    expect(review).toMatchObject({ taskId: 't0001', submissionId: latest, verdict: 'returned', reviewer: 'rita', fixedAnnotation: null });

    const feed = changesResponseSchema.parse((await alice.get(`/v1/changes?cursor=${encodeURIComponent(cursor)}`)).body);
    expect(feed.changes).toEqual([{ type: 'review', at: review.reviewedAt, review }]);
    expect(review.comments[0]).toMatchObject({ anchor: { kind: 'path', path: 'stepRatings.s1' }, author: 'rita' });

    // The snapshot carries the review too, and the returned state.
    const snap = snapshotResponseSchema.parse((await alice.get('/v1/snapshot')).body);
    expect(snap.changes.slice(0, 2)).toEqual([
      expect.objectContaining({ type: 'task_assigned', assignment: { id: expect.any(String), state: 'returned', lastSubmissionId: latest } }),
      { type: 'review', at: review.reviewedAt, review },
    ]);
    // Reviewed work leaves the queue; a second verdict on it is a conflict.
    expect(reviewQueueResponseSchema.parse((await rita.get('/v1/review/queue')).body).items).toHaveLength(1);
    expect((await rita.post('/v1/reviews', { submissionId: latest, verdict: 'accepted' })).status).toBe(409);
  });

  it('accepts a fixed verdict only with the fixed annotation, and an accepted task takes no more work', async () => {
    const submissionId = await submit(1, 't0001');
    const missing = await rita.post('/v1/reviews', { submissionId, verdict: 'fixed' });
    expect(missing.status).toBe(400);
    expect(errorBodySchema.parse(missing.body).error.detail).toBe('fixedAnnotation');
    const fixed = await rita.post('/v1/reviews', { submissionId, verdict: 'fixed', fixedAnnotation: reasoningAnnotation('4 (fixed)') });
    expect(fixed.status).toBe(201);
    expect((await p.server.store.status()).projects[0]?.byState.accepted).toBe(1);
    const late = pushResponseSchema.parse((await alice.post('/v1/mutations', { clientId: 'c1', mutations: [mutation({ id: 9, taskId: 't0001', type: 'save_draft' })] })).body);
    expect(late.results[0]).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });
  });

  it('answers 404 for an unknown submission', async () => {
    const res = await rita.post('/v1/reviews', { submissionId: 'sub_nope', verdict: 'accepted' });
    expect(res.status).toBe(404);
  });
});

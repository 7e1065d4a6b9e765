import { afterEach, beforeEach, expect, it } from 'vitest';
import { postCommentReplyResponseSchema, postReviewResponseSchema, pushResponseSchema, reviewQueueResponseSchema } from '../../shared/sync/protocol';
import { client, makeTasks, mutation, reasoningAnnotation, startPlatform, toJsonl, type TestPlatform } from './helpers';
import { describeEngines } from '../support/postgres/engines';

describeEngines('POST /v1/comment-replies and the activity signals in the review queue', (engine) => {
  let p: TestPlatform;
  let alice: ReturnType<typeof client>;
  let bob: ReturnType<typeof client>;
  let rita: ReturnType<typeof client>;
  let mutationId = 0;

  const submit = async (taskId: string, activeSeconds: number, as = alice, clientId = 'c-alice', activity?: unknown) => {
    mutationId += 1;
    const res = await as.post('/v1/mutations', {
      clientId,
      mutations: [{ ...mutation({ id: mutationId, taskId, revision: mutationId, activeSeconds, annotation: reasoningAnnotation('4') }), ...(activity ? { activity } : {}) }],
    });
    const submissionId = pushResponseSchema.parse(res.body).results[0]?.submissionId;
    if (!submissionId) throw new Error(`submit failed: ${res.text}`);
    return submissionId;
  };

  const returnWithComments = async (submissionId: string) => {
    const res = await rita.post('/v1/reviews', {
      submissionId,
      verdict: 'returned',
      idempotencyKey: `verdict-${submissionId}`,
      comments: [
        { anchor: { kind: 'step', stepId: 's1', quote: { exact: '0 + 0', prefix: '', suffix: ' = 0', start: 0, end: 5 } }, body: 'Say why.' },
        { anchor: { kind: 'justification', field: 'finalAnswer' }, body: 'Give the unit.' },
      ],
    });
    expect(res.status).toBe(201);
    return postReviewResponseSchema.parse(res.body).review;
  };

  const repliesStored = async (): Promise<number> => Number((await p.server.store.db.query<{ n: number }>('SELECT count(*) AS n FROM comment_replies'))[0]?.n ?? 0);

  beforeEach(async () => {
    p = await startPlatform({ engine });
    const { store } = p.server;
    alice = client(p.server.url, (await store.addUser('alice', 'expert')).token);
    bob = client(p.server.url, (await store.addUser('bob', 'expert')).token);
    rita = client(p.server.url, (await store.addUser('rita', 'reviewer')).token);
    await store.importTasks({ project: 'math', fileName: 'tasks.jsonl', text: toJsonl(makeTasks(4)) });
    await store.assign({ user: 'alice', count: 3 });
    await store.assign({ user: 'bob', count: 1 });
  });
  afterEach(() => p.close());

  it('takes the expert’s reply once, keeps the anchors, and shows the replies to the reviewer with the resubmission', async () => {
    const first = await submit('t0001', 60);
    const review = await returnWithComments(first);
    expect(review.comments.map((c) => c.anchor.kind)).toEqual(['step', 'justification']);

    const body = { reviewId: review.id, commentId: review.comments[0]!.id, body: 'Because 0 is the identity.', idempotencyKey: 'reply-0001-abcdef' };
    const posted = await alice.post('/v1/comment-replies', body);
    expect(posted.status).toBe(201);
    const { reply } = postCommentReplyResponseSchema.parse(posted.body);
    expect(reply).toMatchObject({ reviewId: review.id, commentId: 'c1', author: 'alice', body: 'Because 0 is the identity.' });
    // Sent again (a lost answer): the stored reply, no second row.
    const replay = await alice.post('/v1/comment-replies', body);
    expect(replay.status).toBe(200);
    expect(postCommentReplyResponseSchema.parse(replay.body)).toEqual({ reply, duplicate: true });
    expect(await repliesStored()).toBe(1);

    // The reviewer sees the earlier review and the reply with the next submission.
    const second = await submit('t0001', 90);
    const queue = reviewQueueResponseSchema.parse((await rita.get('/v1/review/queue')).body);
    const item = queue.items.find((i) => i.submissionId === second)!;
    expect(item.earlierReviews).toEqual([{ review, replies: [reply] }]);
  });

  it('refuses a reply from another expert, to an unknown comment or review, from a reviewer, and without a key', async () => {
    const review = await returnWithComments(await submit('t0001', 60));
    const reply = (commentId: string, reviewId = review.id) => ({ reviewId, commentId, body: 'Noted.', idempotencyKey: `reply-${commentId}-${reviewId}` });
    expect((await bob.post('/v1/comment-replies', reply('c1'))).status).toBe(403);
    const unknownComment = await alice.post('/v1/comment-replies', reply('c9'));
    expect(unknownComment.status).toBe(404);
    expect(JSON.stringify(unknownComment.body)).toContain('commentId');
    expect((await alice.post('/v1/comment-replies', reply('c1', 'rev_nope'))).status).toBe(404);
    expect((await rita.post('/v1/comment-replies', reply('c1'))).status).toBe(403);
    const noKey = await alice.post('/v1/comment-replies', { reviewId: review.id, commentId: 'c1', body: 'x' });
    expect(noKey.status).toBe(400);
    expect(JSON.stringify(noKey.body)).toContain('idempotencyKey');
    expect(await repliesStored()).toBe(0);
  });

  it('stores the pastes a submission carried (size and time only) and serves them with the project median', async () => {
    const pastes = [{ target: 'justification', chars: 1800, at: '2030-01-01T00:00:05.000Z' }];
    await submit('t0001', 100, alice, 'c-alice', { pastes });
    await submit('t0002', 300);
    await submit('t0003', 200);
    await submit('t0004', 1000, bob, 'c-bob');
    const items = reviewQueueResponseSchema.parse((await rita.get('/v1/review/queue')).body).items;
    const first = items.find((i) => i.task.id === 't0001')!;
    expect(first.activity).toEqual({ pastes, projectMedianSeconds: 250 });
    expect(items.find((i) => i.task.id === 't0002')!.activity).toEqual({ pastes: [], projectMedianSeconds: 250 });
    // A paste signal with anything beyond size, time and place is refused: content never travels.
    mutationId += 1;
    const leaky = await alice.post('/v1/mutations', {
      clientId: 'c-alice',
      mutations: [{ ...mutation({ id: mutationId, taskId: 't0002', revision: 9 }), activity: { pastes: [{ ...pastes[0], text: 'secret' }] } }],
    });
    expect(pushResponseSchema.parse(leaky.body).results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid' } });
  });
});

import { describe, expect, it } from 'vitest';
import { reasoningAnnotationOf, startSyncClient, tempDir, type SyncPlatform, useSyncPlatform } from '../../support/sync/syncHarness';

let platform: SyncPlatform;
let seq = 0;
const { cores, dirs } = useSyncPlatform((started) => (platform = started));

const client = async (token: string) => {
  const dir = tempDir();
  dirs.push(dir);
  const core = startSyncClient(dir);
  cores.push(core);
  await core.call('signIn', { platformUrl: platform.proxy.url, token });
  return core;
};

const repliesOn = (reviewId: string): Promise<{ body: string }[]> =>
  platform.server.store.db.query<{ body: string }>('SELECT body FROM comment_replies WHERE review_id = ?', [reviewId]);

describe('an expert’s replies and the activity signals of their work', () => {
  it('carries the large pastes with the submission, and sends a reply through the outbox exactly once, even when the answer is lost', async () => {
    seq += 1;
    const expert = await platform.seedExpert(`cexpert${seq}`, `cr${seq}`, 1);
    const taskId = expert.taskIds[0]!;
    const expertCore = await client(expert.token);
    await expertCore.call('syncNow');
    await expertCore.call('saveDraft', { taskId, annotation: reasoningAnnotationOf('42'), activeSeconds: 30 });
    // A paste below the threshold is not a signal; one above is recorded with its size only.
    await expect(expertCore.call('recordPaste', { taskId, target: 'justification', chars: 12 })).rejects.toThrow();
    expect(await expertCore.call('recordPaste', { taskId, target: 'justification', chars: 1500 })).toEqual({ recorded: true });
    await expertCore.call('submitTask', { taskId });
    // Once submitted the task is read-only: no more signals for it.
    expect(await expertCore.call('recordPaste', { taskId, target: 'justification', chars: 900 })).toEqual({ recorded: false });
    expect(await expertCore.call('syncNow')).toMatchObject({ pending: 0, lastError: null });

    const { token } = await platform.server.store.addUser(`creviewer${seq}`, 'reviewer');
    const reviewer = await client(token);
    await reviewer.call('syncNow');
    const entry = (await reviewer.call('listReviewQueue')).items.find((i) => i.taskId === taskId)!;
    const open = await reviewer.call('openReviewItem', { submissionId: entry.submissionId });
    expect(open.item.activity?.pastes).toEqual([{ target: 'justification', chars: 1500, at: expect.any(String) }]);
    await reviewer.call('submitReviewVerdict', {
      submissionId: entry.submissionId,
      verdict: 'returned',
      comments: [
        { anchor: { kind: 'step', stepId: 's1', quote: { exact: 'carry', prefix: '', suffix: '', start: 3, end: 8 } }, body: 'Where is the carry?' },
        { anchor: { kind: 'justification', field: 'finalAnswer' }, body: 'Units.' },
      ],
    });
    expect(await reviewer.call('syncNow')).toMatchObject({ pending: 0, lastError: null });

    await expertCore.call('syncNow');
    const back = await expertCore.call('openTask', { id: taskId });
    expect(back.review?.comments.map((c) => c.anchor.kind)).toEqual(['step', 'justification']);
    const reviewId = back.review!.id!;
    const reply = await expertCore.call('replyToComment', { taskId, reviewId, commentId: 'c1', body: 'It is in step 2.' });
    expect(reply).toMatchObject({ state: 'pending', commentId: 'c1' });
    await expect(expertCore.call('replyToComment', { taskId, reviewId, commentId: 'c7', body: 'x' })).rejects.toThrow(/no comment c7/);
    expect((await expertCore.call('getSyncStatus')).pending).toBe(1);

    // The platform stores the reply, then the connection drops before its answer: the next sync resends it, once.
    platform.proxy.enqueueFor('/v1/comment-replies', { kind: 'drop_after' });
    await expertCore.call('syncNow');
    expect(await repliesOn(reviewId)).toHaveLength(1);
    expect(await expertCore.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
    expect(await repliesOn(reviewId)).toEqual([{ body: 'It is in step 2.' }]);
    expect(await expertCore.call('listCommentReplies', { taskId })).toEqual([expect.objectContaining({ state: 'sent', body: 'It is in step 2.' })]);

    // Fixed and submitted again: the reviewer sees the earlier review with the reply.
    await expertCore.call('saveDraft', { taskId, annotation: reasoningAnnotationOf('43'), activeSeconds: 50 });
    await expertCore.call('submitTask', { taskId });
    await expertCore.call('syncNow');
    await reviewer.call('syncNow');
    const again = (await reviewer.call('listReviewQueue')).items.find((i) => i.taskId === taskId)!;
    const reopened = await reviewer.call('openReviewItem', { submissionId: again.submissionId });
    expect(reopened.item.earlierReviews?.[0]?.replies.map((r) => r.body)).toEqual(['It is in step 2.']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  reasoningAnnotationOf,
  startSyncClient,
  tempDir,
  type SyncPlatform,
  useSyncPlatform,
} from '../../support/sync/syncHarness';

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

/** An expert who submitted one reasoning task, and a signed-in reviewer who has not synced yet. */
const submitted = async () => {
  seq += 1;
  const expert = await platform.seedExpert(`rexpert${seq}`, `rv${seq}`, 1);
  const taskId = expert.taskIds[0]!;
  const expertCore = await client(expert.token);
  await expertCore.call('syncNow');
  await expertCore.call('saveDraft', { taskId, annotation: reasoningAnnotationOf('42'), activeSeconds: 30 });
  await expertCore.call('submitTask', { taskId });
  expect(await expertCore.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
  const { token } = await platform.server.store.addUser(`reviewer${seq}`, 'reviewer');
  const reviewer = await client(token);
  return { taskId, project: `rv${seq}`, expertCore, reviewer };
};

const reviewsOf = async (taskId: string): Promise<number> =>
  Number((await platform.server.store.db.query<{ n: number }>('SELECT count(*) AS n FROM reviews WHERE task_id = ?', [taskId]))[0]?.n ?? 0);

describe('a reviewer in the app', () => {
  it('pulls the queue into the local store, returns a submission, and the expert sees the comment', async () => {
    const { taskId, project, expertCore, reviewer } = await submitted();
    await reviewer.call('syncNow');
    const { items, role } = await reviewer.call('listReviewQueue');
    expect(role).toBe('reviewer');
    const entry = items.find((i) => i.taskId === taskId);
    expect(entry).toMatchObject({ project, kind: 'reasoning', activeSeconds: 30, revision: 1 });
    const open = await reviewer.call('openReviewItem', { submissionId: entry!.submissionId });
    expect(open.item.annotation).toMatchObject({ finalAnswer: '42' });
    expect(open.verdict).toBeNull();

    const state = await reviewer.call('submitReviewVerdict', {
      submissionId: entry!.submissionId,
      verdict: 'returned',
      comments: [{ anchor: 'finalAnswer', body: 'Show the carry.' }],
    });
    expect(state).toMatchObject({ verdict: 'returned', state: 'pending' });
    expect((await reviewer.call('getSyncStatus')).pending).toBe(1);
    // Given here, it leaves the list at once, before any sync.
    expect((await reviewer.call('listReviewQueue')).items.some((i) => i.taskId === taskId)).toBe(false);

    expect(await reviewer.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
    expect(await reviewsOf(taskId)).toBe(1);
    expect((await reviewer.call('openReviewItem', { submissionId: entry!.submissionId }).catch((e: Error) => e.message))).toMatch(/not in the review queue/);

    await expertCore.call('syncNow');
    const back = await expertCore.call('openTask', { id: taskId });
    expect(back.status).toBe('returned');
    // The expert's revisions are attributed to them and chained.
    expect(await expertCore.call('verifyTaskHistory', { taskId })).toMatchObject({ intact: true, revisions: 1 });
    const audit = (await expertCore.call('exportTaskAudit', { taskId })).text.trim().split('\n').map((l) => JSON.parse(l) as { author: string | null });
    expect(audit.map((l) => l.author)).toEqual([expect.stringMatching(/^rexpert/)]);
    expect(back.review).toMatchObject({ verdict: 'returned', comments: [{ anchor: { kind: 'path', path: 'finalAnswer' }, body: 'Show the carry.' }] });
  });

  it('sends a verdict exactly once when the answer to the first send is lost', async () => {
    const { taskId, reviewer } = await submitted();
    await reviewer.call('syncNow');
    const entry = (await reviewer.call('listReviewQueue')).items.find((i) => i.taskId === taskId)!;
    await reviewer.call('submitReviewVerdict', { submissionId: entry.submissionId, verdict: 'accepted', comments: [] });
    // The platform records the verdict, then the connection drops before its answer arrives.
    platform.proxy.enqueueFor('/v1/reviews', { kind: 'drop_after' });
    const failed = await reviewer.call('syncNow');
    expect(failed.pending).toBe(1);
    expect(await reviewsOf(taskId)).toBe(1);
    expect(await reviewer.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
    expect(await reviewsOf(taskId)).toBe(1);
  });

  it('keeps a verdict given offline and sends it when back online', async () => {
    const { taskId, reviewer } = await submitted();
    await reviewer.call('syncNow');
    const entry = (await reviewer.call('listReviewQueue')).items.find((i) => i.taskId === taskId)!;
    await reviewer.call('setWorkOffline', { offline: true });
    await reviewer.call('submitReviewVerdict', { submissionId: entry.submissionId, verdict: 'accepted', comments: [] });
    expect(await reviewsOf(taskId)).toBe(0);
    await reviewer.call('setWorkOffline', { offline: false });
    expect(await reviewer.call('syncNow')).toMatchObject({ pending: 0 });
    expect(await reviewsOf(taskId)).toBe(1);
  });

  it('sends a fix with the corrected annotation; the expert sees the task accepted as fixed', async () => {
    const { taskId, expertCore, reviewer } = await submitted();
    await reviewer.call('syncNow');
    const entry = (await reviewer.call('listReviewQueue')).items.find((i) => i.taskId === taskId)!;
    const fixed = reasoningAnnotationOf('43');
    await expect(reviewer.call('submitReviewVerdict', { submissionId: entry.submissionId, verdict: 'fixed', comments: [] })).rejects.toThrow(/corrected annotation/);
    await reviewer.call('submitReviewVerdict', { submissionId: entry.submissionId, verdict: 'fixed', comments: [], fixedAnnotation: fixed });
    expect(await reviewer.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
    const stored = (await platform.server.store.db.query<{ record_json: string }>('SELECT record_json FROM reviews WHERE task_id = ?', [taskId]))[0]!.record_json;
    expect(JSON.parse(stored)).toMatchObject({ verdict: 'fixed', fixedAnnotation: { finalAnswer: '43' } });
    await expertCore.call('syncNow');
    const back = await expertCore.call('openTask', { id: taskId });
    expect(back.status).toBe('accepted');
    expect(back.review).toMatchObject({ verdict: 'fixed', fixedAnnotation: { finalAnswer: '43' } });
  });

  it('refuses a second verdict on the same submission and a return without a comment', async () => {
    const { taskId, reviewer } = await submitted();
    await reviewer.call('syncNow');
    const entry = (await reviewer.call('listReviewQueue')).items.find((i) => i.taskId === taskId)!;
    await expect(reviewer.call('submitReviewVerdict', { submissionId: entry.submissionId, verdict: 'returned', comments: [] })).rejects.toThrow(/at least one comment/);
    await reviewer.call('submitReviewVerdict', { submissionId: entry.submissionId, verdict: 'accepted', comments: [] });
    await expect(reviewer.call('submitReviewVerdict', { submissionId: entry.submissionId, verdict: 'accepted', comments: [] })).rejects.toThrow(/already gave/);
  });
});

import { describe, expect, it } from 'vitest';
import { rankingAnnotationSchema, type RankingAnnotation, type TaskInput } from '@shared/domain';
import { addHighlight } from '@shared/ranking';
import { client } from '../../platform/helpers';
import { startSyncClient, tempDir, toJsonl, type SyncPlatform, useSyncPlatform } from '../../support/sync/syncHarness';

let platform: SyncPlatform;
let seq = 0;
const { cores, dirs } = useSyncPlatform((started) => (platform = started));

const V1_SECOND = 'Recursion means a function calls itself; the base case stops it.';
const V2_SECOND = 'Recursion is when a loop runs forever.';

const rankingTask = (id: string, project: string, second: string): TaskInput => ({
  id,
  project,
  title: `Rank ${id}`,
  payload: {
    kind: 'ranking',
    conversation: [{ role: 'user', content: 'Explain recursion.' }],
    responses: [
      { id: 'r1', content: 'A function that calls itself, with a base case.' },
      { id: 'r2', content: second },
    ],
  },
});

/** An expert holding one ranking task, a reviewer, and the expert's signed-in client that has pulled the task. */
const setup = async () => {
  seq += 1;
  const project = `tv${seq}`;
  const taskId = `${project}-1`;
  const { token } = await platform.server.store.addUser(`tvexpert${seq}`, 'expert');
  const reviewer = await platform.server.store.addUser(`tvreviewer${seq}`, 'reviewer');
  await platform.server.store.importTasks({ project, fileName: 'v1.jsonl', text: toJsonl([rankingTask(taskId, project, V1_SECOND)]) });
  await platform.server.store.assign({ user: `tvexpert${seq}`, project, count: 1 });
  const dir = tempDir();
  dirs.push(dir);
  const core = startSyncClient(dir);
  cores.push(core);
  await core.call('signIn', { platformUrl: platform.proxy.url, token });
  expect(await core.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
  /** The lab changes the second response; `retireOlder` stops it taking work on version 1. */
  const update = async (retireOlder = false) =>
    await platform.server.store.importTasks({ project, fileName: 'v2.jsonl', text: toJsonl([rankingTask(taskId, project, V2_SECOND)]), ...(retireOlder ? { retireOlder } : {}) });
  return { core, taskId, update, reviewerToken: reviewer.token };
};

/** A judgement with two highlights in the second response's version-1 text, citing both. */
const judgement = (): RankingAnnotation => {
  const base = rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: ['r1', 'r2'], graded: 1, justification: 'B explains the base case [B1] and [B2].' });
  const at = (word: string) => ({ start: V1_SECOND.indexOf(word), end: V1_SECOND.indexOf(word) + word.length });
  return [
    { id: 'h1', ...at('calls itself') },
    { id: 'h2', ...at('the base case') },
  ].reduce((a, s) => addHighlight(a, { ...s, responseId: 'r2', label: 'good', comment: '' }), base);
};

describe('a task updated by the platform while the expert has a draft', () => {
  it('keeps showing the version the draft was made against, submits against it, and the reviewer sees that version', async () => {
    const { core, taskId, update, reviewerToken } = await setup();
    await core.call('saveDraft', { taskId, annotation: judgement(), activeSeconds: 30 });
    expect(await core.call('syncNow')).toMatchObject({ pending: 0, lastError: null });

    await update();
    expect(await core.call('syncNow')).toMatchObject({ lastError: null });
    const opened = await core.call('openTask', { id: taskId });
    // The draft's version, not the new one: its highlights still cover the words the expert chose.
    expect(opened.task.version).toBe(1);
    const second = opened.task.payload.kind === 'ranking' ? opened.task.payload.responses[1]!.content : '';
    expect(second).toBe(V1_SECOND);
    const spans = opened.draft?.annotation.kind === 'ranking' ? opened.draft.annotation.spans : [];
    expect(spans.map((s) => second.slice(s.start, s.end))).toEqual(['calls itself', 'the base case']);
    expect(opened.newerVersion).toMatchObject({ version: 2, kept: false, changes: [{ path: 'payload.responses[r2].content', summary: 'Response B, content changed' }] });
    expect(opened.history).toEqual([]);

    // Keep working on version 1: edits stay on it; the notice is quieted.
    const kept = await core.call('resolveTaskVersion', { taskId, choice: 'keep' });
    expect(kept.newerVersion?.kept).toBe(true);
    await core.call('saveDraft', { taskId, annotation: { ...judgement(), justification: 'B explains the base case [B1] and [B2]. Kept on v1.' }, activeSeconds: 40 });
    expect((await core.call('openTask', { id: taskId })).task.version).toBe(1);

    const submission = await core.call('submitTask', { taskId });
    expect(submission.taskVersion).toBe(1);
    expect(await core.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
    const [stored] = await platform.server.store.db.query<{ task_version: number }>('SELECT task_version FROM submissions WHERE task_id = ?', [taskId]);
    expect(stored?.task_version).toBe(1);

    const queue = await client(platform.server.url, reviewerToken).get('/v1/review/queue?limit=1000');
    const items = (queue.body as { items: { task: { id: string; version: number; payload: unknown }; annotation: unknown }[] }).items;
    const item = items.find((i) => i.task.id === taskId);
    expect(item?.task.version).toBe(1);
    expect(item?.task.payload).toEqual(opened.task.payload);
  });

  it('starting over puts a fresh draft on the new version and keeps the old one, read-only, in the history', async () => {
    const { core, taskId, update } = await setup();
    const first = await core.call('saveDraft', { taskId, annotation: judgement(), activeSeconds: 30 });
    await update();
    await core.call('syncNow');

    const fresh = await core.call('resolveTaskVersion', { taskId, choice: 'start_over' });
    expect(fresh.task.version).toBe(2);
    expect(fresh.draft).toBeNull();
    expect(fresh.newerVersion).toBeNull();
    expect(fresh.history).toEqual([{ taskVersion: 1, revision: first.revision, savedAt: first.savedAt }]);

    const next = await core.call('saveDraft', { taskId, annotation: rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: ['r2', 'r1'] }), activeSeconds: 3 });
    expect(next).toMatchObject({ revision: first.revision + 1, taskVersion: 2 });
    const old = await core.call('openDraftRevision', { taskId, revision: first.revision });
    expect(old.task.version).toBe(1);
    expect(old.draft.annotation).toEqual(first.annotation);
    expect((await core.call('openTask', { id: taskId })).history).toEqual([{ taskVersion: 1, revision: first.revision, savedAt: first.savedAt }]);
    // The old draft cannot be edited through the current one: saves land on version 2.
    await expect(core.call('resolveTaskVersion', { taskId, choice: 'start_over' })).rejects.toThrow(/already on its latest version/);
  });

  it('a submission against a version the platform retired is refused with the reason, shown in the sync panel, and nothing is lost', async () => {
    const { core, taskId, update } = await setup();
    await core.call('saveDraft', { taskId, annotation: judgement(), activeSeconds: 30 });
    await update(true);
    await core.call('syncNow');
    await core.call('submitTask', { taskId });
    const status = await core.call('syncNow');
    expect(status.lastError).toMatch(/not accepted by the platform/);
    const items = await core.call('listSyncItems');
    const failed = items.items.find((i) => i.kind === 'failed' && i.what === 'submit');
    expect(failed?.message).toMatch(/your work is on version 1, and the platform now takes only version 2/);
    const reopened = await core.call('openTask', { id: taskId });
    expect(reopened.status).toBe('in_progress');
    expect(reopened.draft?.annotation).toEqual(judgement());
    expect(reopened.task.version).toBe(1);
    // Starting over on version 2 is then accepted.
    await core.call('resolveTaskVersion', { taskId, choice: 'start_over' });
    await core.call('saveDraft', { taskId, annotation: { ...judgement(), spans: [], citationCounters: {}, justification: 'Version 2: B is wrong now.' }, activeSeconds: 3 });
    await core.call('submitTask', { taskId });
    expect(await core.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
  });
});

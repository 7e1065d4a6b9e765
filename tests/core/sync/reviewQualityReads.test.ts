import { describe, expect, it } from 'vitest';
import { reasoningAnnotationOf, startSyncClient, tempDir, type SyncPlatform, useSyncPlatform } from '../../support/sync/syncHarness';

let platform: SyncPlatform;
const { cores, dirs } = useSyncPlatform((started) => (platform = started));

const client = async (token: string | null) => {
  const dir = tempDir();
  dirs.push(dir);
  const core = startSyncClient(dir);
  cores.push(core);
  if (token !== null) await core.call('signIn', { platformUrl: platform.proxy.url, token });
  return core;
};

describe('a reviewer reads agreement live from the platform', () => {
  it('gets a task’s judgements and the project report through the core, and a clear refusal offline or signed out', async () => {
    const expert = await platform.seedExpert('qexpert', 'quality', 1);
    const taskId = expert.taskIds[0]!;
    const expertCore = await client(expert.token);
    await expertCore.call('syncNow');
    await expertCore.call('saveDraft', { taskId, annotation: reasoningAnnotationOf('42'), activeSeconds: 30 });
    await expertCore.call('submitTask', { taskId });
    expect(await expertCore.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
    const { token } = await platform.server.store.addUser('qreviewer', 'reviewer');
    const reviewer = await client(token);

    const judgements = await reviewer.call('getTaskJudgements', { taskId });
    expect(judgements.judgements.map((j) => [j.expert, j.history.length])).toEqual([['qexpert', 1]]);
    expect((await reviewer.call('getAgreementReport', { project: 'quality' })).experts).toEqual([{ expert: 'qexpert', judged: 1, goldTasks: 0, goldMean: null }]);

    // The platform's refusals come back as the core's failures, with the platform's words.
    await expect(reviewer.call('getAgreementReport', { project: 'nope' })).rejects.toThrow(/No project nope/);
    await expect(expertCore.call('getAgreementReport', { project: 'quality' })).rejects.toThrow(/403/);
    await reviewer.call('setWorkOffline', { offline: true });
    await expect(reviewer.call('getTaskJudgements', { taskId })).rejects.toThrow(/working offline/);
    const signedOut = await client(null);
    await expect(signedOut.call('getAgreementReport', { project: 'quality' })).rejects.toThrow(/Sign in to a platform/);
  });
});

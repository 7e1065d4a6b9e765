import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION_HEADER, UPDATE_TO_SYNC_MESSAGE } from '../../../shared/sync';
import { runCli } from '../../../platform/cli/commands';
import { createPlatformServer, type PlatformServer } from '../../../platform/server';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/store/migrations';
import type { TestCore } from '../../support/testCore';
import { reasoningAnnotationOf, reasoningTasks, serverSubmissions, startSyncClient, tempDir, toJsonl, withLocalStore } from '../../support/sync/syncHarness';

/** The platform's own CLI, in process, on the running server's data folder (SQLite serves both). */
const platformCli = async (...argv: string[]) => {
  const io = { text: '', out: (t: string) => void (io.text += t), err: (t: string) => void (io.text += t) };
  const outcome = await runCli([...argv, '--data', dataDir], io);
  expect(outcome, io.text).toEqual({ kind: 'done', exitCode: 0 });
  return io.text;
};

let dataDir: string;
let server: PlatformServer;
const cores: TestCore[] = [];
const dirs: string[] = [];
let seq = 0;

beforeAll(async () => {
  dataDir = tempDir('assay-platform-minver-');
  server = await createPlatformServer({ dataDir, port: 0, log: () => undefined });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const core of cores.splice(0)) core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await platformCli('min-version', 'clear');
});

const seedExpert = async (count: number) => {
  seq += 1;
  const name = `minver${seq}`;
  const { token } = await server.store.addUser(name, 'expert');
  await server.store.importTasks({ project: name, fileName: `${name}.jsonl`, text: toJsonl(reasoningTasks(name, count)) });
  const { assigned } = await server.store.assign({ user: name, project: name, count });
  return { token, taskIds: assigned };
};

const client = (dir: string, version: string): TestCore => {
  const core = startSyncClient(dir, { version });
  cores.push(core);
  return core;
};

describe('minimum app version, end to end against a real platform on loopback', () => {
  it('an older app is refused with upgrade_required, keeps everything queued, and the updated app sends it all', async () => {
    const { token, taskIds } = await seedExpert(2);
    const t1 = taskIds[0] ?? '';
    const dir = tempDir();
    dirs.push(dir);
    let core = client(dir, '0.1.0');
    await core.call('signIn', { platformUrl: server.url, token });
    expect(await core.call('syncNow')).toMatchObject({ state: 'online', pending: 0, lastError: null });

    expect(await platformCli('min-version', 'set', '0.2.0')).toContain('0.2.0');
    expect((await platformCli('min-version', 'show')).trim()).toBe('0.2.0');

    await core.call('saveDraft', { taskId: t1, annotation: reasoningAnnotationOf('42'), activeSeconds: 7 });
    await core.call('submitTask', { taskId: t1 });
    const refused = await core.call('syncNow');
    expect(refused.state).toBe('offline');
    expect(refused.pending).toBe(2);
    expect(refused.lastError).toContain(UPDATE_TO_SYNC_MESSAGE);
    expect(refused.lastError).toContain('0.1.0 is older than 0.2.0');
    expect(await serverSubmissions(server, [t1])).toHaveLength(0);
    // Nothing was marked failed: both entries wait, the draft is intact, and a second try changes nothing.
    expect((await core.call('syncNow')).pending).toBe(2);
    core.close();
    cores.splice(cores.indexOf(core), 1);
    withLocalStore(dir, (store) => {
      expect(store.outbox.pending().map((e) => e.op)).toEqual(['save_draft', 'submit']);
    });

    // The expert installs 0.2.0: the same data folder, the same queue.
    core = client(dir, '0.2.0');
    const synced = await core.call('syncNow');
    expect(synced).toMatchObject({ state: 'online', pending: 0, lastError: null });
    const subs = await serverSubmissions(server, [t1]);
    expect(subs).toHaveLength(1);
    expect(JSON.parse(subs[0]?.annotation_json ?? '{}')).toMatchObject({ finalAnswer: '42' });
  });

  it('a pre-release of the minimum is older than it; a newer pre-release is not', async () => {
    const { token } = await seedExpert(1);
    await platformCli('min-version', 'set', '0.3.0');
    const dir = tempDir();
    dirs.push(dir);
    const rc = client(dir, '0.3.0-rc.1');
    await expect(rc.call('signIn', { platformUrl: server.url, token })).rejects.toThrow(UPDATE_TO_SYNC_MESSAGE);

    const dir2 = tempDir();
    dirs.push(dir2);
    const beta = client(dir2, '0.4.0-beta.1');
    await beta.call('signIn', { platformUrl: server.url, token });
    expect(await beta.call('syncNow')).toMatchObject({ state: 'online', lastError: null });
  });

  it('an app that sends no version (every app before this change) gets HTTP 426 upgrade_required; clearing the minimum lets it in', async () => {
    const { token } = await seedExpert(1);
    await platformCli('min-version', 'set', '0.2.0');
    const get = (headers: Record<string, string> = {}) => fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    const res = await get();
    expect(res.status).toBe(426);
    expect(await res.json()).toMatchObject({ error: { code: 'upgrade_required', detail: 'appVersion' } });
    expect((await get({ [APP_VERSION_HEADER]: '0.2.0' })).status).toBe(200);
    expect((await get({ [APP_VERSION_HEADER]: 'not-a-version' })).status).toBe(426);
    // A bad token is still 401 first: the version gate never tells strangers anything.
    expect((await fetch(`${server.url}/v1/me`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    await platformCli('min-version', 'clear');
    expect((await get()).status).toBe(200);
  });

  it('every mutation carries the app version and the store schema version; the platform keeps them with each submission', async () => {
    const { token, taskIds } = await seedExpert(1);
    const t1 = taskIds[0] ?? '';
    const dir = tempDir();
    dirs.push(dir);
    const core = client(dir, '0.5.1');
    await core.call('signIn', { platformUrl: server.url, token });
    await core.call('syncNow');
    await core.call('saveDraft', { taskId: t1, annotation: reasoningAnnotationOf('x'), activeSeconds: 1 });
    await core.call('submitTask', { taskId: t1 });
    expect(await core.call('syncNow')).toMatchObject({ pending: 0, lastError: null });
    const [row] = await server.store.db.query('SELECT app_version, schema_version FROM submissions WHERE task_id = ?', [t1]);
    expect(row).toEqual({ app_version: '0.5.1', schema_version: LATEST_SCHEMA_VERSION });
  });

  it('the CLI refuses a minimum that is not a version and keeps the old one', async () => {
    await platformCli('min-version', 'set', '0.2.0');
    const io = { text: '', out: (t: string) => void (io.text += t), err: (t: string) => void (io.text += t) };
    expect(await runCli(['min-version', 'set', 'soon', '--data', dataDir], io)).toEqual({ kind: 'done', exitCode: 1 });
    expect(io.text).toContain('not a version');
    expect((await platformCli('min-version', 'show')).trim()).toBe('0.2.0');
  });
});

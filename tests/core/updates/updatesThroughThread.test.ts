import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type AppEvent, type UpdateStatus } from '@shared/ipc';
import { runCli } from '../../../platform/cli/commands';
import { createPlatformServer, type PlatformServer } from '../../../platform/server';
import { createFetchUpdater } from '../../../electron/core/updates/fetchUpdater';
import type { CoreWorkerInit } from '../../../electron/core/worker/coreWorkerProtocol';
import { connectWorkerCore } from '../../../electron/core/worker/workerBackend';
import { tempDir } from '../../support/sync/syncHarness';

const repoRoot = resolve(__dirname, '../../..');
let server: PlatformServer;
let dataDir: string;
let work: string;

beforeAll(async () => {
  work = tempDir('assay-updates-thread-');
  dataDir = join(work, 'platform');
  server = await createPlatformServer({ dataDir, port: 0, log: () => undefined });
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

describe('updates in the desktop app\'s shape: the UpdateService in the core thread, the updater on the main thread', () => {
  it('the core thread checks and downloads through the main thread\'s updater, and asks it to install', async () => {
    const { token } = await server.store.addUser('thread', 'expert');
    const bytes = randomBytes(200_000);
    const files = join(work, 'release');
    mkdirSync(files);
    writeFileSync(join(files, 'Assay-0.5.0.AppImage'), bytes);
    const yml = `version: 0.5.0\nfiles:\n  - url: Assay-0.5.0.AppImage\n    sha512: ${createHash('sha512').update(bytes).digest('base64')}\n    size: ${bytes.length}\npath: Assay-0.5.0.AppImage\n`;
    const manifests = ['latest-linux.yml', 'latest-linux-arm64.yml', 'latest-mac.yml', 'latest.yml'];
    for (const m of manifests) writeFileSync(join(files, m), yml);
    const io = { out: () => {}, err: () => {} };
    expect(await runCli(['release', 'add', '--data', dataDir, '--channel', 'stable', ...['Assay-0.5.0.AppImage', ...manifests].map((f) => join(files, f))], io)).toEqual({ kind: 'done', exitCode: 0 });

    const installs: string[] = [];
    // On the main thread: in the app this is electron-updater (electron/main/electronUpdater.ts).
    const mainUpdater = createFetchUpdater({ downloadDir: join(work, 'downloads'), onInstall: (file) => installs.push(file) });
    const worker = new Worker(join(repoRoot, 'electron/core/worker/coreWorker.ts'), {
      workerData: { dataDir: join(work, 'app'), accountId: 'local', key: randomBytes(32), shell: 'test', version: '0.4.0', updates: true } satisfies CoreWorkerInit,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.node.json') },
    });
    const backend = connectWorkerCore(worker, { updater: mainUpdater });
    try {
      await backend.ready;
      const statuses: UpdateStatus[] = [];
      backend.events.on((e: AppEvent) => {
        if (e.type === 'updateStatus') statuses.push(e.status);
      });
      expect(await dispatch(backend.handlers, 'signIn', { platformUrl: server.url, token })).toMatchObject({ ok: true });
      expect(await dispatch(backend.handlers, 'checkForUpdates', {})).toMatchObject({ ok: true });
      await expect.poll(() => statuses.at(-1)?.state, { timeout: 10_000 }).toBe('ready');
      expect(statuses.some((s) => s.state === 'downloading' && (s.percent ?? 0) > 0)).toBe(true);
      expect(statuses.at(-1)).toMatchObject({ availableVersion: '0.5.0', restartOffered: true });
      expect(readFileSync(join(work, 'downloads', 'Assay-0.5.0.AppImage')).equals(bytes)).toBe(true);
      expect(await dispatch(backend.handlers, 'restartToUpdate', {})).toMatchObject({ ok: true });
      await expect.poll(() => installs.length).toBe(1);
    } finally {
      await backend.close();
    }
  });

  it('without an updater on the main thread (an unpackaged app), updates say so', async () => {
    const worker = new Worker(join(repoRoot, 'electron/core/worker/coreWorker.ts'), {
      workerData: { dataDir: join(work, 'app2'), accountId: 'local', key: randomBytes(32), shell: 'test', version: '0.4.0' } satisfies CoreWorkerInit,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.node.json') },
    });
    const backend = connectWorkerCore(worker);
    try {
      await backend.ready;
      expect(await dispatch(backend.handlers, 'getUpdateStatus', {})).toMatchObject({ ok: true, value: { state: 'unavailable', message: expect.stringContaining('installer') } });
    } finally {
      await backend.close();
    }
  });
});

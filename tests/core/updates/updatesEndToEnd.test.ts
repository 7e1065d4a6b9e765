import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../shared/ipc';
import { UPDATE_TO_SYNC_MESSAGE } from '../../../shared/sync/appVersion';
import { checksumMismatchMessage } from '../../../shared/updates/updatePolicy';
import { runCli } from '../../../platform/cli/commands';
import { createPlatformServer, type PlatformServer } from '../../../platform/server';
import { createFetchUpdater } from '../../../electron/core/updates/fetchUpdater';
import { startTestCore, type TestCore } from '../../support/testCore';
import { tempDir } from '../../support/sync/syncHarness';

/**
 * Updates end to end: `platform release add` on a real platform, the real core with the fetch updater (what the
 * harness runs; electron-updater does the same in the desktop app), over the account's authenticated connection.
 */
let dataDir: string;
let filesDir: string;
let server: PlatformServer;
let token = '';
const dirs: string[] = [];
const cores: TestCore[] = [];
const installed: string[] = [];

const cli = async (...argv: string[]) => {
  const io = { text: '', out: (t: string) => void (io.text += t), err: (t: string) => void (io.text += t) };
  const outcome = await runCli(argv, io);
  expect(outcome, io.text).toEqual({ kind: 'done', exitCode: 0 });
  return io.text;
};

const MANIFESTS = ['latest-linux.yml', 'latest-linux-arm64.yml', 'latest-mac.yml', 'latest.yml'];
/** Publishes `version` on `channel`: one installer and every OS's manifest naming it (the sha512 can be forged). */
const publish = async (channel: string, version: string, bytes: Buffer, options: { sha512?: string; staging?: number } = {}) => {
  const dir = join(filesDir, `${channel}-${version}`);
  mkdirSync(dir, { recursive: true });
  const installer = `Assay-${version}.AppImage`;
  writeFileSync(join(dir, installer), bytes);
  const sha512 = options.sha512 ?? createHash('sha512').update(bytes).digest('base64');
  const yml = `version: ${version}\nfiles:\n  - url: ${installer}\n    sha512: ${sha512}\n    size: ${bytes.length}\npath: ${installer}\nsha512: ${sha512}\nreleaseDate: '2026-11-30T12:00:00.000Z'\n${options.staging === undefined ? '' : `stagingPercentage: ${options.staging}\n`}`;
  for (const name of MANIFESTS) writeFileSync(join(dir, name), yml);
  await cli('release', 'add', '--data', dataDir, '--channel', channel, join(dir, installer), ...MANIFESTS.map((m) => join(dir, m)));
};

const installerBytes = (seed: number, size = 300_000) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 131 + seed) % 251));

const app = async (version = '0.1.0') => {
  const dir = tempDir('assay-updates-');
  dirs.push(dir);
  const core = startTestCore(dir, {
    version,
    updater: createFetchUpdater({ downloadDir: join(dir, 'updates'), onInstall: (file) => installed.push(file) }),
    sync: { autoSync: false },
  });
  cores.push(core);
  await core.call('signIn', { platformUrl: server.url, token });
  return { core, dir };
};

/** Checks, then waits for the background download to end. */
const checkAndSettle = async (core: TestCore): Promise<UpdateStatus> => {
  await core.call('checkForUpdates');
  await core.updates.idle();
  return core.call('getUpdateStatus');
};

beforeAll(async () => {
  dataDir = tempDir('assay-platform-updates-');
  filesDir = tempDir('assay-release-files-');
  server = await createPlatformServer({ dataDir, port: 0, log: () => undefined });
  token = (await server.store.addUser('ursula', 'expert')).token;
});
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(filesDir, { recursive: true, force: true });
});

describe('updates from the platform, end to end', () => {
  it('signed out, updates are unavailable and say where they come from', async () => {
    const dir = tempDir('assay-updates-');
    dirs.push(dir);
    const core = startTestCore(dir, { version: '0.1.0', updater: createFetchUpdater({ downloadDir: join(dir, 'u'), onInstall: () => {} }), sync: { autoSync: false } });
    cores.push(core);
    const status = await core.call('checkForUpdates');
    expect(status).toMatchObject({ state: 'unavailable', message: 'Updates come from your platform: sign in to receive them.', restartOffered: false });
  });

  it('no release yet: up to date; a release added on the platform is downloaded, verified, and a restart offered', async () => {
    const { core, dir } = await app('0.1.0');
    expect(await checkAndSettle(core)).toMatchObject({ state: 'up_to_date', message: 'No release on the stable channel yet.' });

    const bytes = installerBytes(1);
    await publish('stable', '0.2.0', bytes);
    const seen: string[] = [];
    core.events.on((e) => {
      if (e.type === 'updateStatus') seen.push(e.status.state === 'downloading' ? `downloading ${e.status.percent ?? '?'}%` : e.status.state);
    });
    const ready = await checkAndSettle(core);
    expect(ready).toMatchObject({ state: 'ready', availableVersion: '0.2.0', restartOffered: true, message: null, currentVersion: '0.1.0' });
    expect(seen[0]).toBe('checking');
    expect(seen).toContain('downloading 0%');
    expect(seen).toContain('downloading 100%');
    expect(seen.at(-1)).toBe('ready');
    const file = join(dir, 'updates', 'Assay-0.2.0.AppImage');
    expect(readFileSync(file).equals(bytes)).toBe(true);

    await core.call('restartToUpdate');
    expect(installed.at(-1)).toBe(file);
  });

  it('a corrupted installer (bytes that do not match the manifest\'s sha512) is refused, deleted, and never offered', async () => {
    await publish('beta', '0.3.0-beta.1', installerBytes(2), { sha512: createHash('sha512').update(installerBytes(3)).digest('base64') });
    const { core, dir } = await app('0.1.0');
    await core.call('setUpdateChannel', { channel: 'beta' });
    await core.updates.idle();
    const status = await core.call('getUpdateStatus');
    expect(status).toMatchObject({ state: 'error', channel: 'beta', restartOffered: false, message: checksumMismatchMessage('Assay-0.3.0-beta.1.AppImage') });
    expect(existsSync(join(dir, 'updates', 'Assay-0.3.0-beta.1.AppImage'))).toBe(false);
    const refused = await import('../../../shared/ipc').then(({ dispatch }) => dispatch(core.handlers, 'restartToUpdate', {}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('the channel chosen is kept across restarts', async () => {
    const { core, dir } = await app('0.1.0');
    await core.call('setUpdateChannel', { channel: 'beta' });
    core.close();
    cores.splice(cores.indexOf(core), 1);
    const again = startTestCore(dir, { version: '0.1.0', sync: { autoSync: false } });
    cores.push(again);
    expect((await again.call('getUpdateStatus')).channel).toBe('beta');
  });

  it('a staged release at 0% reaches nobody yet; the same install is let in once it is at 100%', async () => {
    const { core } = await app('0.2.0');
    await publish('stable', '0.2.1', installerBytes(4), { staging: 0 });
    expect(await checkAndSettle(core)).toMatchObject({
      state: 'up_to_date',
      message: 'Assay 0.2.1 is rolling out to 0% of computers; this one gets it later.',
    });
    await publish('stable', '0.2.1', installerBytes(4), { staging: 100 });
    expect(await checkAndSettle(core)).toMatchObject({ state: 'ready', availableVersion: '0.2.1' });
  });

  it('an app below the platform\'s minimum version is refused sync but still reaches the update feed (it is how it gets above it)', async () => {
    const { core } = await app('0.1.0');
    await cli('min-version', 'set', '--data', dataDir, '9.0.0');
    try {
      const sync = await core.call('syncNow');
      expect(sync.lastError).toContain(UPDATE_TO_SYNC_MESSAGE);
      expect(sync.pending).toBe(0); // nothing was queued; the minimum-version spec (tests/core/sync/minAppVersion.test.ts) covers queued work
      await publish('stable', '9.0.0', installerBytes(5));
      expect(await checkAndSettle(core)).toMatchObject({ state: 'ready', availableVersion: '9.0.0', restartOffered: true });
    } finally {
      await cli('min-version', 'clear', '--data', dataDir);
    }
  });
});

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createElectronUpdater, type UpdaterEngine } from '../../electron/main/electronUpdater';
import { UpdateChecksumError } from '../../electron/core/updates/updater';

const codeError = (message: string, code: string) => Object.assign(new Error(message), { code });

/** A stand-in for electron-updater's AppUpdater: records what the adapter sets and asks. */
const fakeEngine = (behaviour: { check?: () => Promise<unknown>; download?: (engine: EventEmitter) => Promise<string[]> }) => {
  const emitter = new EventEmitter();
  const calls: string[] = [];
  const engine = Object.assign(emitter, {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    allowPrerelease: false,
    isUserWithinRollout: () => false,
    requestHeaders: null as Record<string, string> | null,
    feed: null as unknown,
    setFeedURL(options: unknown) {
      this.feed = options;
    },
    checkForUpdates: () => {
      calls.push('check');
      return (behaviour.check ?? (() => Promise.resolve(null)))();
    },
    downloadUpdate: () => {
      calls.push('download');
      return (behaviour.download ?? (() => Promise.resolve([])))(emitter);
    },
    quitAndInstall: () => void calls.push('quitAndInstall'),
  });
  return { engine, calls };
};

describe('electron-updater behind the Updater interface', () => {
  it('sets a generic feed with the token, leaves deciding to the core, and reads the offered version', async () => {
    const { engine } = fakeEngine({ check: () => Promise.resolve({ updateInfo: { version: '0.2.0', stagingPercentage: 40, files: [{ url: 'Assay-0.2.0.AppImage' }] } }) });
    const updater = createElectronUpdater(engine as unknown as UpdaterEngine);
    expect(engine).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: true, allowDowngrade: false, allowPrerelease: true });
    expect((engine.isUserWithinRollout as (info: unknown) => boolean)({})).toBe(true);
    const offered = await updater.check({ url: 'https://p.example/v1/updates/beta/', headers: { authorization: 'Bearer t' } });
    expect(offered).toEqual({ version: '0.2.0', stagingPercentage: 40 });
    expect(engine.feed).toEqual({ provider: 'generic', url: 'https://p.example/v1/updates/beta/' });
    expect(engine.requestHeaders).toEqual({ authorization: 'Bearer t' });
  });

  it('a channel without a manifest is "no release"; other failures stay errors', async () => {
    const missing = createElectronUpdater(fakeEngine({ check: () => Promise.reject(codeError('Cannot find channel', 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND')) }).engine as unknown as UpdaterEngine);
    expect(await missing.check({ url: 'u', headers: {} })).toBeNull();
    const down = createElectronUpdater(fakeEngine({ check: () => Promise.reject(new Error('net::ERR_CONNECTION_REFUSED')) }).engine as unknown as UpdaterEngine);
    await expect(down.check({ url: 'u', headers: {} })).rejects.toThrow('ERR_CONNECTION_REFUSED');
  });

  it('forwards download progress, turns a checksum mismatch into a clear refusal, and installs by quitAndInstall', async () => {
    const { engine, calls } = fakeEngine({
      check: () => Promise.resolve({ updateInfo: { version: '0.2.0', files: [{ url: 'Assay-0.2.0.AppImage' }] } }),
      download: (e) => {
        e.emit('download-progress', { percent: 42 });
        return Promise.reject(codeError('sha512 checksum mismatch, expected a, got b', 'ERR_CHECKSUM_MISMATCH'));
      },
    });
    const updater = createElectronUpdater(engine as unknown as UpdaterEngine);
    await updater.check({ url: 'u', headers: {} });
    const progress: number[] = [];
    const failed = updater.download((p) => progress.push(p));
    await expect(failed).rejects.toBeInstanceOf(UpdateChecksumError);
    await expect(failed).rejects.toThrow('The downloaded update Assay-0.2.0.AppImage does not match its published checksum');
    expect(progress).toEqual([42]);
    expect(engine.listenerCount('download-progress')).toBe(0);
    updater.install();
    expect(calls).toEqual(['check', 'download', 'quitAndInstall']);
  });
});

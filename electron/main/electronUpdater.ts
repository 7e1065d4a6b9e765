import type { AppUpdater, ProgressInfo } from 'electron-updater';
import { checksumMismatchMessage } from '@shared/updates/updatePolicy';
import { UpdateChecksumError, type Updater } from '../core/updates/updater';

/** The part of electron-updater's AppUpdater this adapter uses (a fake one in tests). */
export type UpdaterEngine = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'allowPrerelease'
  | 'isUserWithinRollout'
  | 'requestHeaders'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
  | 'on'
  | 'off'
>;

const codeOf = (error: unknown): string | undefined => (error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined);

/**
 * electron-updater behind the core's Updater interface (thin: the UpdateService decides). The platform's
 * generic feed per channel, opened with the account's bearer token; electron-updater checks the SHA-512 of
 * what it downloads against latest*.yml and installs on quitAndInstall.
 */
export const createElectronUpdater = (engine: UpdaterEngine): Updater => {
  engine.autoDownload = false;
  engine.autoInstallOnAppQuit = true;
  engine.allowDowngrade = false;
  // shared/updates decides pre-releases (beta channel only) and the staged rollout, with its own per-install bucket.
  engine.allowPrerelease = true;
  engine.isUserWithinRollout = () => true;
  let fileName = 'the update';
  return {
    async check(feed) {
      // Each channel is its own folder on the platform; in it, electron-updater's default latest*.yml names.
      engine.setFeedURL({ provider: 'generic', url: feed.url });
      engine.requestHeaders = feed.headers;
      try {
        const result = await engine.checkForUpdates();
        if (!result) return null;
        fileName = result.updateInfo.files[0]?.url ?? fileName;
        return { version: result.updateInfo.version, stagingPercentage: result.updateInfo.stagingPercentage };
      } catch (error) {
        if (codeOf(error) === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') return null;
        throw error;
      }
    },
    async download(onProgress) {
      const listener = (progress: ProgressInfo) => onProgress(progress.percent);
      engine.on('download-progress', listener);
      try {
        await engine.downloadUpdate();
      } catch (error) {
        if (codeOf(error) === 'ERR_CHECKSUM_MISMATCH') throw new UpdateChecksumError(checksumMismatchMessage(fileName));
        throw error;
      } finally {
        engine.off('download-progress', listener);
      }
    },
    install() {
      engine.quitAndInstall();
    },
  };
};

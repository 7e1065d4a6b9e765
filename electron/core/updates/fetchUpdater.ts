import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checksumMismatchMessage } from '@shared/updates/updatePolicy';
import { manifestNameFor, parseUpdateManifest, pickUpdateFile, type UpdateFile } from '@shared/updates/latestYml';
import { UpdateChecksumError, type UpdateFeed, type Updater } from './updater';

export interface FetchUpdaterOptions {
  /** Where a downloaded installer is kept until it is installed. */
  downloadDir: string;
  platform?: string;
  arch?: string;
  fetch?: typeof fetch;
  /** What "restart and install" does in this shell (the harness cannot replace itself: it says so). */
  onInstall(file: string): void;
}

/**
 * An updater on plain fetch, for the browser harness and the tests (no Electron): reads the platform's
 * `latest*.yml` for this OS, downloads the installer it names and checks its SHA-512 against the manifest,
 * as electron-updater does in the desktop app.
 */
export const createFetchUpdater = (options: FetchUpdaterOptions): Updater => {
  const get = options.fetch ?? fetch;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  let seen: { feed: UpdateFeed; file: UpdateFile } | null = null;
  let downloaded: string | null = null;

  return {
    async check(feed) {
      const name = manifestNameFor(platform, arch);
      const response = await get(new URL(name, feed.url), { headers: feed.headers, redirect: 'error', signal: AbortSignal.timeout(30_000) });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw new Error(`the platform answered ${response.status} for ${name}`);
      const manifest = parseUpdateManifest(await response.text());
      if (!manifest.ok) throw new Error(`${name}: ${manifest.message}`);
      const file = pickUpdateFile(manifest.value, platform);
      if (file === null) throw new Error(`${name} names no installer for this computer`);
      seen = { feed, file };
      return { version: manifest.value.version, stagingPercentage: manifest.value.stagingPercentage };
    },

    async download(onProgress) {
      if (seen === null) throw new Error('Nothing to download: check for updates first.');
      const { feed, file } = seen;
      const response = await get(new URL(encodeURIComponent(file.url), feed.url), { headers: feed.headers, redirect: 'error' });
      if (!response.ok || response.body === null) throw new Error(`The platform answered ${response.status} for ${file.url}`);
      const total = Number(response.headers.get('content-length') ?? file.size ?? 0);
      mkdirSync(options.downloadDir, { recursive: true });
      const path = join(options.downloadDir, file.url.replace(/[^A-Za-z0-9._ +-]/g, '_'));
      const hash = createHash('sha512');
      const out = createWriteStream(path);
      let received = 0;
      try {
        for await (const chunk of response.body) {
          const bytes = chunk as Uint8Array;
          hash.update(bytes);
          received += bytes.length;
          if (!out.write(bytes)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          if (total > 0) onProgress((received / total) * 100);
        }
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      } catch (error) {
        out.destroy();
        rmSync(path, { force: true });
        throw error;
      }
      if (hash.digest('base64') !== file.sha512) {
        rmSync(path, { force: true });
        throw new UpdateChecksumError(checksumMismatchMessage(file.url));
      }
      onProgress(100);
      downloaded = path;
    },

    install() {
      if (downloaded === null) throw new Error('No verified update is downloaded.');
      options.onInstall(downloaded);
    },
  };
};

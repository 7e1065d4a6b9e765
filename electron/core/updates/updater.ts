import type { OfferedRelease } from '@shared/updates/updatePolicy';

/** Where the updater reads the platform's feed, and the headers that open it (the account's bearer token, the app version). */
export interface UpdateFeed {
  url: string;
  headers: Record<string, string>;
}

/** The manifest's version did not come with the bytes it promised: nothing may be installed. */
export class UpdateChecksumError extends Error {}

/**
 * What moves an update's bytes. Electron: electron-updater (electron/main/electronUpdater.ts). The browser
 * harness and the tests: the fetch-based updater (fetchUpdater.ts). The UpdateService decides; this only does.
 */
export interface Updater {
  /** The feed's release for this OS, or null when the channel has none yet. Throws for network trouble. */
  check(feed: UpdateFeed): Promise<OfferedRelease | null>;
  /** Downloads the installer of the release `check` last saw and verifies its SHA-512 against the manifest. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Quits the app and installs the downloaded update. */
  install(): void;
}

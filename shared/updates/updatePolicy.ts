import { z } from 'zod';
import { compareAppVersions, parseAppVersion } from '../sync/appVersion';

/**
 * When the app takes an update from the platform: pure decisions, tested in tests/shared/updates. The
 * UpdateService (electron/core/updates) runs them; electron-updater or the harness's fetch updater only moves bytes.
 */

export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export const updateChannelSchema = z.enum(UPDATE_CHANNELS);
export type UpdateChannel = z.infer<typeof updateChannelSchema>;

/** Checked at start (a little after, not to slow it) and then every few hours while online. */
export const FIRST_CHECK_DELAY_MS = 15_000;
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** The generic feed the platform serves for a channel (`platform release add --channel C`); the app's token opens it. */
export const updateFeedUrl = (platformUrl: string, channel: UpdateChannel): string => `${platformUrl.replace(/\/+$/, '')}/v1/updates/${channel}/`;

/**
 * This install's place in a staged rollout, 0-99: FNV-1a of its install id, so it stays the same across
 * checks, restarts and releases (raising a release's percentage only ever adds installs).
 */
export const rolloutBucket = (installId: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < installId.length; i += 1) {
    hash ^= installId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
};

/** A release at `percentage` (absent: everyone) reaches buckets 0 .. percentage-1. */
export const inRollout = (bucket: number, percentage: number | undefined): boolean => percentage === undefined || bucket < percentage;

export interface OfferedRelease {
  version: string;
  stagingPercentage?: number | undefined;
}

export type UpdateDecision =
  | { take: true; version: string }
  | { take: false; reason: 'up_to_date' | 'prerelease_on_stable' | 'staged' | 'unreadable'; message: string };

/** Take this release? Only a newer version; never a pre-release on stable; only inside its rollout share. */
export const decideUpdate = (input: { current: string; channel: UpdateChannel; offered: OfferedRelease; bucket: number }): UpdateDecision => {
  const { current, channel, offered, bucket } = input;
  const mine = parseAppVersion(current);
  const theirs = parseAppVersion(offered.version);
  if (mine === null || theirs === null) {
    return { take: false, reason: 'unreadable', message: `The update feed offers version ${JSON.stringify(offered.version.slice(0, 100))}, which is not a version.` };
  }
  if (compareAppVersions(theirs, mine) <= 0) return { take: false, reason: 'up_to_date', message: `Assay ${current} is up to date.` };
  if (channel === 'stable' && theirs.prerelease.length > 0) {
    return { take: false, reason: 'prerelease_on_stable', message: `The stable channel offers ${offered.version}, a pre-release; it is taken on the beta channel only.` };
  }
  if (!inRollout(bucket, offered.stagingPercentage)) {
    return {
      take: false,
      reason: 'staged',
      message: `Assay ${offered.version} is rolling out to ${offered.stagingPercentage ?? 100}% of computers; this one gets it later.`,
    };
  }
  return { take: true, version: offered.version };
};

/** Is a scheduled check due? Never offline or signed out; otherwise once `intervalMs` has passed since the last. */
export const checkDue = (input: { now: number; lastCheckAt: number | null; online: boolean; signedIn: boolean; intervalMs?: number }): boolean =>
  input.online && input.signedIn && (input.lastCheckAt === null || input.now - input.lastCheckAt >= (input.intervalMs ?? CHECK_INTERVAL_MS));

/** Restarting to install is offered only once the update is downloaded and verified and no save is being written. */
export const restartOffered = (input: { downloaded: boolean; savesInFlight: number }): boolean => input.downloaded && input.savesInFlight === 0;

/** The words for a download whose bytes do not match the manifest: nothing is installed. */
export const checksumMismatchMessage = (file: string): string =>
  `The downloaded update ${file} does not match its published checksum (SHA-512); it was deleted and nothing was installed. Check again later or tell your platform admin.`;

import { z } from 'zod';

/**
 * App versions and the platform's minimum version for sync (docs/protocol.md, "App version"). Pure: the
 * platform decides with these, the app reads the same error code, and both are tested here.
 */

/** The header every request of the app carries: its version, e.g. `0.2.0` or `0.3.0-beta.2`. */
export const APP_VERSION_HEADER = 'assay-app-version' as const;

/** What the app shows when the platform refuses it for being too old. */
export const UPDATE_TO_SYNC_MESSAGE = 'Update Assay to sync; your work is safe on this computer.' as const;

/** MAJOR.MINOR.PATCH, an optional `-prerelease` of dot-separated identifiers, an optional `+build` (ignored). */
const VERSION_PATTERN = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export interface AppVersion {
  major: number;
  minor: number;
  patch: number;
  /** Empty for a release. */
  prerelease: string[];
}

export const parseAppVersion = (text: string): AppVersion | null => {
  if (text.length > 100) return null;
  const m = VERSION_PATTERN.exec(text.trim());
  if (!m) return null;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  return { major, minor, patch, prerelease: m[4] === undefined ? [] : m[4].split('.') };
};

export const appVersionSchema = z
  .string()
  .max(100)
  .refine((v) => parseAppVersion(v) !== null, 'a version such as 1.2.3 or 1.2.3-beta.1');

const NUMERIC = /^\d+$/;

/** SemVer 2 precedence of two pre-release identifiers: numbers numerically and below words; words in ASCII order. */
const compareIdentifier = (a: string, b: string): number => {
  const an = NUMERIC.test(a);
  const bn = NUMERIC.test(b);
  if (an && bn) return Math.sign(Number(a) - Number(b));
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

/** -1, 0 or 1, by SemVer 2 precedence: a pre-release sorts before its release; build metadata is ignored. */
export const compareAppVersions = (a: AppVersion, b: AppVersion): number => {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return a.prerelease.length === b.prerelease.length ? 0 : a.prerelease.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i += 1) {
    const c = compareIdentifier(a.prerelease[i] ?? '', b.prerelease[i] ?? '');
    if (c !== 0) return c;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
};

export type VersionDecision =
  | { allowed: true }
  | { allowed: false; reason: 'missing' | 'unreadable' | 'too_old'; message: string };

/**
 * May a client of `clientVersion` (the header; undefined when absent, as from apps older than the header) sync
 * with a platform whose minimum is `minimum` (null: none set)? A pre-release of the minimum is older than it.
 */
export const decideClientVersion = (minimum: string | null, clientVersion: string | undefined): VersionDecision => {
  if (minimum === null) return { allowed: true };
  const min = parseAppVersion(minimum);
  if (min === null) throw new Error(`The platform's minimum app version ${JSON.stringify(minimum)} is not a version`);
  const tail = `this platform needs Assay ${minimum} or newer to sync.`;
  if (clientVersion === undefined || clientVersion.trim() === '') return { allowed: false, reason: 'missing', message: `This app does not say its version; ${tail}` };
  const client = parseAppVersion(clientVersion);
  if (client === null) return { allowed: false, reason: 'unreadable', message: `This app's version ${JSON.stringify(clientVersion.slice(0, 100))} is not a version; ${tail}` };
  if (compareAppVersions(client, min) < 0) return { allowed: false, reason: 'too_old', message: `Assay ${clientVersion} is older than ${minimum}; ${tail}` };
  return { allowed: true };
};

import { describe, expect, it } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  checkDue,
  decideUpdate,
  inRollout,
  restartOffered,
  rolloutBucket,
  updateFeedUrl,
} from '../../../shared/updates/updatePolicy';

describe('decideUpdate', () => {
  const decide = (current: string, version: string, channel: 'stable' | 'beta' = 'stable', bucket = 0, stagingPercentage?: number) =>
    decideUpdate({ current, channel, offered: { version, stagingPercentage }, bucket });

  it('takes only a newer version, by SemVer precedence', () => {
    expect(decide('0.1.0', '0.2.0')).toEqual({ take: true, version: '0.2.0' });
    expect(decide('0.1.9', '0.1.10')).toEqual({ take: true, version: '0.1.10' });
    expect(decide('0.2.0', '0.2.0')).toMatchObject({ take: false, reason: 'up_to_date' });
    expect(decide('0.10.0', '0.9.0')).toMatchObject({ take: false, reason: 'up_to_date' });
    expect(decide('1.0.0-beta.2', '1.0.0', 'beta')).toEqual({ take: true, version: '1.0.0' });
    expect(decide('1.0.0', '1.0.0-beta.9', 'beta')).toMatchObject({ take: false, reason: 'up_to_date' });
  });

  it('the stable channel never takes a pre-release; beta does', () => {
    expect(decide('0.1.0', '0.2.0-beta.1', 'stable')).toMatchObject({ take: false, reason: 'prerelease_on_stable' });
    expect(decide('0.1.0', '0.2.0-beta.1', 'beta')).toEqual({ take: true, version: '0.2.0-beta.1' });
  });

  it('a staged release reaches only the buckets below its percentage', () => {
    expect(decide('0.1.0', '0.2.0', 'stable', 9, 10)).toEqual({ take: true, version: '0.2.0' });
    const later = decide('0.1.0', '0.2.0', 'stable', 10, 10);
    expect(later).toMatchObject({ take: false, reason: 'staged' });
    expect(later.take ? '' : later.message).toBe('Assay 0.2.0 is rolling out to 10% of computers; this one gets it later.');
    expect(decide('0.1.0', '0.2.0', 'stable', 99, 100).take).toBe(true);
    expect(decide('0.1.0', '0.2.0', 'stable', 0, 0).take).toBe(false);
  });

  it('says so when the feed offers something that is not a version, or this app has none', () => {
    expect(decide('0.1.0', 'latest')).toEqual({ take: false, reason: 'unreadable', message: 'The update feed offers version "latest", which is not a version.' });
    expect(decide('dev', '0.2.0')).toMatchObject({ take: false, reason: 'unreadable' });
  });

  it('words each refusal', () => {
    expect(decide('0.2.0', '0.2.0')).toEqual({ take: false, reason: 'up_to_date', message: 'Assay 0.2.0 is up to date.' });
    expect(decide('0.1.0', '0.2.0-rc.1')).toEqual({
      take: false,
      reason: 'prerelease_on_stable',
      message: 'The stable channel offers 0.2.0-rc.1, a pre-release; it is taken on the beta channel only.',
    });
  });
});

describe('rollout buckets', () => {
  it('are stable per install and spread over 0-99', () => {
    expect(rolloutBucket('install-a')).toBe(rolloutBucket('install-a'));
    // FNV-1a 32: the empty id is the offset basis 2166136261; these values must never change between releases.
    expect([rolloutBucket(''), rolloutBucket('install-a'), rolloutBucket('00000000-0000-4000-8000-000000000001')]).toEqual([61, 78, 22]);
    const buckets = Array.from({ length: 2000 }, (_, i) => rolloutBucket(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    expect(Math.min(...buckets)).toBe(0);
    expect(Math.max(...buckets)).toBe(99);
    // About a tenth of installs fall in a 10% rollout.
    const share = buckets.filter((b) => inRollout(b, 10)).length / buckets.length;
    expect(share).toBeGreaterThan(0.06);
    expect(share).toBeLessThan(0.14);
  });

  it('a release without a percentage reaches everyone; raising it only adds installs', () => {
    expect(inRollout(99, undefined)).toBe(true);
    for (let b = 0; b < 100; b += 1) if (inRollout(b, 20)) expect(inRollout(b, 50)).toBe(true);
  });
});

describe('schedule and restart', () => {
  it('checks at start, then once the interval has passed, only online and signed in', () => {
    expect(checkDue({ now: 0, lastCheckAt: null, online: true, signedIn: true })).toBe(true);
    expect(checkDue({ now: 5, lastCheckAt: null, online: false, signedIn: true })).toBe(false);
    expect(checkDue({ now: 5, lastCheckAt: null, online: true, signedIn: false })).toBe(false);
    expect(checkDue({ now: CHECK_INTERVAL_MS - 1, lastCheckAt: 0, online: true, signedIn: true })).toBe(false);
    expect(checkDue({ now: CHECK_INTERVAL_MS, lastCheckAt: 0, online: true, signedIn: true })).toBe(true);
    expect(checkDue({ now: 5_000 + CHECK_INTERVAL_MS - 1, lastCheckAt: 5_000, online: true, signedIn: true })).toBe(false);
    expect(checkDue({ now: 5_000 + 60_000, lastCheckAt: 5_000, online: true, signedIn: true, intervalMs: 60_000 })).toBe(true);
    expect(CHECK_INTERVAL_MS).toBe(4 * 3600 * 1000);
  });

  it('offers a restart only when downloaded and no save is in flight', () => {
    expect(restartOffered({ downloaded: true, savesInFlight: 0 })).toBe(true);
    expect(restartOffered({ downloaded: true, savesInFlight: 1 })).toBe(false);
    expect(restartOffered({ downloaded: false, savesInFlight: 0 })).toBe(false);
  });

  it('the feed is the platform\'s, per channel', () => {
    expect(updateFeedUrl('https://platform.example/', 'beta')).toBe('https://platform.example/v1/updates/beta/');
    expect(updateFeedUrl('http://127.0.0.1:8787', 'stable')).toBe('http://127.0.0.1:8787/v1/updates/stable/');
    expect(updateFeedUrl('https://platform.example/lab//', 'stable')).toBe('https://platform.example/lab/v1/updates/stable/');
  });
});

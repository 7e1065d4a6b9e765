import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../shared/ipc';
import { CHECK_INTERVAL_MS, rolloutBucket, type UpdateChannel } from '../../../shared/updates/updatePolicy';
import { createUpdateService, type UpdateClock } from '../../../electron/core/updates/updateService';
import { UpdateChecksumError, type UpdateFeed, type Updater } from '../../../electron/core/updates/updater';

/** A clock whose timers run only when the test advances it. */
const fakeClock = () => {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: UpdateClock & { advance(ms: number): Promise<void> } = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        for (let i = 0; i < 10; i += 1) await Promise.resolve();
      }
      now = until;
    },
  };
  return clock;
};

const fakeUpdater = (release: { version: string; stagingPercentage?: number } | null, failDownload?: Error) => {
  const feeds: UpdateFeed[] = [];
  let installs = 0;
  const updater: Updater = {
    check: (feed) => {
      feeds.push(feed);
      return Promise.resolve(release);
    },
    download: (onProgress) => {
      onProgress(50);
      if (failDownload) return Promise.reject(failDownload);
      onProgress(100);
      return Promise.resolve();
    },
    install: () => {
      installs += 1;
    },
  };
  return { updater, feeds, installs: () => installs };
};

const service = (updater: Updater | null, over: { online?: () => boolean; saves?: () => number; signedIn?: boolean; installId?: string } = {}) => {
  const clock = fakeClock();
  let channel: UpdateChannel = 'stable';
  const emitted: UpdateStatus[] = [];
  const s = createUpdateService({
    updater,
    currentVersion: '0.1.0',
    credentials: () => (over.signedIn === false ? null : { platformUrl: 'https://platform.example/', token: 'assay_tok' }),
    online: over.online ?? (() => true),
    installId: () => over.installId ?? 'install-1',
    channel: { get: () => channel, set: (c) => (channel = c) },
    savesInFlight: over.saves ?? (() => 0),
    emit: (status) => emitted.push(status),
    clock,
    firstCheckDelayMs: 15_000,
    tickMs: 60_000,
  });
  return { s, clock, emitted };
};

describe('UpdateService', () => {
  it('reads the channel\'s feed on the platform with the account\'s token and the app version', async () => {
    const fake = fakeUpdater(null);
    const { s } = service(fake.updater);
    await s.checkNow();
    expect(fake.feeds).toEqual([{ url: 'https://platform.example/v1/updates/stable/', headers: { authorization: 'Bearer assay_tok', 'assay-app-version': '0.1.0' } }]);
    await s.setChannel('beta');
    expect(fake.feeds[1]?.url).toBe('https://platform.example/v1/updates/beta/');
  });

  it('checks once at start (after a short delay), then every few hours, and never while offline', async () => {
    const fake = fakeUpdater(null);
    let online = true;
    const { s, clock } = service(fake.updater, { online: () => online });
    s.start();
    await clock.advance(14_000);
    expect(fake.feeds).toHaveLength(0);
    await clock.advance(1_000);
    expect(fake.feeds).toHaveLength(1);
    await clock.advance(CHECK_INTERVAL_MS - 60_000);
    expect(fake.feeds).toHaveLength(1);
    online = false;
    await clock.advance(2 * CHECK_INTERVAL_MS);
    expect(fake.feeds).toHaveLength(1);
    online = true;
    await clock.advance(60_000);
    expect(fake.feeds).toHaveLength(2);
    s.stop();
    await clock.advance(10 * CHECK_INTERVAL_MS);
    expect(fake.feeds).toHaveLength(2);
  });

  it('downloads a newer release in the background and offers a restart only while no save is in flight', async () => {
    const fake = fakeUpdater({ version: '0.2.0' });
    let saves = 1;
    const { s, emitted } = service(fake.updater, { saves: () => saves });
    await s.checkNow();
    await s.idle();
    expect(emitted.map((e) => (e.state === 'downloading' ? `downloading ${e.percent}` : e.state))).toEqual(['checking', 'downloading 0', 'downloading 50', 'downloading 100', 'ready']);
    expect(s.status()).toMatchObject({ state: 'ready', availableVersion: '0.2.0', restartOffered: false });
    // Each announced change is numbered after the one before, and an answer now carries the last number.
    expect(emitted.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(s.status().seq).toBe(5);
    expect(() => s.restart()).toThrow('A save is being written');
    expect(fake.installs()).toBe(0);
    saves = 0;
    s.refresh();
    expect(emitted.at(-1)).toMatchObject({ state: 'ready', restartOffered: true });
    s.restart();
    expect(fake.installs()).toBe(1);
  });

  it('a failed verification is an error with the updater\'s words; nothing can be installed', async () => {
    const fake = fakeUpdater({ version: '0.2.0' }, new UpdateChecksumError('does not match its published checksum'));
    const { s } = service(fake.updater);
    await s.checkNow();
    await s.idle();
    expect(s.status()).toMatchObject({ state: 'error', message: 'does not match its published checksum', restartOffered: false });
    expect(() => s.restart()).toThrow('No update is downloaded');
  });

  it('follows the staged rollout with this install\'s bucket', async () => {
    const inside = Array.from({ length: 200 }, (_, i) => `id-${i}`).find((id) => rolloutBucket(id) < 30) ?? '';
    const outside = Array.from({ length: 200 }, (_, i) => `id-${i}`).find((id) => rolloutBucket(id) >= 30) ?? '';
    const a = service(fakeUpdater({ version: '0.2.0', stagingPercentage: 30 }).updater, { installId: inside });
    const b = service(fakeUpdater({ version: '0.2.0', stagingPercentage: 30 }).updater, { installId: outside });
    await a.s.checkNow();
    await a.s.idle();
    await b.s.checkNow();
    expect(a.s.status().state).toBe('ready');
    expect(b.s.status()).toMatchObject({ state: 'up_to_date', message: 'Assay 0.2.0 is rolling out to 30% of computers; this one gets it later.' });
  });

  it('a network failure while checking is an error that says so, and the next check tries again', async () => {
    let fail = true;
    const updater: Updater = {
      check: () => (fail ? Promise.reject(new Error('connect ECONNREFUSED')) : Promise.resolve(null)),
      download: () => Promise.resolve(),
      install: () => {},
    };
    const { s } = service(updater);
    expect(await s.checkNow()).toMatchObject({ state: 'error', message: 'Could not check for updates: connect ECONNREFUSED' });
    fail = false;
    expect(await s.checkNow()).toMatchObject({ state: 'up_to_date' });
  });

  it('signed out or without an updater, it is unavailable and says why', async () => {
    expect((await service(fakeUpdater(null).updater, { signedIn: false }).s.checkNow()).state).toBe('unavailable');
    expect(await service(null).s.checkNow()).toMatchObject({ state: 'unavailable', message: expect.stringContaining('installer') });
  });
});

describe('UpdateService, finer points', () => {
  /** An updater whose check and download the test settles by hand. */
  const manualUpdater = () => {
    const checks: { feed: UpdateFeed; resolve(r: { version: string } | null): void }[] = [];
    const downloads: { progress(p: number): void; resolve(): void; reject(e: Error): void }[] = [];
    const updater: Updater = {
      check: (feed) => new Promise((resolve) => checks.push({ feed, resolve })),
      download: (onProgress) => new Promise<void>((resolve, reject) => downloads.push({ progress: onProgress, resolve, reject })),
      install: () => {},
    };
    return { updater, checks, downloads };
  };
  const flush = async () => {
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
  };

  it('records when it last checked, and says nothing twice', async () => {
    const { s, clock, emitted } = service(fakeUpdater(null).updater);
    await clock.advance(90_000);
    await s.checkNow();
    expect(s.status()).toMatchObject({ state: 'up_to_date', lastCheckAt: new Date(90_000).toISOString(), message: 'No release on the stable channel yet.', availableVersion: null });
    const count = emitted.length;
    s.refresh();
    await s.checkNow();
    // refresh() said nothing (no update is ready); the second check said 'checking' and 'up to date' once each.
    expect(emitted.length).toBe(count + 2);
    expect(emitted.at(-1)?.state).toBe('up_to_date');
  });

  it('while downloading or ready, a check does not ask the feed again; one progress step is said once', async () => {
    const manual = manualUpdater();
    const { s, emitted } = service(manual.updater);
    const first = s.checkNow();
    manual.checks[0]?.resolve({ version: '0.2.0' });
    await first;
    await flush();
    manual.downloads[0]?.progress(10.2);
    manual.downloads[0]?.progress(10.9);
    manual.downloads[0]?.progress(250);
    expect(emitted.filter((e) => e.state === 'downloading').map((e) => e.percent)).toEqual([0, 10, 100]);
    expect(s.status()).toMatchObject({ state: 'downloading', percent: 100, availableVersion: '0.2.0' });
    await s.checkNow();
    expect(manual.checks).toHaveLength(1);
    manual.downloads[0]?.resolve();
    await s.idle();
    expect(s.status()).toMatchObject({ state: 'ready', percent: null });
    await s.checkNow();
    await s.setChannel('beta');
    expect(manual.checks).toHaveLength(1);
    expect(s.status()).toMatchObject({ state: 'ready', channel: 'beta', availableVersion: '0.2.0' });
  });

  it('a channel switched while a check runs drops that check\'s answer; the same channel again does nothing', async () => {
    const manual = manualUpdater();
    const { s } = service(manual.updater);
    const first = s.checkNow();
    await s.setChannel('stable');
    expect(manual.checks).toHaveLength(1);
    const switching = s.setChannel('beta'); // joins the running check (stable), which then sees the switch
    manual.checks[0]?.resolve({ version: '0.9.0' });
    await first;
    await switching;
    expect(manual.downloads).toHaveLength(0);
    expect(s.status()).toMatchObject({ channel: 'beta', availableVersion: null });
  });

  it('once stopped, nothing more is said or started, and idle() waits for the download in flight', async () => {
    const manual = manualUpdater();
    const { s, emitted } = service(manual.updater);
    const first = s.checkNow();
    manual.checks[0]?.resolve({ version: '0.2.0' });
    await first;
    let idle = false;
    const waiting = s.idle().then(() => (idle = true));
    await flush();
    expect(idle).toBe(false);
    s.stop();
    const said = emitted.length;
    manual.downloads[0]?.progress(50);
    manual.downloads[0]?.resolve();
    await waiting;
    expect(emitted.length).toBe(said);
    await s.checkNow();
    expect(manual.checks).toHaveLength(1);
    s.start();
  });

  it('an unreadable version on the feed is an error', async () => {
    const { s } = service(fakeUpdater({ version: 'nightly' }).updater);
    expect(await s.checkNow()).toMatchObject({ state: 'error', message: 'The update feed offers version "nightly", which is not a version.' });
  });
});

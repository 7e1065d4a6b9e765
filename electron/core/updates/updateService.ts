import { AppFailure } from '@shared/domain';
import type { UpdateStatus } from '@shared/ipc';
import { APP_VERSION_HEADER } from '@shared/sync/appVersion';
import {
  checkDue,
  decideUpdate,
  FIRST_CHECK_DELAY_MS,
  restartOffered,
  rolloutBucket,
  updateFeedUrl,
  type UpdateChannel,
} from '@shared/updates/updatePolicy';
import type { Updater } from './updater';

export interface UpdateClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UpdateServiceOptions {
  /** null where this shell cannot install anything. */
  updater: Updater | null;
  currentVersion: string;
  /** The signed-in account's platform and token (the feed is the platform's), or null. */
  credentials(): { platformUrl: string; token: string } | null;
  /** Online and allowed to talk to the platform (not "work offline"). */
  online(): boolean;
  /** A stable id of this install: its staged-rollout bucket. */
  installId(): string;
  channel: { get(): UpdateChannel; set(channel: UpdateChannel): void };
  /** Saves being written now; a restart is offered only at 0. */
  savesInFlight(): number;
  emit(status: UpdateStatus): void;
  clock: UpdateClock;
  firstCheckDelayMs?: number;
  /** How often the schedule looks whether a check is due (the interval itself is CHECK_INTERVAL_MS). */
  tickMs?: number;
  intervalMs?: number;
}

export interface UpdateService {
  status(): UpdateStatus;
  /** Checks now; a newer release goes on downloading in the background (see idle()). */
  checkNow(): Promise<UpdateStatus>;
  setChannel(channel: UpdateChannel): Promise<UpdateStatus>;
  restart(): UpdateStatus;
  /** Something the status depends on changed (a save started or ended): announce it if it differs. */
  refresh(): void;
  /** At start (after a short delay), then every few hours while online. */
  start(): void;
  stop(): void;
  /** Settles when the check and download in flight (if any) have ended. */
  idle(): Promise<void>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Drives updates with the pure decisions of shared/updates; imports nothing of Electron (the updater is given). */
export const createUpdateService = (options: UpdateServiceOptions): UpdateService => {
  const { updater, clock } = options;
  let state: UpdateStatus['state'] = 'idle';
  let availableVersion: string | null = null;
  let percent: number | null = null;
  let message: string | null = null;
  let lastCheckAt: number | null = null;
  let work: Promise<void> | null = null;
  let timer: unknown = null;
  let stopped = false;

  const unavailableWhy = (): string | null => {
    if (updater === null) return 'This copy of Assay is not installed from an installer, so it cannot update itself.';
    if (options.credentials() === null) return 'Updates come from your platform: sign in to receive them.';
    return null;
  };

  let seq = 0;
  const status = (): UpdateStatus => ({ ...current(), seq });
  const current = (): Omit<UpdateStatus, 'seq'> => {
    const why = state === 'ready' ? null : unavailableWhy();
    return {
      channel: options.channel.get(),
      currentVersion: options.currentVersion,
      state: why === null ? state : 'unavailable',
      availableVersion,
      percent: state === 'downloading' ? percent : null,
      restartOffered: restartOffered({ downloaded: state === 'ready', savesInFlight: options.savesInFlight() }),
      message: why ?? message,
      lastCheckAt: lastCheckAt === null ? null : new Date(lastCheckAt).toISOString(),
    };
  };
  let lastEmitted = '';
  const announce = (): void => {
    // Stopped: the store behind credentials() and channel may be closed already; nothing is read or said.
    if (stopped) return;
    const key = JSON.stringify(current());
    if (key !== lastEmitted) {
      lastEmitted = key;
      seq += 1;
      options.emit(status());
    }
  };
  const set = (next: UpdateStatus['state'], fields: { message?: string | null; percent?: number | null; availableVersion?: string | null } = {}): void => {
    if (stopped) return;
    state = next;
    if (fields.message !== undefined) message = fields.message;
    if (fields.percent !== undefined) percent = fields.percent;
    if (fields.availableVersion !== undefined) availableVersion = fields.availableVersion;
    announce();
  };

  const download = async (active: Updater, version: string): Promise<void> => {
    set('downloading', { percent: 0, message: null, availableVersion: version });
    let lastPercent = -1;
    try {
      await active.download((p) => {
        const whole = Math.max(0, Math.min(100, Math.floor(p)));
        if (whole === lastPercent || stopped) return;
        lastPercent = whole;
        set('downloading', { percent: whole });
      });
      set('ready', { message: null, percent: null });
    } catch (error) {
      set('error', { message: messageOf(error), percent: null });
    }
  };

  /** The check itself; answers once the feed has been read (a download runs on in `work`). */
  const check = async (): Promise<void> => {
    if (stopped) return;
    const credentials = options.credentials();
    if (updater === null || credentials === null) {
      announce();
      return;
    }
    if (state === 'downloading' || state === 'ready') return;
    set('checking', { message: null });
    lastCheckAt = clock.now();
    const channel = options.channel.get();
    let offered;
    try {
      offered = await updater.check({
        url: updateFeedUrl(credentials.platformUrl, channel),
        headers: { authorization: `Bearer ${credentials.token}`, [APP_VERSION_HEADER]: options.currentVersion },
      });
    } catch (error) {
      set('error', { message: `Could not check for updates: ${messageOf(error)}` });
      return;
    }
    if (options.channel.get() !== channel) return; // switched while checking: that switch checks again
    if (offered === null) {
      set('up_to_date', { message: `No release on the ${channel} channel yet.`, availableVersion: null });
      return;
    }
    const decision = decideUpdate({ current: options.currentVersion, channel, offered, bucket: rolloutBucket(options.installId()) });
    if (!decision.take) {
      set(decision.reason === 'unreadable' ? 'error' : 'up_to_date', { message: decision.reason === 'up_to_date' ? null : decision.message, availableVersion: null });
      return;
    }
    work = download(updater, decision.version).finally(() => {
      work = null;
    });
  };

  let checking: Promise<void> | null = null;
  const checkNow = async (): Promise<UpdateStatus> => {
    checking ??= check().finally(() => {
      checking = null;
    });
    await checking;
    return status();
  };

  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      const due = checkDue({ now: clock.now(), lastCheckAt, online: options.online(), signedIn: options.credentials() !== null, ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }) });
      const next = (): void => schedule(options.tickMs ?? 10 * 60 * 1000);
      if (due) void checkNow().finally(next);
      else next();
    }, ms);
  };

  return {
    status,
    checkNow,
    setChannel: async (channel) => {
      if (channel === options.channel.get()) return status();
      options.channel.set(channel);
      // What was found or fetched on the other channel no longer applies (unless it is already downloaded).
      if (state !== 'ready' && state !== 'downloading') set('idle', { message: null, availableVersion: null });
      return checkNow();
    },
    restart: () => {
      if (state !== 'ready' || updater === null) throw new AppFailure('conflict', 'No update is downloaded and ready to install.');
      if (options.savesInFlight() > 0) throw new AppFailure('conflict', 'A save is being written; restart once it is done (a few seconds).');
      updater.install();
      return status();
    },
    // Only a ready update's restart offer depends on saves in flight.
    refresh: () => {
      if (state === 'ready') announce();
    },
    start: () => {
      if (stopped) return;
      schedule(options.firstCheckDelayMs ?? FIRST_CHECK_DELAY_MS);
    },
    stop: () => {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
    idle: async () => {
      while (checking !== null || work !== null) await (checking ?? work);
    },
  };
};

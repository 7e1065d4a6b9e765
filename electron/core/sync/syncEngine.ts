import { randomUUID } from 'node:crypto';
import { AppFailure } from '@shared/domain';
import { PROTOCOL_LIMITS } from '@shared/sync';
import type { SyncStatus } from '@shared/ipc';
import type { AppEvents } from '../events';
import type { Store } from '../store/store';
import type { SyncAccount } from '../store/syncStateRepository';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { createBackoff, type BackoffPolicy } from './backoff';
import { createPlatformClient, isPlatformError, PlatformRequestError, type PlatformClient } from './platformClient';
import { normalizePlatformUrl } from './platformUrl';
import { DEFAULT_PAGE_SIZE, pull } from './pull';
import { push } from './push';
import { syncReplies } from './replySync';
import { syncReviews } from './reviewSync';
import { listSyncItems, retrySyncItem, type SyncItemList } from './syncItems';

export interface SyncClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SyncClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Credentials {
  platformUrl: string;
  token: string;
}

/** `appVersion` is this app's version, to send on every request (the platform may have a minimum). */
export type ClientFactory = (credentials: Credentials, signal: AbortSignal, appVersion?: string) => PlatformClient;

export const defaultClientFactory: ClientFactory = (credentials, signal, appVersion) =>
  createPlatformClient({ baseUrl: credentials.platformUrl, token: credentials.token, signal, ...(appVersion === undefined ? {} : { appVersion }) });

export interface SyncEngineOptions {
  store: Store;
  events: AppEvents;
  createClient?: ClientFactory;
  clock?: SyncClock;
  /** In [0, 1); drives the backoff jitter. */
  random?: () => number;
  /** Background sync period while online. Default 60 s. */
  intervalMs?: number;
  /** After a local change, sync this soon (debounced). Default 2 s. */
  localChangeDelayMs?: number;
  /**
   * true (default): a background loop while online and signed in, a sync soon after each local change and
   * when the network returns. false: only syncOnce() talks to the network (tests that script every step).
   */
  autoSync?: boolean;
  pageSize?: number;
  backoff?: BackoffPolicy;
  /** This app's version: sent on every request and in every mutation (createCore passes the app's). */
  appVersion?: string;
}

/** What the renderer may see of the account: never the token. */
export interface PublicAccount {
  platformUrl: string;
  userName: string;
  role: SyncAccount['role'];
  signedInAt: string;
}

export interface SyncEngine {
  status(): SyncStatus;
  account(): PublicAccount | null;
  workOffline(): boolean;
  signIn(platformUrl: string, token: string): Promise<PublicAccount>;
  signOut(): void;
  /** One push + pull now (or joins the one running, then runs once more). Never throws for network trouble: see status().lastError. */
  syncOnce(): Promise<SyncStatus>;
  setWorkOffline(offline: boolean): SyncStatus;
  /** What the OS says about connectivity; its return resets the backoff and syncs at once. */
  setNetworkAvailable(available: boolean): void;
  /** A draft or submission was written locally: push it soon. */
  notifyLocalChange(): void;
  listItems(): SyncItemList;
  retryItem(id: string): SyncStatus;
  /** Starts the background loop (when autoSync). */
  start(): void;
  /** Stops timers and aborts requests in flight; nothing is written afterwards. Safe to call twice. */
  stop(): void;
  /** Settles when the sync in flight (if any) has ended. */
  idle(): Promise<void>;
  /** A read the platform answers live (a reviewer's agreement views), with the signed-in account; AppFailure when it cannot. */
  platformRead<T>(read: (client: PlatformClient) => Promise<T>): Promise<T>;
}

const publicAccount = (a: SyncAccount): PublicAccount => ({ platformUrl: a.platformUrl, userName: a.userName, role: a.role, signedInAt: a.signedInAt });
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const createSyncEngine = (options: SyncEngineOptions): SyncEngine => {
  const { store, events } = options;
  const clock = options.clock ?? systemClock;
  const createClient = options.createClient ?? defaultClientFactory;
  const autoSync = options.autoSync ?? true;
  const intervalMs = options.intervalMs ?? 60_000;
  const localChangeDelayMs = options.localChangeDelayMs ?? 2_000;
  const backoff = createBackoff(options.random ?? Math.random, options.backoff);

  let stopped = false;
  let started = false;
  let running = false;
  let inFlight: Promise<void> | null = null;
  let rerun = false;
  let abort = new AbortController();
  let timer: { handle: unknown; dueAt: number } | null = null;
  /** The last attempt could not reach the platform at all. */
  let unreachable = false;
  let networkAvailable = true;
  let needsSignIn = false;
  /** The platform refused this app as older than its minimum: queued work waits for an updated app. */
  let updateRequired = false;
  /** A sign-in is switching accounts: no sync may start until it has stored the new one. */
  let switching = 0;
  let lastEmitted = '';

  const signedIn = (): SyncAccount | null => {
    const account = store.sync.get('account');
    return account !== null && account.token !== '' ? account : null;
  };
  const isWorkOffline = (): boolean => store.sync.get('workOffline') === true;
  const canSync = (): boolean => !stopped && switching === 0 && signedIn() !== null && !isWorkOffline() && !needsSignIn && networkAvailable;

  const status = (): SyncStatus => {
    const pending = store.outbox.pendingCount() + store.reviewQueue.pendingCount() + store.replies.pendingCount();
    const lastSyncAt = store.sync.get('lastSyncAt');
    const lastError = store.sync.get('lastError');
    if (signedIn() === null) return { state: 'local', pending, lastSyncAt, lastError: null };
    const state = running ? 'syncing' : isWorkOffline() || unreachable || needsSignIn || updateRequired || !networkAvailable ? 'offline' : 'online';
    return { state, pending, lastSyncAt, lastError };
  };

  // Only changes are announced: the status at start is what the UI reads with getSyncStatus.
  lastEmitted = JSON.stringify(status());

  const emitStatus = (): void => {
    if (stopped) return;
    const current = status();
    const key = JSON.stringify(current);
    if (key === lastEmitted) return;
    lastEmitted = key;
    events.emit({ type: 'syncStatus', status: current });
  };

  const clearTimer = (): void => {
    if (timer) clock.clearTimeout(timer.handle);
    timer = null;
  };
  const schedule = (ms: number): void => {
    if (!autoSync || !started || !canSync()) return;
    clearTimer();
    const handle = clock.setTimeout(() => {
      timer = null;
      void syncOnce();
    }, ms);
    timer = { handle, dueAt: clock.now() + ms };
  };

  const setLastError = (message: string | null): void => store.transaction(() => store.sync.set('lastError', message));

  const clientId = (): string => {
    const existing = store.sync.get('clientId');
    if (existing !== null) return existing;
    const fresh = randomUUID();
    store.transaction(() => store.sync.set('clientId', fresh));
    return fresh;
  };

  const runOnce = async (): Promise<void> => {
    const account = signedIn();
    if (account === null || !canSync()) return;
    running = true;
    emitStatus();
    const client = createClient({ platformUrl: account.platformUrl, token: account.token }, abort.signal, options.appVersion);
    const isStopped = (): boolean => stopped;
    let nextDelay: number | null = intervalMs;
    try {
      // Never more per request than the platform said it takes at sign-in (nor more than this client's own caps).
      const limits = store.sync.get('limits');
      const maxBatch = Math.max(1, Math.min(PROTOCOL_LIMITS.maxMutationsPerPush, limits?.maxMutationsPerPush ?? Infinity));
      const pageSize = Math.max(1, Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, limits?.maxPageSize ?? Infinity));
      const pushed = await push({
        store,
        client,
        clientId: clientId(),
        isStopped,
        maxBatch,
        stamp: { schemaVersion: LATEST_SCHEMA_VERSION, ...(options.appVersion === undefined ? {} : { appVersion: options.appVersion }) },
      });
      if (stopped) return;
      const replied = account.role === 'expert' ? await syncReplies({ store, client, isStopped }) : null;
      if (stopped) return;
      const pulled = await pull({ store, client, isStopped, pageSize });
      if (stopped) return;
      const reviewed = account.role === 'expert' ? null : await syncReviews({ store, client, isStopped, now: () => clock.now() });
      if (stopped) return;
      if (reviewed) events.emit({ type: 'reviewQueueChanged' });
      store.transaction(() => {
        store.sync.set('lastSyncAt', new Date(clock.now()).toISOString());
        const failed = pushed.rejected + pushed.leaseLost + (reviewed?.refused ?? 0) + (replied?.refused ?? 0);
        store.sync.set(
          'lastError',
          failed > 0 ? `${failed} change${failed === 1 ? ' was' : 's were'} not accepted by the platform; see the sync panel.` : pulled.quarantined > 0 ? `${pulled.quarantined} task${pulled.quarantined === 1 ? '' : 's'} from the platform could not be read; see the sync panel.` : null,
        );
      });
      unreachable = false;
      updateRequired = false;
      backoff.reset();
      const changed = [...new Set([...pushed.taskIds, ...pulled.taskIds])];
      if (changed.length > 0) events.emit({ type: 'tasksChanged', taskIds: changed, ...(pulled.taskIds.size > 0 ? { pulled: [...pulled.taskIds] } : {}) });
    } catch (error) {
      if (stopped) return;
      if (isPlatformError(error, 'unauthorized')) {
        needsSignIn = true;
        nextDelay = null;
      } else if (isPlatformError(error, 'update_required')) {
        // Nothing was applied and nothing is dropped: the outbox stays pending. Ask again now and then, at the
        // normal pace (the platform may lower its minimum), never in a tight loop.
        updateRequired = true;
        unreachable = false;
        nextDelay = intervalMs;
      } else {
        unreachable = isPlatformError(error, 'network');
        nextDelay = backoff.next(error instanceof PlatformRequestError ? error.retryAfterMs : null);
      }
      try {
        setLastError(messageOf(error));
      } catch {
        // The store may be closing; the message is also in memory through the thrown error's path.
      }
    } finally {
      running = false;
    }
    if (stopped) return;
    emitStatus();
    if (nextDelay !== null) schedule(nextDelay);
  };

  const syncOnce = async (): Promise<SyncStatus> => {
    if (stopped) throw new AppFailure('conflict', 'Sync has stopped.');
    if (signedIn() === null) throw new AppFailure('conflict', 'Sign in to a platform first.');
    if (inFlight) {
      rerun = true;
      await inFlight;
      return status();
    }
    clearTimer();
    inFlight = (async () => {
      do {
        rerun = false;
        await runOnce();
      } while (rerun && canSync());
    })().finally(() => {
      inFlight = null;
    });
    await inFlight;
    return stopped ? { state: 'offline', pending: 0, lastSyncAt: null, lastError: null } : status();
  };

  const kick = (): void => {
    if (autoSync && started && canSync()) void syncOnce().catch(() => undefined);
  };

  /**
   * An account switch: the pending outbox was made as the previous identity, so none of it may go out under
   * the new token. It is held back (failed, with a message saying whose it is); a retry from the sync panel
   * sends it as the new user on purpose, and signing in as its author again puts it back in the queue with
   * its own ids and idempotency keys. Call inside the sign-in transaction.
   */
  const holdAtAccountSwitch = (previous: SyncAccount, next: SyncAccount): void => {
    const label = (a: SyncAccount): string => (previous.platformUrl === next.platformUrl ? a.userName : `${a.userName} at ${a.platformUrl}`);
    const held = store.outboxSync.holdPending(`Made while signed in as ${label(previous)}; sign in as them to send it, or retry to send it as ${label(next)}.`);
    let list = store.sync.get('heldOutbox') ?? [];
    if (held.length > 0) list = [...list, { platformUrl: previous.platformUrl, userId: previous.userId, userName: previous.userName, ids: held }];
    const mine = list.filter((h) => h.platformUrl === next.platformUrl && h.userId === next.userId);
    for (const h of mine) for (const id of h.ids) store.outboxSync.restoreHeld(id);
    list = list.filter((h) => !mine.includes(h));
    store.sync.set('heldOutbox', list.length > 0 ? list : null);
  };

  const abortInFlight = (): void => {
    abort.abort();
    abort = new AbortController();
  };

  return {
    status,
    account: () => {
      const account = store.sync.get('account');
      return account !== null && account.token !== '' ? publicAccount(account) : null;
    },
    workOffline: isWorkOffline,

    async platformRead(read) {
      const account = signedIn();
      if (account === null) throw new AppFailure('conflict', 'Sign in to a platform as a reviewer to see this.');
      if (isWorkOffline()) throw new AppFailure('conflict', 'You are working offline; this view is read live from the platform. Go online to see it.');
      try {
        return await read(createClient({ platformUrl: account.platformUrl, token: account.token }, abort.signal, options.appVersion));
      } catch (error) {
        if (error instanceof AppFailure) throw error;
        if (isPlatformError(error, 'network')) throw new AppFailure('conflict', `The platform could not be reached; try again when online. (${error.message})`);
        throw new AppFailure('conflict', messageOf(error));
      }
    },

    async signIn(platformUrl, token) {
      const url = normalizePlatformUrl(platformUrl);
      const trimmed = token.trim();
      if (!/^[A-Za-z0-9._~+/=-]{1,512}$/.test(trimmed)) throw new AppFailure('invalid_input', 'That token has characters a platform token never has; paste it again.', 'token');
      let me;
      try {
        me = await createClient({ platformUrl: url, token: trimmed }, abort.signal, options.appVersion).me();
      } catch (error) {
        if (isPlatformError(error, 'unauthorized')) throw new AppFailure('forbidden', `${url} did not accept that token. Check it, or ask your platform admin for a new one.`, 'token');
        if (isPlatformError(error, 'update_required')) throw new AppFailure('conflict', error.message, 'platformUrl');
        throw new AppFailure('conflict', `Could not sign in to ${url}: ${messageOf(error)}`, 'platformUrl');
      }
      if (stopped) throw new AppFailure('conflict', 'Sync has stopped.');
      // A sync already running belongs to the previous sign-in: abort it and let it unwind before anything of
      // the new account is stored, so none of its pages or cursor land after (and over) the switch. No other
      // sync starts meanwhile (canSync is false while switching).
      switching += 1;
      try {
        clearTimer();
        while (inFlight) {
          rerun = false;
          abortInFlight();
          await inFlight.catch(() => undefined);
        }
      } finally {
        switching -= 1;
      }
      if (stopped) throw new AppFailure('conflict', 'Sync has stopped.');
      const account: SyncAccount = { platformUrl: url, token: trimmed, userId: me.user.id, userName: me.user.name, role: me.user.role, signedInAt: new Date(clock.now()).toISOString() };
      store.transaction(() => {
        const previous = store.sync.get('account');
        if (previous === null || previous.platformUrl !== url || previous.userId !== me.user.id) {
          // Another platform or person: their cursor and client id mean nothing here. Local work stays.
          store.sync.set('cursor', null);
          store.sync.set('snapshot', null);
          store.sync.set('clientId', randomUUID());
          store.sync.set('lastSyncAt', null);
        }
        if (previous !== null && (previous.platformUrl !== url || previous.userId !== me.user.id)) holdAtAccountSwitch(previous, account);
        store.sync.set('account', account);
        store.sync.set('limits', { maxPageSize: me.limits.maxPageSize, maxMutationsPerPush: me.limits.maxMutationsPerPush });
        store.sync.set('lastError', null);
      });
      needsSignIn = false;
      unreachable = false;
      backoff.reset();
      emitStatus();
      kick();
      return publicAccount(account);
    },

    signOut() {
      abortInFlight();
      clearTimer();
      store.transaction(() => {
        const previous = store.sync.get('account');
        // The identity stays so signing in again as the same person resumes from the same cursor; the token goes.
        if (previous !== null) store.sync.set('account', { ...previous, token: '' });
        store.sync.set('lastError', null);
      });
      needsSignIn = false;
      emitStatus();
    },

    syncOnce,

    setWorkOffline(offline) {
      store.transaction(() => store.sync.set('workOffline', offline));
      if (offline) {
        abortInFlight();
        clearTimer();
      } else {
        backoff.reset();
        unreachable = false;
      }
      emitStatus();
      if (!offline) kick();
      return status();
    },

    setNetworkAvailable(available) {
      const returned = available && !networkAvailable;
      networkAvailable = available;
      if (!available) clearTimer();
      if (returned) {
        backoff.reset();
        unreachable = false;
      }
      emitStatus();
      if (returned) kick();
    },

    notifyLocalChange() {
      emitStatus();
      if (!autoSync || !started || !canSync()) return;
      if (running) {
        rerun = true;
        return;
      }
      // During a backoff the wait is kept: a burst of autosaves must not hammer a failing server.
      if (backoff.failures > 0) return;
      if (timer && timer.dueAt <= clock.now() + localChangeDelayMs) return;
      schedule(localChangeDelayMs);
    },

    listItems: () => listSyncItems(store),

    retryItem(id) {
      const changed = retrySyncItem(store, id, new Date(clock.now()).toISOString());
      if (changed.length > 0) events.emit({ type: 'tasksChanged', taskIds: changed });
      backoff.reset();
      emitStatus();
      kick();
      return status();
    },

    start() {
      if (started || stopped) return;
      started = true;
      if (autoSync) schedule(0);
    },

    stop() {
      if (stopped) return;
      stopped = true;
      clearTimer();
      abort.abort();
    },

    idle: async () => {
      await inFlight?.catch(() => undefined);
    },
  };
};

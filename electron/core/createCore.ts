import { mkdirSync } from 'node:fs';
import { demoTasks } from '@shared/demo/demoTasks';
import { importTasksFromText } from '@shared/formats/importTasks';
import type { CoreHandlers } from '@shared/ipc';
import { createAppEvents, type AppEvents } from './events';
import { createExportService } from './export/exportService';
import type { ChooseSavePath } from './export/fileExports';
import { createHandlers, type CoreInfo } from './handlers';
import { createIdleCheckpointer } from './store/idleCheckpointer';
import { createSearchIndexer } from './store/searchIndexer';
import type { LineParserScript } from './import/lineParserProtocol';
import { startLineParserThread } from './import/threadedLineParser';
import { DEFAULT_IMPORT_LIMITS } from '@shared/formats/limits';
import { openStore, storePathFor } from './store/openStore';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync/syncEngine';
import { randomUUID } from 'node:crypto';
import { updateChannelSchema } from '@shared/updates/updatePolicy';
import type { Updater } from './updates/updater';
import { createUpdateService, type UpdateService, type UpdateServiceOptions } from './updates/updateService';
import { systemClock } from './sync/syncEngine';
import type { KeyProvider } from './vault/keyProvider';

export interface CoreOptions {
  /** The folder for this installation's data; each account's database is a file inside it. */
  dataDir: string;
  keyProvider: KeyProvider;
  accountId?: string;
  shell: CoreInfo['shell'];
  version: string;
  /** Opens an https URL in the system browser; without it, openExternal answers opened: false. */
  openExternal?: (url: string) => Promise<boolean>;
  /** Asks where to save an export (Electron's save dialog, through the core thread); without it the renderer writes exports itself. */
  chooseSavePath?: ChooseSavePath;
  /** Sync engine options (tests inject a client factory, a clock, autoSync: false). The loop starts at once. */
  sync?: Omit<SyncEngineOptions, 'store' | 'events'>;
  /** Moves update bytes: electron-updater behind the core thread, or the fetch updater in the harness. None: no updates. */
  updater?: Updater | null;
  /** Update schedule overrides (tests). */
  updateTiming?: Pick<UpdateServiceOptions, 'clock' | 'firstCheckDelayMs' | 'tickMs' | 'intervalMs'>;
  /** Where the import's line parser thread starts; without it imports read their lines in the core itself. */
  importLineParser?: LineParserScript;
}

export interface Core {
  handlers: CoreHandlers;
  events: AppEvents;
  /** Set when the old database was moved aside at startup; also reported by getAppInfo. */
  storeNotice: string | null;
  /** Sync with the platform; idle (state 'local') until signIn. */
  sync: SyncEngine;
  /** Updates from the platform's feed (idle without an updater or a signed-in account). */
  updates: UpdateService;
  close(): void;
}

/** The same core for Electron's main process, the browser harness and the tests; only the transport differs. */
export const createCore = (options: CoreOptions): Core => {
  const accountId = options.accountId ?? 'local';
  mkdirSync(options.dataDir, { recursive: true });
  const key = options.keyProvider.loadOrCreateKey(accountId);
  const { store, notice } = openStore(storePathFor(options.dataDir, accountId), key);
  const events = createAppEvents();
  const sync = createSyncEngine({ store, events, appVersion: options.version, ...options.sync });
  const checkpointer = createIdleCheckpointer(store.db);
  const lineParser = options.importLineParser ? startLineParserThread(options.importLineParser, DEFAULT_IMPORT_LIMITS) : null;
  const searchIndexer = createSearchIndexer(store, { onProgress: (pending) => events.emit({ type: 'searchIndex', pending }) });
  const updates = createUpdateService({
    updater: options.updater ?? null,
    currentVersion: options.version,
    credentials: () => {
      const account = store.sync.get('account');
      return account !== null && account.token !== '' ? { platformUrl: account.platformUrl, token: account.token } : null;
    },
    online: () => sync.status().state !== 'local' && !sync.workOffline(),
    installId: () => {
      const existing = store.sync.get('installId');
      if (existing !== null) return existing;
      const fresh = randomUUID();
      store.transaction(() => store.sync.set('installId', fresh));
      return fresh;
    },
    channel: {
      get: () => updateChannelSchema.catch('stable').parse(store.sync.get('updateChannel') ?? 'stable'),
      set: (channel) => store.transaction(() => store.sync.set('updateChannel', channel)),
    },
    // A push on its way to the platform: restart after it (the outbox would survive, but it would wait a start).
    savesInFlight: () => (sync.status().state === 'syncing' ? 1 : 0),
    emit: (status) => events.emit({ type: 'updateStatus', status }),
    clock: systemClock,
    ...options.updateTiming,
  });
  events.on((event) => {
    if (event.type === 'syncStatus') updates.refresh();
  });
  const exports = createExportService(store, options.chooseSavePath ? { chooseSavePath: options.chooseSavePath } : {});
  const handlers = createHandlers({
    store,
    events,
    info: { version: options.version, shell: options.shell, dataDir: options.dataDir, storeNotice: notice, annotatorId: accountId },
    demoTasks,
    importTasksFromText,
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    sync,
    updates,
    searchIndexer,
    lineParser,
    exports,
  });
  sync.start();
  updates.start();
  checkpointer.start();
  // What a quit or a crash left unindexed.
  searchIndexer.kick();
  return {
    handlers,
    events,
    storeNotice: notice,
    sync,
    updates,
    close: () => {
      // The engine first: nothing may write after the store is gone.
      updates.stop();
      sync.stop();
      checkpointer.stop();
      searchIndexer.stop();
      void lineParser?.close();
      // An export still writing leaves no temporary file behind.
      exports.close();
      store.close();
    },
  };
};

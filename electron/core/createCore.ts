import { mkdirSync } from 'node:fs';
import { demoTasks } from '@shared/demo/demoTasks';
import { importTasksFromText } from '@shared/formats/importTasks';
import type { CoreHandlers } from '@shared/ipc';
import { createAppEvents, type AppEvents } from './events';
import { createHandlers, type CoreInfo } from './handlers';
import { createIdleCheckpointer } from './store/idleCheckpointer';
import { openStore, storePathFor } from './store/openStore';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync/syncEngine';
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
  /** Sync engine options (tests inject a client factory, a clock, autoSync: false). The loop starts at once. */
  sync?: Omit<SyncEngineOptions, 'store' | 'events'>;
}

export interface Core {
  handlers: CoreHandlers;
  events: AppEvents;
  /** Set when the old database was moved aside at startup; also reported by getAppInfo. */
  storeNotice: string | null;
  /** Sync with the platform; idle (state 'local') until signIn. */
  sync: SyncEngine;
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
  const handlers = createHandlers({
    store,
    events,
    info: { version: options.version, shell: options.shell, dataDir: options.dataDir, storeNotice: notice, annotatorId: accountId },
    demoTasks,
    importTasksFromText,
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    sync,
  });
  sync.start();
  checkpointer.start();
  return {
    handlers,
    events,
    storeNotice: notice,
    sync,
    close: () => {
      // The engine first: nothing may write after the store is gone.
      sync.stop();
      checkpointer.stop();
      store.close();
    },
  };
};

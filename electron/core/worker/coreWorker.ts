import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure } from '@shared/domain';
import { dispatch } from '@shared/ipc/dispatch';
import { createCore, type Core } from '../createCore';
import { createUpdaterProxy } from '../updates/updaterBridge';
import type { CoreWorkerInit, FromCoreWorker, ToCoreWorker } from './coreWorkerProtocol';

/**
 * The core's own thread in the desktop app: the store, sync, imports and exports run here, so a long import or
 * a 100,000-row query never holds up the main process, which only routes messages and owns windows. Every call
 * goes through dispatch(), as in-process.
 */
const port = parentPort;
if (!port) throw new Error('coreWorker.ts runs as a worker thread.');

const init = workerData as CoreWorkerInit;
const post = (message: FromCoreWorker): void => port.postMessage(message);
const externalWaiting = new Map<number, (opened: boolean) => void>();
let nextExternal = 1;
const savePathWaiting = new Map<number, (path: string | null) => void>();
let nextSavePath = 1;
const updaterProxy = init.updates === true ? createUpdaterProxy(post) : null;

let core: Core | null = null;
try {
  core = createCore({
    dataDir: init.dataDir,
    accountId: init.accountId,
    keyProvider: { loadOrCreateKey: () => Buffer.from(init.key) },
    shell: init.shell,
    version: init.version,
    ...(init.importLineParser ? { importLineParser: init.importLineParser } : {}),
    updater: updaterProxy?.updater ?? null,
    openExternal: (url) =>
      new Promise<boolean>((resolve) => {
        const id = nextExternal++;
        externalWaiting.set(id, resolve);
        post({ type: 'openExternal', id, url });
      }),
    // The path comes only from the main thread's save dialog; the renderer holds just the export's id.
    ...(init.saveDialog === true
      ? {
          chooseSavePath: (suggestedName: string) =>
            new Promise<string | null>((resolve) => {
              const id = nextSavePath++;
              savePathWaiting.set(id, resolve);
              post({ type: 'chooseSavePath', id, suggestedName });
            }),
        }
      : {}),
  });
  core.events.on((event) => post({ type: 'event', event }));
  post({ type: 'ready' });
} catch (error) {
  const failure = error instanceof AppFailure ? error : new AppFailure('storage_failed', error instanceof Error ? error.message : String(error));
  post({ type: 'startFailed', error: failure.toError() });
}

port.on('message', (message: ToCoreWorker) => {
  switch (message.type) {
    case 'call':
      if (!core) {
        post({ type: 'result', id: message.id, result: { ok: false, error: { code: 'storage_failed', message: 'Your data could not be opened.' } } });
        return;
      }
      void dispatch(core.handlers, message.name, message.input).then((result) => post({ type: 'result', id: message.id, result }));
      return;
    case 'externalOpened':
      externalWaiting.get(message.id)?.(message.opened);
      externalWaiting.delete(message.id);
      return;
    case 'savePathChosen':
      savePathWaiting.get(message.id)?.(message.path);
      savePathWaiting.delete(message.id);
      return;
    case 'updaterResult':
    case 'updaterProgress':
      updaterProxy?.receive(message);
      return;
    case 'close':
      core?.close();
      core = null;
      post({ type: 'closed' });
      port.close();
      return;
  }
});

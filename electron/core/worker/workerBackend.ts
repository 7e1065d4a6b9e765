import type { Worker } from 'node:worker_threads';
import { AppFailure, type AppError } from '@shared/domain';
import { operationNames, type CoreHandlers } from '@shared/ipc';
import { createAppEvents, type AppEvents } from '../events';
import { answerUpdaterRequest } from '../updates/updaterBridge';
import type { Updater } from '../updates/updater';
import type { FromCoreWorker, ToCoreWorker } from './coreWorkerProtocol';

export interface WorkerBackend {
  handlers: CoreHandlers;
  events: AppEvents;
  /** Resolves once the core thread has opened the store, or rejects with why it could not. */
  ready: Promise<void>;
  /** Asks the core thread to close the store and waits for it (at most `timeoutMs`), then ends the thread. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * The main thread's side of the core thread: the same CoreHandlers the in-process core has, each a message to
 * the thread and its Result back. The registrars in front of it parse inputs and outputs against the contract as
 * they do for the in-process core; the thread parses them again with dispatch().
 */
export interface WorkerBackendOptions {
  openExternal?: (url: string) => Promise<boolean>;
  updater?: Updater;
  /** The save dialog for exports (main thread); answers the absolute path chosen, or null when dismissed. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
}

export function connectWorkerCore(worker: Worker, options: WorkerBackendOptions = {}): WorkerBackend {
  const events = createAppEvents();
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let nextId = 1;
  let stopped: AppError | null = null;
  let onClosed: (() => void) | null = null;
  let settleReady: { resolve(): void; reject(error: unknown): void } = { resolve: () => {}, reject: () => {} };
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  ready.catch(() => {}); // callers that never wait must not see an unhandled rejection

  const send = (message: ToCoreWorker): void => worker.postMessage(message);
  const stopAll = (error: AppError): void => {
    stopped = error;
    settleReady.reject(new AppFailure(error.code, error.message, error.detail));
    for (const { reject } of waiting.values()) reject(new AppFailure(error.code, error.message, error.detail));
    waiting.clear();
  };

  worker.on('message', (message: FromCoreWorker) => {
    switch (message.type) {
      case 'ready':
        settleReady.resolve();
        return;
      case 'startFailed':
        stopAll(message.error);
        return;
      case 'result': {
        const pending = waiting.get(message.id);
        waiting.delete(message.id);
        if (!pending) return;
        const { result } = message;
        if (result.ok) pending.resolve(result.value);
        else pending.reject(new AppFailure(result.error.code, result.error.message, result.error.detail));
        return;
      }
      case 'event':
        events.emit(message.event);
        return;
      case 'openExternal': {
        const opening = options.openExternal ? options.openExternal(message.url) : Promise.resolve(false);
        void opening.catch(() => false).then((opened) => send({ type: 'externalOpened', id: message.id, opened }));
        return;
      }
      case 'chooseSavePath': {
        const choosing = options.chooseSavePath ? options.chooseSavePath(message.suggestedName) : Promise.resolve(null);
        void choosing.catch(() => null).then((path) => send({ type: 'savePathChosen', id: message.id, path }));
        return;
      }
      case 'updaterCall':
        if (options.updater) void answerUpdaterRequest(options.updater, message, send);
        else send({ type: 'updaterResult', id: message.id, ok: false, message: 'This copy of Assay cannot update itself.', checksum: false });
        return;
      case 'closed':
        onClosed?.();
        return;
    }
  });
  worker.on('error', (error) => stopAll({ code: 'internal', message: `The core stopped: ${error.message}. Your saved work is safe; restart Assay.` }));
  worker.on('exit', (code) => {
    if (!stopped) stopAll({ code: 'internal', message: `The core stopped (exit ${code}). Your saved work is safe; restart Assay.` });
    onClosed?.();
  });

  const call = (name: string, input: unknown): Promise<unknown> => {
    if (stopped) return Promise.reject(new AppFailure(stopped.code, stopped.message, stopped.detail));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      send({ type: 'call', id, name, input });
    });
  };

  const handlers = Object.fromEntries(operationNames.map((name) => [name, (input: unknown) => call(name, input)])) as unknown as CoreHandlers;

  return {
    handlers,
    events,
    ready,
    close: (timeoutMs = 5000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), timeoutMs);
        onClosed = () => {
          clearTimeout(timer);
          resolve();
        };
        if (stopped) {
          clearTimeout(timer);
          void worker.terminate().then(() => resolve());
          return;
        }
        send({ type: 'close' });
      }),
  };
}

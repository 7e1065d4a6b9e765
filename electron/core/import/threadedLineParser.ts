import { Worker } from 'node:worker_threads';
import { AppFailure } from '@shared/domain';
import type { ImportLimits } from '@shared/formats/limits';
import type { ParsedPiece } from './lineParser';
import { fromColumns, type FromLineParser, type LineParserScript, type ToLineParser } from './lineParserProtocol';

/** Reads pieces of imports on the line parser's thread (lineParserWorker.ts), answering each in the order sent. */
export interface LineParserThread {
  feed(importId: string, text: string, final: boolean): Promise<ParsedPiece>;
  drop(importId: string): void;
  close(): Promise<void>;
}

/**
 * Starts the thread once (with the core), so an import does not wait for it to start. If it dies, the imports
 * reading on it fail with a clear message and the next piece starts a new one.
 */
export const startLineParserThread = (script: LineParserScript, limits: ImportLimits): LineParserThread => {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (piece: ParsedPiece) => void; reject: (error: Error) => void }>();

  const failAll = (why: string): void => {
    for (const { reject } of waiting.values()) reject(new AppFailure('import_failed', `Reading the file stopped (${why}). Nothing was imported; try again.`));
    waiting.clear();
    worker = null;
  };

  const start = (): Worker => {
    const started = new Worker(script.path, {
      workerData: { limits },
      ...(script.execArgv ? { execArgv: script.execArgv } : {}),
      ...(script.env ? { env: script.env } : {}),
    });
    started.on('message', (message: FromLineParser) => {
      const entry = waiting.get(message.id);
      if (!entry) return;
      waiting.delete(message.id);
      if (waiting.size === 0) started.unref();
      if (message.type === 'piece') entry.resolve({ ...message.piece, rows: fromColumns(message.columns) });
      else entry.reject(new AppFailure('import_failed', `The file could not be read: ${message.message}`));
    });
    started.on('error', (error) => {
      if (worker === started) failAll(error.message);
    });
    started.on('exit', (code) => {
      if (worker === started) failAll(`its thread ended with code ${code}`);
    });
    // An idle parser must not keep the process alive; one with pieces to read does (see feed).
    started.unref();
    return started;
  };
  worker = start();

  return {
    feed(importId, text, final) {
      worker ??= start();
      const id = nextId++;
      if (waiting.size === 0) worker.ref();
      const promise = new Promise<ParsedPiece>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.postMessage({ type: 'feed', id, importId, text, final } satisfies ToLineParser);
      return promise;
    },
    drop(importId) {
      worker?.postMessage({ type: 'drop', importId } satisfies ToLineParser);
    },
    async close() {
      const stopping = worker;
      worker = null;
      failAll('Assay is closing');
      await stopping?.terminate();
    },
  };
};

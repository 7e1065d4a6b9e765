import { parentPort, workerData } from 'node:worker_threads';
import type { ImportLimits } from '@shared/formats/limits';
import { createImportLineParser, type ImportLineParser } from './lineParser';
import { toColumns, type FromLineParser, type ToLineParser } from './lineParserProtocol';

/**
 * The import's reading on a thread of its own (out/main/importLineParser.js in the desktop app): JSON, the task
 * schema and each row's derived columns are worked out here while the core writes the rows of the piece before.
 * One reader per import, so lines are numbered and ids checked across the whole file.
 */
const port = parentPort;
if (!port) throw new Error('lineParserWorker.ts runs as a worker thread.');
const { limits } = workerData as { limits: ImportLimits };
const parsers = new Map<string, ImportLineParser>();
const post = (message: FromLineParser): void => port.postMessage(message);

port.on('message', (message: ToLineParser) => {
  if (message.type === 'drop') {
    parsers.delete(message.importId);
    return;
  }
  try {
    let parser = parsers.get(message.importId);
    if (!parser) {
      parser = createImportLineParser(limits);
      parsers.set(message.importId, parser);
    }
    const { rows, ...piece } = parser.feed(message.text, message.final);
    if (message.final) parsers.delete(message.importId);
    post({ type: 'piece', id: message.id, piece, columns: toColumns(rows) });
  } catch (error) {
    post({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});

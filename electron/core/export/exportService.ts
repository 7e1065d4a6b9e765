import { AppFailure } from '@shared/domain';
import type { CoreHandlers } from '@shared/ipc';
import type { Store } from '../store/store';
import { createChunkedExports, type ChunkedExportOptions } from './chunkedExport';
import { createFileExports, type FileExportOptions } from './fileExports';

type Handlers = Pick<CoreHandlers, 'beginExport' | 'readExport' | 'cancelExport' | 'chooseExportFile' | 'writeExport'>;

export interface ExportService {
  handlers: Handlers;
  /** Drops every unfinished export and its temporary file (the core is closing). */
  close(): void;
}

/**
 * Streamed exports over one store. Two ways to the file: the renderer reads the chunks (readExport) and writes them
 * itself (the File System Access picker or a download in the browser harness), or, in the desktop app, the core
 * writes them to the file chosen in the main process's save dialog (chooseExportFile, then writeExport).
 */
export const createExportService = (store: Store, options: FileExportOptions & { chunks?: ChunkedExportOptions } = {}): ExportService => {
  const exports = createChunkedExports(store, options.chunks);
  const files = createFileExports(exports, options);
  return {
    handlers: {
      beginExport: ({ format, project }) => exports.begin(format, project),
      readExport: ({ exportId }) => {
        // Chunks handed out here would be missing from the file the core writes.
        if (files.writesFile(exportId)) throw new AppFailure('conflict', 'Assay writes this export to the chosen file itself.');
        return exports.next(exportId);
      },
      cancelExport: ({ exportId }) => {
        const hadFile = files.cancel(exportId);
        return { cancelled: exports.cancel(exportId).cancelled || hadFile };
      },
      chooseExportFile: ({ exportId }) => files.chooseFile(exportId),
      writeExport: ({ exportId }) => files.writeNext(exportId),
    },
    close: () => files.closeAll(),
  };
};

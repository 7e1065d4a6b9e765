import { AppFailure } from '@shared/domain';
import type { ExportFileChoice, ExportWriteProgress } from '@shared/ipc/exportFile';
import type { ChunkedExports } from './chunkedExport';
import { openExportFile, type ExportFile } from './exportFile';

/**
 * Asks the person where to save, with `suggestedName` filled in: the absolute path they chose, or null when they
 * dismissed the dialog. In the desktop app this is Electron's save dialog in the main process (the core thread asks
 * it through a message, see coreWorker.ts); nothing the renderer sends can name the path.
 */
export type ChooseSavePath = (suggestedName: string) => Promise<string | null>;

export interface FileExportOptions {
  /** Absent (the browser harness, tests): chooseFile answers 'unavailable' and the renderer writes the file itself. */
  chooseSavePath?: ChooseSavePath;
}

/**
 * Exports the core writes itself, to the file the person chose in the save dialog: chooseFile binds a running
 * export (chunkedExport.ts) to that file, and each writeNext writes the next chunk to the temporary file beside it
 * (exportFile.ts); the last chunk moves it into place. A cancelled or failed export leaves neither the file nor the
 * temporary file. The export's id is the only handle the renderer holds: the path stays in this thread.
 */
export const createFileExports = (exports: ChunkedExports, options: FileExportOptions = {}) => {
  const files = new Map<string, ExportFile>();
  /** Exports whose save dialog is open: a second request for the same export is refused. */
  const choosing = new Set<string>();

  const forget = (exportId: string): boolean => {
    const file = files.get(exportId);
    files.delete(exportId);
    file?.discard();
    return file !== undefined;
  };

  return {
    async chooseFile(exportId: string): Promise<ExportFileChoice> {
      if (!options.chooseSavePath) return { status: 'unavailable' };
      const suggestedName = exports.fileNameOf(exportId);
      if (files.has(exportId) || choosing.has(exportId)) throw new AppFailure('conflict', 'A file was already chosen for this export.');
      choosing.add(exportId);
      let path: string | null;
      try {
        path = await options.chooseSavePath(suggestedName);
      } finally {
        choosing.delete(exportId);
      }
      if (path === null) return { status: 'dismissed' };
      // Cancelled while the dialog was open: no file is opened.
      exports.fileNameOf(exportId);
      const file = openExportFile(path);
      files.set(exportId, file);
      return { status: 'chosen', fileName: file.fileName };
    },

    /** Writes the next chunk to the chosen file; the last one saves it (or, when nothing was of this format's kind, drops it). */
    writeNext(exportId: string): ExportWriteProgress {
      const file = files.get(exportId);
      if (!file) throw new AppFailure('not_found', 'This export has no file to write (it finished, was cancelled, or no file was chosen).');
      try {
        const chunk = exports.next(exportId);
        if (chunk.text) file.write(chunk.text);
        if (!chunk.done) return { considered: chunk.considered, exported: chunk.exported, done: false, saved: false };
        files.delete(exportId);
        if (chunk.exported === 0) {
          file.discard();
          return { considered: chunk.considered, exported: 0, done: true, saved: false };
        }
        file.commit();
        return { considered: chunk.considered, exported: chunk.exported, done: true, saved: true };
      } catch (error) {
        // The walk (a task the format cannot write) or the disk failed: nothing of the file is kept.
        forget(exportId);
        exports.cancel(exportId);
        throw error;
      }
    },

    /** Does the core write this export's file? (Its chunks are then not handed out as text.) */
    writesFile: (exportId: string): boolean => files.has(exportId),

    /** Drops the export's file, if it has one; the caller cancels the walk. */
    cancel: (exportId: string): boolean => forget(exportId),

    /** Drops every unfinished file (the core is closing). */
    closeAll(): void {
      for (const exportId of [...files.keys()]) {
        forget(exportId);
        exports.cancel(exportId);
      }
    },

    /** Files open now (a test checks that finished and cancelled ones are closed). */
    open: (): number => files.size,
  };
};
export type FileExports = ReturnType<typeof createFileExports>;

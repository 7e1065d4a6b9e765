import { create } from 'zustand';
import type { ExportFormat } from '@shared/formats/exportAnnotations';
import { api } from '../api';
import { useAppStore } from './appStore';

/**
 * Where an export's chunks go. `close` keeps the file; `abort` leaves no file (or the one the user had, untouched).
 * The File System Access writable is such a sink: Chromium writes to a temporary swap file beside the chosen one
 * and moves it into place on close(); abort() deletes the swap file.
 */
export interface ExportSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** Opens the file the user chooses for `fileName`; null when they dismissed the chooser. */
export type OpenExportSink = (fileName: string) => Promise<ExportSink | null>;

interface SaveFilePicker {
  showSaveFilePicker?: (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<FileSystemFileHandle>;
}

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/** Without a file chooser (or where it is refused): chunks gathered as Blob parts, downloaded once the last arrived. */
const downloadSink = (fileName: string): ExportSink => {
  let parts: string[] = [];
  return {
    write: async (text) => void parts.push(text),
    close: async () => {
      const url = URL.createObjectURL(new Blob(parts, { type: 'application/jsonl' }));
      parts = [];
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    abort: async () => void (parts = []),
  };
};

/** The chosen file, written through a swap file (see ExportSink). */
export const fileSink = async (handle: FileSystemFileHandle): Promise<ExportSink> => {
  const writable = await handle.createWritable();
  return {
    write: (text) => writable.write(text),
    close: () => writable.close(),
    abort: async () => {
      await writable.abort();
      // The chooser may have created the file empty: an export that never finished leaves none behind.
      const removable = handle as FileSystemFileHandle & { remove?: () => Promise<void> };
      if ((await handle.getFile()).size === 0) await removable.remove?.().catch(() => undefined);
    },
  };
};

/** Quicker than anyone can dismiss a dialog: an AbortError this soon means the chooser was never shown (headless, policy). */
const NO_DIALOG_MS = 150;

export const openChosenFile: OpenExportSink = async (fileName) => {
  const picker = (window as unknown as SaveFilePicker).showSaveFilePicker;
  if (!picker) return downloadSink(fileName);
  const asked = performance.now();
  try {
    const handle = await picker({ suggestedName: fileName });
    return await fileSink(handle);
  } catch (error) {
    if (isAbort(error) && performance.now() - asked >= NO_DIALOG_MS) return null;
    // No chooser to show, or refused (no permission, no user gesture left): the browser's download still saves the file.
    return downloadSink(fileName);
  }
};

/**
 * Where the chunks of a begun export go: the core writes them itself to the file the person chose in the desktop
 * app's save dialog ('core'), or the renderer receives them and writes them to a sink (the File System Access
 * picker, else a download). `fileName` is what the progress and the notices name.
 */
export type ExportDestination = { kind: 'core'; fileName: string } | { kind: 'sink'; fileName: string; sink: ExportSink };

/** Asks where a begun export goes; null when the person dismissed the dialog. Throws when the chosen file cannot be written. */
export type ChooseExportDestination = (exportId: string, fileName: string) => Promise<ExportDestination | null>;

/**
 * The desktop app's save dialog when there is one (the core then writes the chosen file chunk by chunk, through a
 * temporary file beside it); where the core says there is none (the browser harness), the File System Access
 * picker, else a download.
 */
export const chooseExportDestination =
  (openSink: OpenExportSink = openChosenFile): ChooseExportDestination =>
  async (exportId, fileName) => {
    const choice = await api().chooseExportFile({ exportId });
    if (!choice.ok) throw new Error(choice.error.detail ? `${choice.error.message} (${choice.error.detail})` : choice.error.message);
    switch (choice.value.status) {
      case 'chosen':
        return { kind: 'core', fileName: choice.value.fileName };
      case 'dismissed':
        return null;
      case 'unavailable': {
        const sink = await openSink(fileName);
        return sink ? { kind: 'sink', fileName, sink } : null;
      }
    }
  };

export interface ExportProgress {
  fileName: string;
  total: number;
  considered: number;
  exported: number;
}

interface StepProgress {
  considered: number;
  exported: number;
  done: boolean;
}

interface ExportState {
  running: ExportProgress | null;
  /** Writes the submitted work in `format` a chunk at a time to the file the user chooses; one export at a time. */
  start(format: ExportFormat, project: string | undefined, choose?: ChooseExportDestination): Promise<void>;
  /** Stops and drops the file: nothing of it is kept. */
  cancel(): void;
}

let cancelled = false;

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const useExportStore = create<ExportState>((set, get) => ({
  running: null,

  async start(format, project, choose = chooseExportDestination()) {
    if (get().running) return;
    const { notify } = useAppStore.getState();
    cancelled = false;
    const begun = await api().beginExport({ format, ...(project ? { project } : {}) });
    if (!begun.ok) return notify('error', `Export failed: ${begun.error.message}`, begun.error.detail);
    const { exportId, total } = begun.value;
    if (total === 0) {
      await api().cancelExport({ exportId });
      return notify('info', 'There is no submitted work to export yet.');
    }
    let destination: ExportDestination | null;
    try {
      destination = await choose(exportId, begun.value.fileName);
    } catch (error) {
      await api().cancelExport({ exportId });
      return notify('error', `Export failed, no file was written: ${describeError(error)}`);
    }
    if (!destination) {
      await api().cancelExport({ exportId });
      return;
    }
    const { fileName } = destination;
    const sink = destination.kind === 'sink' ? destination.sink : null;
    /** One chunk: written by the core to its file, or read here and written to the sink. */
    const step = async (): Promise<{ ok: true; value: StepProgress } | { ok: false; error: { message: string; detail?: string } }> => {
      if (!sink) return api().writeExport({ exportId });
      const chunk = await api().readExport({ exportId });
      if (chunk.ok && chunk.value.text) await sink.write(chunk.value.text);
      return chunk;
    };
    set({ running: { fileName, total, considered: 0, exported: 0 } });
    let kept = false;
    try {
      for (;;) {
        if (cancelled) return notify('info', `Export to ${fileName} cancelled: no file was written.`);
        const chunk = await step();
        // The core dropped the export and its file (a task the format cannot write, a full disk).
        if (!chunk.ok) return notify('error', `Export failed, no file was written: ${chunk.error.message}`, chunk.error.detail);
        set({ running: { fileName, total, considered: chunk.value.considered, exported: chunk.value.exported } });
        if (chunk.value.done) {
          const { exported } = chunk.value;
          if (exported === 0) return notify('info', 'None of the submitted work is of a kind this format takes: no file was written.');
          await sink?.close();
          kept = true;
          return notify('success', `Exported ${exported.toLocaleString()} submitted ${exported === 1 ? 'task' : 'tasks'} to ${fileName}.`);
        }
      }
    } catch (error) {
      notify('error', `Export failed, no file was written: ${describeError(error)}`);
    } finally {
      if (!kept) {
        // Whatever stopped the loop (Cancel, a failure), the core forgets the export and drops its temporary file
        // (a no-op when it already has), and the sink drops what it holds.
        await api().cancelExport({ exportId });
        await sink?.abort().catch(() => undefined);
      }
      set({ running: null });
    }
  },

  cancel() {
    if (get().running) cancelled = true;
  },
}));

import { create } from 'zustand';
import { api } from '../api';
import { useAppStore } from './appStore';
import { useInboxStore } from './inboxStore';

/** Bytes of the file read (and sent as text) per appendImport call. */
export const IMPORT_CHUNK_CHARS = 4 * 1024 * 1024;

export interface ImportProgress {
  fileName: string;
  phase: 'reading' | 'saving';
  bytesRead: number;
  size: number;
  tasksRead: number;
}

interface ImportState {
  running: ImportProgress | null;
  /** Reads the file a chunk at a time into the core, with progress; at most one import at a time. */
  start(file: File): Promise<void>;
  /** Stops reading and drops what was read: nothing of the file is imported. */
  cancel(): void;
}

let cancelled = false;

/** The file's text in chunks of about IMPORT_CHUNK_CHARS bytes, never the whole file at once; multi-byte characters stay whole. */
export async function* textChunks(file: Blob, onBytes: (bytes: number) => void, chunkBytes = IMPORT_CHUNK_CHARS): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for (let start = 0; start < file.size; start += chunkBytes) {
    const bytes = await file.slice(start, start + chunkBytes).arrayBuffer();
    onBytes(bytes.byteLength);
    const text = decoder.decode(bytes, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

export const useImportStore = create<ImportState>((set, get) => ({
  running: null,

  async start(file) {
    if (get().running) return;
    const { notify } = useAppStore.getState();
    cancelled = false;
    set({ running: { fileName: file.name, phase: 'reading', bytesRead: 0, size: file.size, tasksRead: 0 } });
    const progress = (patch: Partial<ImportProgress>) => {
      const running = get().running;
      if (running) set({ running: { ...running, ...patch } });
    };
    try {
      const begun = await api().beginImport({ fileName: file.name, size: file.size });
      if (!begun.ok) return notify('error', `Nothing was imported from ${file.name}. ${begun.error.message}`, begun.error.detail);
      const { importId } = begun.value;
      let bytesRead = 0;
      for await (const chunk of textChunks(file, (n) => (bytesRead += n))) {
        if (cancelled) break;
        const appended = await api().appendImport({ importId, text: chunk });
        if (!appended.ok) return notify('error', `Nothing was imported from ${file.name}. ${appended.error.message}`, appended.error.detail);
        progress({ bytesRead, tasksRead: appended.value.tasksRead });
      }
      if (cancelled) {
        await api().cancelImport({ importId });
        return notify('info', `Import of ${file.name} cancelled: nothing was imported.`);
      }
      progress({ phase: 'saving', bytesRead: file.size });
      const result = await api().finishImport({ importId });
      if (!result.ok) return notify('error', `Nothing was imported from ${file.name}. ${result.error.message}`, result.error.detail);
      const { imported, project } = result.value;
      notify('success', `Imported ${imported} ${imported === 1 ? 'task' : 'tasks'} from ${file.name}${project ? ` into ${project}` : ''}.`);
      await Promise.all([useInboxStore.getState().refresh(), useAppStore.getState().refreshInfo()]);
    } finally {
      set({ running: null });
    }
  },

  cancel() {
    if (get().running?.phase === 'reading') cancelled = true;
  },
}));

import { basename, extname, isAbsolute, join } from 'node:path';

/** The part of Electron's SaveDialogOptions this dialog sets. */
export interface SaveDialogOptionsLike {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

/** dialog.showSaveDialog bound to the window it is modal to (or none), so tests pass a fake. */
export type ShowSaveDialog = (options: SaveDialogOptionsLike) => Promise<{ canceled: boolean; filePath?: string }>;

/** The save dialog for an export: the name the core suggests, in the Downloads folder, its own extension first. */
export const exportSaveDialogOptions = (suggestedName: string, downloadsDir: string): SaveDialogOptionsLike => {
  const name = basename(suggestedName) || 'export.jsonl';
  const extension = extname(name).slice(1);
  return {
    title: 'Export submitted work',
    defaultPath: join(downloadsDir, name),
    buttonLabel: 'Export',
    filters: [...(extension ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }] : []), { name: 'All files', extensions: ['*'] }],
    // Linux's dialog asks before replacing a file only when told to; createDirectory is for macOS.
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
};

/**
 * Where the core should write an export: the absolute path the person chose in the save dialog, or null when they
 * dismissed it. The core thread asks through its own message channel (coreWorker.ts), never the renderer: the renderer
 * only ever holds the export's id.
 */
export const createExportSaveDialog =
  (show: ShowSaveDialog, downloadsDir: () => string) =>
  async (suggestedName: string): Promise<string | null> => {
    const { canceled, filePath } = await show(exportSaveDialogOptions(suggestedName, downloadsDir()));
    if (canceled || !filePath || !isAbsolute(filePath)) return null;
    return filePath;
  };

import { z } from 'zod';

const exportIdInput = z.object({ exportId: z.string().max(100) }).strict();

/**
 * Where a running export goes in the desktop app: 'chosen' (the core writes the file the person picked in the save
 * dialog; only its name comes back, never its path), 'dismissed' (the dialog was closed), or 'unavailable' (no save
 * dialog here, as in the browser harness: the renderer writes the file itself).
 */
export const exportFileChoiceSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('chosen'), fileName: z.string() }),
  z.object({ status: z.literal('dismissed') }),
  z.object({ status: z.literal('unavailable') }),
]);
export type ExportFileChoice = z.infer<typeof exportFileChoiceSchema>;

/** Counts after one chunk written by the core; `saved` once the last chunk moved the file into place. */
export const exportWriteProgressSchema = z.object({
  considered: z.number().int().min(0),
  exported: z.number().int().min(0),
  done: z.boolean(),
  saved: z.boolean(),
});
export type ExportWriteProgress = z.infer<typeof exportWriteProgressSchema>;

export const exportFileOperations = {
  /** Shows the save dialog for a begun export (its name suggested) and binds the export to the chosen file. */
  chooseExportFile: { input: exportIdInput, output: exportFileChoiceSchema },
  /** Writes the next chunk of a bound export to its file (a temporary file beside it, renamed into place at the end). */
  writeExport: { input: exportIdInput, output: exportWriteProgressSchema },
} as const;

import { z } from 'zod';
import { isoTimeSchema } from './common';

/** A paste this large (in characters) into a justification or a step is recorded as an activity signal. */
export const LARGE_PASTE_CHARS = 200;

/**
 * One large paste: where it went, how many characters, and when. Never what was pasted: the clipboard's content
 * does not leave the text field it was pasted into.
 */
export const pasteSignalSchema = z
  .object({
    /** The field it went into, e.g. `justification`, `step:s3`, `stepComment:s2`. */
    target: z.string().min(1).max(200),
    chars: z.number().int().min(1).max(100_000_000),
    at: isoTimeSchema,
  })
  .strict();
export type PasteSignal = z.infer<typeof pasteSignalSchema>;

/** What a submission carries about how the work was done, beside its active time. */
export const submissionActivitySchema = z.object({ pastes: z.array(pasteSignalSchema).max(1000).default([]) });
export type SubmissionActivity = z.infer<typeof submissionActivitySchema>;

/** The median of some numbers (the mean of the two middle ones for an even count); null for none. */
export const median = (values: readonly number[]): number | null => {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
};

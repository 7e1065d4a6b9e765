import { z } from 'zod';
import { annotationSchema, commentAnchorSchema, idSchema, isoTimeSchema, reviewVerdictSchema, taskKindSchema } from '../domain';
import { reviewQueueItemSchema } from '../sync/protocol';

/** One row of a reviewer's queue, as the Review view lists it. */
export const reviewQueueEntrySchema = z.object({
  submissionId: idSchema,
  project: z.string(),
  taskId: idSchema,
  kind: taskKindSchema,
  title: z.string(),
  expert: z.string(),
  submittedAt: isoTimeSchema,
  activeSeconds: z.number().min(0),
  revision: z.number().int().min(1),
  /** The project's median active time (null when the platform did not say). */
  medianSeconds: z.number().min(0).nullable().default(null),
  /** Large pastes the submission carried: how many, and their characters in all. */
  pastes: z.number().int().min(0).default(0),
  pastedChars: z.number().int().min(0).default(0),
  /** Why it stands out: `fast` (under half the median), `pastes`, `expert_flag`. */
  flags: z.array(z.enum(['fast', 'pastes', 'expert_flag'])).default([]),
  /** The prompt or problem, cut short, for the search. */
  searchText: z.string().default(''),
});
export type ReviewQueueEntry = z.infer<typeof reviewQueueEntrySchema>;

/** A verdict given on this computer and where it stands: waiting to be sent, sent, or refused by the platform. */
export const reviewVerdictStateSchema = z.object({
  verdict: reviewVerdictSchema,
  state: z.enum(['pending', 'sent', 'failed']),
  message: z.string().nullable(),
  createdAt: isoTimeSchema,
});
export type ReviewVerdictState = z.infer<typeof reviewVerdictStateSchema>;

export const reviewVerdictInputSchema = z
  .object({
    submissionId: idSchema,
    verdict: reviewVerdictSchema,
    comments: z.array(z.object({ anchor: commentAnchorSchema, body: z.string().trim().min(1).max(20_000) }).strict()).max(500).default([]),
    fixedAnnotation: annotationSchema.optional(),
  })
  .strict()
  .refine((r) => (r.verdict === 'fixed') === (r.fixedAnnotation !== undefined), {
    message: 'A fix carries the corrected annotation; accept and return do not',
    path: ['fixedAnnotation'],
  })
  .refine((r) => r.verdict !== 'returned' || r.comments.length > 0, {
    message: 'Say what to change: a returned task needs at least one comment',
    path: ['comments'],
  });
export type ReviewVerdictInput = z.output<typeof reviewVerdictInputSchema>;

export const reviewItemSchema = z.object({ item: reviewQueueItemSchema, verdict: reviewVerdictStateSchema.nullable() });

/** The check of a judgement's hash chain: intact, or the first revision that does not follow. */
export const chainCheckSchema = z.discriminatedUnion('intact', [
  z.object({ intact: z.literal(true), revisions: z.number().int().min(0), head: z.string() }),
  z.object({ intact: z.literal(false), revisions: z.number().int().min(0), brokenAt: z.number().int(), reason: z.string() }),
]);

export const reviewOperations = {
  /** The review queue as last pulled from the platform, without the ones already given a verdict here. */
  listReviewQueue: { input: z.object({}).strict(), output: z.object({ items: z.array(reviewQueueEntrySchema), role: z.enum(['expert', 'reviewer', 'admin']).nullable() }) },
  openReviewItem: { input: z.object({ submissionId: idSchema }).strict(), output: reviewItemSchema },
  /** Records the verdict on this computer and sends it at the next sync (exactly once). */
  submitReviewVerdict: { input: reviewVerdictInputSchema, output: reviewVerdictStateSchema },
  /** Recomputes the SHA-256 chain of a task's draft revisions. */
  verifyTaskHistory: { input: z.object({ taskId: idSchema }).strict(), output: chainCheckSchema },
  /** The chain as JSONL, for a lab to check it independently. */
  exportTaskAudit: { input: z.object({ taskId: idSchema }).strict(), output: z.object({ fileName: z.string(), text: z.string() }) },
} as const;

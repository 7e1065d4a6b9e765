import { z } from 'zod';
import { idSchema } from './common';

export const reasoningStepSchema = z.object({ id: idSchema, content: z.string() });
export type ReasoningStep = z.infer<typeof reasoningStepSchema>;

/**
 * - `grade`: rate every model step;
 * - `first_error`: rate until the first -1, then rewrite from that step;
 * - `author`: no model steps; the expert writes the solution.
 */
export const reasoningModeSchema = z.enum(['grade', 'first_error', 'author']);
export type ReasoningMode = z.infer<typeof reasoningModeSchema>;

export const stepRatingSchema = z.union([z.literal(-1), z.literal(0), z.literal(1)]);
export type StepRating = z.infer<typeof stepRatingSchema>;

/** A label the source data already holds (PRM800K's human ratings): for reviewers, never shown to the expert. */
export const priorStepLabelSchema = z.object({
  stepId: idSchema,
  rating: stepRatingSchema.nullable(),
  flagged: z.boolean().default(false),
});
export type PriorStepLabel = z.infer<typeof priorStepLabelSchema>;

export const reasoningPayloadSchema = z.object({
  kind: z.literal('reasoning'),
  problem: z.string().min(1),
  referenceAnswer: z.string().optional(),
  /** A worked reference solution (MATH's `solution`, PRM800K's `ground_truth_solution`), shown with the reference answer. */
  referenceSolution: z.string().optional(),
  /** Whether the expert may see the reference answer and solution (and the answer check against it). */
  showReference: z.boolean().default(false),
  /** Absent in tasks written before modes existed: `modeOf` reads it as author without steps, else first_error. */
  mode: reasoningModeSchema.optional(),
  /** The model's solution, one entry per step as the source cut it. */
  modelSteps: z.array(reasoningStepSchema).default([]),
  modelAnswer: z.string().optional(),
  /** Where the task came from, e.g. `prm800k`, `gsm8k`, with the record's id in that set when it has one. */
  source: z.object({ format: z.string().min(1), id: z.string().optional(), model: z.string().optional() }).optional(),
  priorLabels: z
    .object({ steps: z.array(priorStepLabelSchema).default([]), finishReason: z.string().optional(), totalTimeMs: z.number().min(0).optional() })
    .optional(),
});
export type ReasoningPayload = z.infer<typeof reasoningPayloadSchema>;

export const finishReasonSchema = z.enum(['solution', 'found_error', 'give_up', 'bad_problem']);
export type FinishReason = z.infer<typeof finishReasonSchema>;

const reasoningAnnotationObject = z.object({
  kind: z.literal('reasoning'),
  stepRatings: z.record(idSchema, stepRatingSchema).default({}),
  flaggedStepIds: z.array(idSchema).default([]),
  /** The first model step rated -1 (kept in step with the ratings). */
  firstErrorStepId: idSchema.nullable().default(null),
  /** The model step the expert's rewrite replaces, with every model step after it; null when nothing is rewritten. */
  rewriteFromStepId: idSchema.nullable().optional(),
  /** Steps that replace the model's from `rewriteFromStepId` on (or a whole solution written from scratch). */
  authoredSteps: z.array(reasoningStepSchema).default([]),
  finalAnswer: z.string().default(''),
  /** The final answer the expert confirmed although it differs from the reference; stale once the answer changes. */
  acknowledgedAnswer: z.string().nullable().default(null),
  finishReason: finishReasonSchema.nullable().default(null),
  /** Why the problem is bad, or any remark for the reviewer. */
  note: z.string().default(''),
  /** Active seconds per step id (model or authored), counted while that step held focus and there was input. */
  stepSeconds: z.record(idSchema, z.number().min(0)).default({}),
});

/**
 * Drafts saved before rewrites were anchored (issue 7) held only `firstErrorStepId` and `authoredSteps`: their
 * rewrite started at the first error. `migrateReasoningAnnotation` reads them that way.
 */
export const migrateReasoningAnnotation = (a: z.infer<typeof reasoningAnnotationObject>) => {
  const { rewriteFromStepId, ...rest } = a;
  const anchored = rewriteFromStepId !== undefined ? rewriteFromStepId : rest.authoredSteps.length > 0 ? rest.firstErrorStepId : null;
  return { ...rest, rewriteFromStepId: anchored };
};

export const reasoningAnnotationSchema = reasoningAnnotationObject.transform(migrateReasoningAnnotation);
export type ReasoningAnnotation = z.output<typeof reasoningAnnotationSchema>;

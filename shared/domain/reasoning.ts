import { z } from 'zod';
import { idSchema } from './common';

export const reasoningStepSchema = z.object({ id: idSchema, content: z.string() });
export type ReasoningStep = z.infer<typeof reasoningStepSchema>;

export const reasoningPayloadSchema = z.object({
  kind: z.literal('reasoning'),
  problem: z.string().min(1),
  referenceAnswer: z.string().optional(),
  modelSteps: z.array(reasoningStepSchema).default([]),
  modelAnswer: z.string().optional(),
});
export type ReasoningPayload = z.infer<typeof reasoningPayloadSchema>;

export const stepRatingSchema = z.union([z.literal(-1), z.literal(0), z.literal(1)]);
export type StepRating = z.infer<typeof stepRatingSchema>;

export const reasoningAnnotationSchema = z.object({
  kind: z.literal('reasoning'),
  stepRatings: z.record(idSchema, stepRatingSchema).default({}),
  firstErrorStepId: idSchema.nullable().default(null),
  /** Steps that replace the model's from the first error on (or a whole solution written from scratch). */
  authoredSteps: z.array(reasoningStepSchema).default([]),
  finalAnswer: z.string().default(''),
  finishReason: z.enum(['solution', 'found_error', 'give_up', 'bad_problem']).nullable().default(null),
});
export type ReasoningAnnotation = z.infer<typeof reasoningAnnotationSchema>;

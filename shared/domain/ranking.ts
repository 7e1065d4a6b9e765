import { z } from 'zod';
import { pinCitationNames } from './citationNames';
import { idSchema, messageSchema } from './common';

export const criterionSchema = z.object({
  id: idSchema,
  label: z.string().min(1),
  description: z.string().default(''),
  scale: z.object({ min: z.number().int(), max: z.number().int() }).refine((s) => s.max > s.min, 'max must be above min'),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const rubricSchema = z.object({
  criteria: z.array(criterionSchema).default([]),
  minJustificationLength: z.number().int().min(0).default(0),
  spanLabels: z.array(z.string().min(1)).default(['hallucination', 'error', 'unsafe', 'good']),
});
export type Rubric = z.infer<typeof rubricSchema>;

export const candidateResponseSchema = z.object({
  id: idSchema,
  content: z.string(),
  /** Which model wrote it; hidden from the expert while blinded. */
  model: z.string().optional(),
});
export type CandidateResponse = z.infer<typeof candidateResponseSchema>;

export const rankingPayloadSchema = z.object({
  kind: z.literal('ranking'),
  conversation: z.array(messageSchema).min(1),
  responses: z.array(candidateResponseSchema).min(2).max(16),
  rubric: rubricSchema.default({ criteria: [], minJustificationLength: 0, spanLabels: ['hallucination', 'error', 'unsafe', 'good'] }),
});
export type RankingPayload = z.infer<typeof rankingPayloadSchema>;

export const highlightSpanSchema = z.object({
  id: idSchema,
  responseId: idSchema,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  label: z.string().min(1),
  comment: z.string().default(''),
  /**
   * The name the justification cites it by (`A2`), given once and kept for the life of the draft. Absent only in
   * drafts from before names were stored; parsing an annotation fills it in (see pinCitationNames).
   */
  name: z.string().max(20).optional(),
});
export type HighlightSpan = z.infer<typeof highlightSpanSchema>;

/** -3 = first response (A) much better ... 0 = tie ... +3 = second response (B) much better. */
export const gradedPreferenceSchema = z.number().int().min(-3).max(3);

export const rankingAnnotationSchema = z.object({
  kind: z.literal('ranking'),
  /** Blind label order shown to this annotator: displayOrder[i] is the response id labelled A, B, C... */
  displayOrder: z.array(idSchema),
  /** Rank per response id; 1 is best; equal ranks are ties. */
  ranks: z.record(idSchema, z.number().int().min(1)).default({}),
  graded: gradedPreferenceSchema.nullable().default(null),
  ratings: z.record(idSchema, z.record(idSchema, z.number().int())).default({}),
  flags: z.object({ allBad: z.boolean().default(false), notRankable: z.boolean().default(false) }).default({ allBad: false, notRankable: false }),
  spans: z.array(highlightSpanSchema).default([]),
  justification: z.string().default(''),
  /**
   * Per blind label, the highest highlight number ever given in this draft, so a removed name is never reused.
   * Absent in drafts without highlights; parsing fills it in whenever there are some.
   */
  citationCounters: z.record(z.string().max(20), z.number().int().min(0)).optional(),
}).transform(pinCitationNames);
export type RankingAnnotation = z.infer<typeof rankingAnnotationSchema>;

import { z } from 'zod';
import { idSchema } from './common';

/** A repository-relative path: no absolute paths, no `..` segments, no backslashes, no NUL. */
export const repoPathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p), 'path must be relative to the repository')
  .refine((p) => !p.includes('\\') && !p.includes('\0'), 'path must use / and contain no NUL')
  .refine((p) => p.split('/').every((seg) => seg !== '..' && seg !== ''), 'path must not contain .. or empty segments');

export const fileEditSchema = z.object({ path: repoPathSchema, before: z.string(), after: z.string() });
export type FileEdit = z.infer<typeof fileEditSchema>;

export const trajectoryStepSchema = z.object({
  id: idSchema,
  thought: z.string().default(''),
  action: z.string().default(''),
  observation: z.string().default(''),
  edits: z.array(fileEditSchema).default([]),
});
export type TrajectoryStep = z.infer<typeof trajectoryStepSchema>;

export const trajectoryPayloadSchema = z.object({
  kind: z.literal('trajectory'),
  problemStatement: z.string().min(1),
  repository: z.object({
    name: z.string().min(1),
    baseCommit: z.string().default(''),
    files: z.array(z.object({ path: repoPathSchema, content: z.string() })).default([]),
  }),
  steps: z.array(trajectoryStepSchema).min(1),
});
export type TrajectoryPayload = z.infer<typeof trajectoryPayloadSchema>;

export const stepLabelSchema = z.enum(['good', 'neutral', 'bad']);

export const trajectoryAnnotationSchema = z.object({
  kind: z.literal('trajectory'),
  stepLabels: z.record(idSchema, stepLabelSchema).default({}),
  firstWrongStepId: idSchema.nullable().default(null),
  editedSteps: z.record(idSchema, trajectoryStepSchema).default({}),
  /** Steps after this one are dropped and replaced by newSteps; null keeps the whole run. */
  truncateAfterStepId: idSchema.nullable().default(null),
  newSteps: z.array(trajectoryStepSchema).default([]),
  finalPatch: z.string().default(''),
});
export type TrajectoryAnnotation = z.infer<typeof trajectoryAnnotationSchema>;

import { z } from 'zod';
import { annotationSchema, idSchema, isoTimeSchema, taskKindSchema } from '../domain';
import { MEASURES, type Measure } from '../review/agreementReport';

/**
 * Protocol v1, review quality: the judgements of a task side by side with their hash chains, and a project's
 * agreement report. docs/protocol.md ("Review quality") is the prose form of this file.
 */

const measureSchema = z.enum(Object.keys(MEASURES) as [Measure, ...Measure[]]);
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const figureSchema = z.object({ measure: measureSchema, value: z.number().nullable(), n: z.number().int().min(0) });

export const goldScoreSchema = z.object({
  score: z.number().min(0).max(1).nullable(),
  matched: z.number().int().min(0),
  of: z.number().int().min(0),
  firstWrongStep: z.enum(['same', 'different']).nullable(),
});

export const taskAgreementSchema = z.object({
  taskId: idSchema,
  kind: taskKindSchema,
  experts: z.array(z.string()),
  gold: z.boolean(),
  figures: z.array(figureSchema),
});

/**
 * One link of a judgement's hash chain as the platform stores it. `content` is hashed exactly as it arrives
 * (canonical JSON), so `annotation` is kept as sent, never parsed into defaults.
 */
export const chainLinkSchema = z.object({
  content: z.object({
    taskId: z.string(),
    revision: z.number().int().min(1),
    taskVersion: z.number().int().nullable(),
    activeSeconds: z.number(),
    savedAt: z.string(),
    author: z.string().nullable(),
    annotation: z.unknown(),
  }),
  hash: sha256Schema,
  /** What the revision is: an expert's submission or a reviewer's fix, and its id there. */
  source: z.enum(['submission', 'fix']),
  sourceId: z.string(),
});
export type ChainLink = z.infer<typeof chainLinkSchema>;

export const taskJudgementSchema = z.object({
  expert: z.string(),
  submissionId: idSchema,
  revision: z.number().int().min(1),
  annotation: annotationSchema,
  activeSeconds: z.number().min(0),
  submittedAt: isoTimeSchema,
  /** The expert's score when the task is gold (only reviewers ever see this). */
  goldScore: goldScoreSchema.nullable(),
  /** Every revision of this expert's judgement of the task, oldest first. */
  history: z.array(chainLinkSchema),
});
export type TaskJudgement = z.infer<typeof taskJudgementSchema>;

/** GET /v1/review/tasks/:taskId/judgements */
export const taskJudgementsResponseSchema = z.object({
  taskId: idSchema,
  project: z.string(),
  kind: taskKindSchema,
  /** The expected judgement when the task is gold; null otherwise. */
  gold: annotationSchema.nullable(),
  judgements: z.array(taskJudgementSchema),
  agreement: taskAgreementSchema,
});
export type TaskJudgementsResponse = z.infer<typeof taskJudgementsResponseSchema>;

export const agreementReportQuerySchema = z.object({ project: z.string().min(1).max(200) });

export const expertSummarySchema = z.object({
  expert: z.string(),
  /** Tasks of the project this expert submitted. */
  judged: z.number().int().min(0),
  goldTasks: z.number().int().min(0),
  /** Mean score over their gold tasks; null without any. */
  goldMean: z.number().nullable(),
});

/** GET /v1/review/agreement?project=P */
export const agreementReportSchema = z.object({
  project: z.string(),
  generatedAt: isoTimeSchema,
  /** Tasks of the project, and those judged by two experts or more. */
  taskCount: z.number().int().min(0),
  kinds: z.array(z.object({ kind: taskKindSchema, tasks: z.number().int().min(0), figures: z.array(figureSchema) })),
  tasks: z.array(taskAgreementSchema),
  gold: z.array(goldScoreSchema.extend({ taskId: idSchema, kind: taskKindSchema, expert: z.string() })),
  experts: z.array(expertSummarySchema),
});
export type AgreementReport = z.infer<typeof agreementReportSchema>;

import { z } from 'zod';
import { commentAnchorSchema } from './commentAnchor';
import { SCHEMA_VERSION, idSchema, isoTimeSchema } from './common';
import { rankingAnnotationSchema, rankingPayloadSchema } from './ranking';
import { reasoningAnnotationSchema, reasoningPayloadSchema } from './reasoning';
import { trajectoryAnnotationSchema, trajectoryPayloadSchema } from './trajectory';

export const taskKindSchema = z.enum(['ranking', 'reasoning', 'trajectory']);
export type TaskKind = z.infer<typeof taskKindSchema>;

/** Where the task is in the expert's own workflow. Server-side review states arrive with sync. */
export const taskStatusSchema = z.enum(['new', 'in_progress', 'submitted', 'returned', 'accepted']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;
export const TASK_STATUS_ORDER: readonly TaskStatus[] = ['returned', 'in_progress', 'new', 'submitted', 'accepted'];

export const taskPayloadSchema = z.discriminatedUnion('kind', [
  rankingPayloadSchema,
  reasoningPayloadSchema,
  trajectoryPayloadSchema,
]);
export type TaskPayload = z.infer<typeof taskPayloadSchema>;

export const annotationSchema = z.discriminatedUnion('kind', [
  rankingAnnotationSchema,
  reasoningAnnotationSchema,
  trajectoryAnnotationSchema,
]);
export type Annotation = z.infer<typeof annotationSchema>;

export const leaseSchema = z.object({ holder: z.string(), expiresAt: isoTimeSchema });
export type Lease = z.infer<typeof leaseSchema>;

export const taskSourceSchema = z.enum(['demo', 'import', 'platform']);

/** A task as the platform (or an import) defines it. The app never edits this; local work lives in drafts. */
export const taskSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION).default(SCHEMA_VERSION),
  id: idSchema,
  project: z.string().min(1).max(200),
  version: z.number().int().min(1).default(1),
  title: z.string().min(1).max(500),
  guidelines: z.string().default(''),
  lease: leaseSchema.nullable().default(null),
  payload: taskPayloadSchema,
});
export type Task = z.infer<typeof taskSchema>;
export type TaskInput = z.input<typeof taskSchema>;

/** One row of the inbox: what the list needs, without the heavy payload. */
export const taskSummarySchema = z.object({
  id: idSchema,
  project: z.string(),
  kind: taskKindSchema,
  title: z.string(),
  status: taskStatusSchema,
  source: taskSourceSchema,
  updatedAt: isoTimeSchema,
  /** A short plain-text excerpt of the prompt or problem; in a search, the part around the first match. */
  excerpt: z.string(),
  /** In a search: where the typed words occur in the title and the excerpt, as [start, end) offsets. */
  titleMatches: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).optional(),
  excerptMatches: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).optional(),
  /** Where this row stands in the inbox order; given back as `after`, the next window starts right after it. */
  cursor: z.string().max(400).optional(),
});
export type TaskSummary = z.infer<typeof taskSummarySchema>;

export const statusCountsSchema = z.object({
  new: z.number().int().min(0),
  in_progress: z.number().int().min(0),
  submitted: z.number().int().min(0),
  returned: z.number().int().min(0),
  accepted: z.number().int().min(0),
});
export type StatusCounts = z.infer<typeof statusCountsSchema>;

export const draftSchema = z.object({
  taskId: idSchema,
  revision: z.number().int().min(1),
  annotation: annotationSchema,
  savedAt: isoTimeSchema,
  activeSeconds: z.number().min(0).default(0),
  /** The version of the task the draft was made against (its highlights and ids point into that version). */
  taskVersion: z.number().int().min(1).optional(),
});
export type Draft = z.infer<typeof draftSchema>;

export const submissionSchema = z.object({
  taskId: idSchema,
  revision: z.number().int().min(1),
  submittedAt: isoTimeSchema,
  idempotencyKey: z.string().min(1),
  /** The version of the task the submitted work was made against. */
  taskVersion: z.number().int().min(1).optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

export const reviewVerdictSchema = z.enum(['accepted', 'returned', 'fixed']);
export const reviewCommentSchema = z.object({
  id: idSchema,
  /** Where the comment belongs: a span of a response, a step, a rating cell, a range of the justification, a hunk. */
  anchor: commentAnchorSchema,
  body: z.string().min(1),
  author: z.string(),
  createdAt: isoTimeSchema,
});
export type ReviewComment = z.infer<typeof reviewCommentSchema>;

/** The expert's answer to one comment of a review. */
export const commentReplySchema = z.object({
  id: idSchema,
  reviewId: idSchema,
  commentId: idSchema,
  body: z.string().min(1),
  author: z.string(),
  createdAt: isoTimeSchema,
});
export type CommentReply = z.infer<typeof commentReplySchema>;
export const reviewSchema = z.object({
  /** The platform's id of the review (replies name it); absent for reviews from before it was kept here. */
  id: idSchema.optional(),
  taskId: idSchema,
  verdict: reviewVerdictSchema,
  comments: z.array(reviewCommentSchema).default([]),
  reviewer: z.string(),
  reviewedAt: isoTimeSchema,
  /** With a `fixed` verdict, the reviewer's corrected judgement (the accepted version), when known. */
  fixedAnnotation: annotationSchema.nullable().optional(),
});
export type Review = z.infer<typeof reviewSchema>;

export const taskFieldChangeSchema = z.object({
  path: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  summary: z.string(),
});

/** A newer version of the task arrived after the draft was made against an older one. */
export const newerTaskVersionSchema = z.object({
  version: z.number().int().min(1),
  title: z.string(),
  /** What changed from the draft's version to this one, field by field. */
  changes: z.array(taskFieldChangeSchema),
  /** The expert chose to keep working on the draft's version (the banner then stays small). */
  kept: z.boolean(),
});
export type NewerTaskVersion = z.infer<typeof newerTaskVersionSchema>;

/** An earlier draft kept, read-only, after the expert started over on a newer version of the task. */
export const draftHistoryEntrySchema = z.object({
  taskVersion: z.number().int().min(1),
  revision: z.number().int().min(1),
  savedAt: isoTimeSchema,
});
export type DraftHistoryEntry = z.infer<typeof draftHistoryEntrySchema>;

/** A task with everything a workspace needs to open it. */
export const openTaskSchema = z.object({
  /** The task as the draft was made against it (its version may be older than the latest). */
  task: taskSchema,
  status: taskStatusSchema,
  draft: draftSchema.nullable(),
  submission: submissionSchema.nullable(),
  review: reviewSchema.nullable(),
  /** The platform withdrew the task; it is kept only for unsynced work on it, and is read-only. */
  revoked: z.boolean().default(false),
  /** Set when the draft is pinned to an older version of the task than the latest one on this computer. */
  newerVersion: newerTaskVersionSchema.nullable().optional(),
  /** Earlier drafts against older versions of the task, newest first. */
  history: z.array(draftHistoryEntrySchema).optional(),
});
export type OpenTask = z.infer<typeof openTaskSchema>;

export const emptyAnnotationFor = (payload: TaskPayload): Annotation => {
  switch (payload.kind) {
    case 'ranking':
      return rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: payload.responses.map((r) => r.id) });
    case 'reasoning':
      return reasoningAnnotationSchema.parse({ kind: 'reasoning' });
    case 'trajectory':
      return trajectoryAnnotationSchema.parse({ kind: 'trajectory' });
  }
};

/** The plain text the inbox shows and full-text search indexes. */
export const promptTextOf = (payload: TaskPayload): string => {
  switch (payload.kind) {
    case 'ranking':
      return payload.conversation.map((m) => m.content).join('\n');
    case 'reasoning':
      return payload.problem;
    case 'trajectory':
      return payload.problemStatement;
  }
};

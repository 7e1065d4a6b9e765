import { z } from 'zod';
import { idSchema } from './common';

/**
 * Where in a text a comment points: the quoted text with a little context, and its offsets in the text as it was
 * displayed when the reviewer selected it. The offsets are a hint; the quote is what finds the span again
 * (see shared/review/textQuote.ts), so a comment survives a change of layout or a re-render of the markdown.
 */
export const textQuoteSchema = z
  .object({
    exact: z.string().min(1).max(5000),
    prefix: z.string().max(64).default(''),
    suffix: z.string().max(64).default(''),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .refine((q) => q.end > q.start, { message: 'end must be above start', path: ['end'] });
export type TextQuote = z.infer<typeof textQuoteSchema>;

const anchorUnion = z.discriminatedUnion('kind', [
  /** The task as a whole. */
  z.object({ kind: z.literal('task') }),
  /** A free-text place (comments from before anchors had a shape, e.g. `stepRatings.s2`). */
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(500) }),
  /** A response of a ranking task, or a span of it when `quote` is set. */
  z.object({ kind: z.literal('response'), responseId: idSchema, quote: textQuoteSchema.optional() }),
  /** A reasoning step or a trajectory step, or a span of its text. */
  z.object({ kind: z.literal('step'), stepId: idSchema, quote: textQuoteSchema.optional() }),
  /** One rating: a criterion of the rubric for one response. */
  z.object({ kind: z.literal('ratingCell'), criterionId: idSchema, responseId: idSchema }),
  /** The expert's written justification (`field` names which one), or a range of it. */
  z.object({ kind: z.literal('justification'), field: z.string().min(1).max(200), quote: textQuoteSchema.optional() }),
  /** One hunk of the patch a trajectory step made. */
  z.object({ kind: z.literal('hunk'), stepId: idSchema, file: z.string().max(1000), hunk: z.number().int().min(0), header: z.string().max(500) }),
]);

/** A comment's anchor. A plain string (the shape before anchors had kinds) reads as a `path`, an empty one as the task. */
export const commentAnchorSchema = z.preprocess(
  (raw) => (typeof raw === 'string' ? (raw.trim() === '' ? { kind: 'task' } : { kind: 'path', path: raw.trim() }) : raw),
  anchorUnion,
);
export type CommentAnchor = z.output<typeof anchorUnion>;
export type CommentAnchorKind = CommentAnchor['kind'];

/**
 * The key of the place an anchor points at, the same one the workspaces put in `data-comment-target`, so a marker
 * can find its element: `response:B`, `step:s3`, `cell:clarity:B`, `justification:ranking`, `hunk:s4:src/a.py:0`.
 */
export const anchorTargetKey = (anchor: CommentAnchor): string => {
  switch (anchor.kind) {
    case 'task':
      return 'task';
    case 'path':
      return `path:${anchor.path}`;
    case 'response':
      return `response:${anchor.responseId}`;
    case 'step':
      return `step:${anchor.stepId}`;
    case 'ratingCell':
      return `cell:${anchor.criterionId}:${anchor.responseId}`;
    case 'justification':
      return `justification:${anchor.field}`;
    case 'hunk':
      return `hunk:${anchor.stepId}:${anchor.file}:${anchor.hunk}`;
  }
};

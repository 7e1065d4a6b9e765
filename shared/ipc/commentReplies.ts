import { z } from 'zod';
import { idSchema, isoTimeSchema, LARGE_PASTE_CHARS } from '../domain';

/** A reply the expert wrote here, and where it stands: waiting to be sent, sent, or refused by the platform. */
export const commentReplyStateSchema = z.object({
  id: z.number().int(),
  reviewId: idSchema,
  commentId: idSchema,
  body: z.string(),
  createdAt: isoTimeSchema,
  state: z.enum(['pending', 'sent', 'failed']),
  message: z.string().nullable(),
});
export type CommentReplyState = z.infer<typeof commentReplyStateSchema>;

export const commentReplyOperations = {
  /** Records a reply to a review comment; it reaches the platform at the next sync, exactly once. */
  replyToComment: {
    input: z.object({ taskId: idSchema, reviewId: idSchema, commentId: idSchema, body: z.string().trim().min(1).max(20_000) }).strict(),
    output: commentReplyStateSchema,
  },
  /** The replies written on this computer to the comments of a task's reviews. */
  listCommentReplies: { input: z.object({ taskId: idSchema }).strict(), output: z.array(commentReplyStateSchema) },
  /** Records a large paste (size and time only; the text never crosses this boundary) to send with the submission. */
  recordPaste: {
    input: z.object({ taskId: idSchema, target: z.string().min(1).max(200), chars: z.number().int().min(LARGE_PASTE_CHARS).max(100_000_000) }).strict(),
    output: z.object({ recorded: z.boolean() }),
  },
} as const;

import { z } from 'zod';
import {
  annotationSchema,
  commentAnchorSchema,
  commentReplySchema,
  submissionActivitySchema,
  idSchema,
  isoTimeSchema,
  leaseSchema,
  reviewSchema,
  reviewVerdictSchema,
  taskSchema,
} from '../domain';
import { appVersionSchema } from './appVersion';

/**
 * Sync protocol v1 between the app and a platform server: every request and response body, as zod
 * schemas. docs/protocol.md is the prose form of this file; keep the two in step.
 */

export const PROTOCOL_VERSION = 1 as const;
export const API_PREFIX = '/v1' as const;

/** Bounds both sides agree on; a server may report lower ones in GET /v1/me. */
export const PROTOCOL_LIMITS = {
  maxPageSize: 1000,
  defaultPageSize: 200,
  maxMutationsPerPush: 100,
  /** Bytes of a JSON request body. */
  maxJsonBodyBytes: 16 * 1024 * 1024,
  maxBlobBytes: 64 * 1024 * 1024,
} as const;

export const roleSchema = z.enum(['expert', 'reviewer', 'admin']);
export type Role = z.infer<typeof roleSchema>;

// ---------------------------------------------------------------------------------------------------------
// Errors

export const protocolErrorCodeSchema = z.enum([
  'unauthorized',
  'forbidden',
  'not_found',
  'invalid',
  'too_large',
  'cursor_expired',
  'conflict',
  'lease_lost',
  'rate_limited',
  'server_error',
  /** The platform's minimum app version is newer than this app (or the app did not say its version). */
  'upgrade_required',
]);
export type ProtocolErrorCode = z.infer<typeof protocolErrorCodeSchema>;

/** The HTTP status each code travels with. `invalid` is 400 for unreadable requests, 422 for a bad blob. */
export const HTTP_STATUS_OF: Record<ProtocolErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  too_large: 413,
  cursor_expired: 410,
  conflict: 409,
  lease_lost: 409,
  rate_limited: 429,
  server_error: 500,
  upgrade_required: 426,
};

export const protocolErrorSchema = z.object({
  code: protocolErrorCodeSchema,
  message: z.string(),
  /** Where the problem is, when it has a place: a field path such as `mutations[2].annotation.kind`. */
  detail: z.string().optional(),
});
export type ProtocolError = z.infer<typeof protocolErrorSchema>;

/** Every non-2xx response carries exactly this body. */
export const errorBodySchema = z.object({ error: protocolErrorSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ---------------------------------------------------------------------------------------------------------
// GET /v1/me

export const userSchema = z.object({ id: idSchema, name: z.string().min(1).max(200), role: roleSchema });
export type PlatformUser = z.infer<typeof userSchema>;

export const meResponseSchema = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  user: userSchema,
  serverTime: isoTimeSchema,
  /** How long a lease lasts from its last renewal. */
  leaseSeconds: z.number().int().positive(),
  limits: z.object({
    maxPageSize: z.number().int().positive(),
    maxMutationsPerPush: z.number().int().positive(),
    maxJsonBodyBytes: z.number().int().positive(),
    maxBlobBytes: z.number().int().positive(),
  }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Changes (pull) and snapshot

/** Opaque to clients: store it and send it back unchanged. */
export const cursorSchema = z.string().min(1).max(512);
export type Cursor = z.infer<typeof cursorSchema>;

export const pageLimitSchema = z.coerce.number().int().min(1).max(PROTOCOL_LIMITS.maxPageSize);

export const changesQuerySchema = z.object({
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema.default(PROTOCOL_LIMITS.defaultPageSize),
});
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

/**
 * Where the task is on the server for the expert who holds it. `assigned` covers new and in-progress
 * work (the server does not see local progress except through save_draft).
 */
export const assignmentStateSchema = z.enum(['assigned', 'submitted', 'returned', 'accepted']);
export type AssignmentState = z.infer<typeof assignmentStateSchema>;

export const assignmentInfoSchema = z.object({
  id: idSchema,
  state: assignmentStateSchema,
  /** The submission the current state refers to (the latest one), if any. */
  lastSubmissionId: idSchema.nullable(),
});
export type AssignmentInfo = z.infer<typeof assignmentInfoSchema>;

/** A task as assigned: the full snapshot, `lease` set (holder = the user's name). */
const assignedTaskSchema = taskSchema.refine((t) => t.lease !== null, 'an assigned task carries its lease');

export const taskAssignedChangeSchema = z.object({
  type: z.literal('task_assigned'),
  at: isoTimeSchema,
  task: assignedTaskSchema,
  assignment: assignmentInfoSchema,
});

/** The task's content changed (a new `task.version`) while the user holds it; replace the snapshot, keep local work. */
export const taskUpdatedChangeSchema = z.object({
  type: z.literal('task_updated'),
  at: isoTimeSchema,
  task: assignedTaskSchema,
  assignment: assignmentInfoSchema,
});

export const revocationReasonSchema = z.enum(['revoked', 'reassigned']);
export type RevocationReason = z.infer<typeof revocationReasonSchema>;

/** The user no longer holds the task. The only change that lets a client purge a task (never one with unsynced work). */
export const taskRevokedChangeSchema = z.object({
  type: z.literal('task_revoked'),
  at: isoTimeSchema,
  taskId: idSchema,
  reason: revocationReasonSchema,
});

export const reviewRecordSchema = reviewSchema.extend({
  id: idSchema,
  submissionId: idSchema,
  /** The reviewer's corrected annotation when the verdict is `fixed`, else null. */
  fixedAnnotation: annotationSchema.nullable(),
});
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

export const reviewChangeSchema = z.object({
  type: z.literal('review'),
  at: isoTimeSchema,
  review: reviewRecordSchema,
});

export const leaseExtendedChangeSchema = z.object({
  type: z.literal('lease_extended'),
  at: isoTimeSchema,
  taskId: idSchema,
  lease: leaseSchema,
});

export const changeSchema = z.discriminatedUnion('type', [
  taskAssignedChangeSchema,
  taskUpdatedChangeSchema,
  taskRevokedChangeSchema,
  reviewChangeSchema,
  leaseExtendedChangeSchema,
]);
export type Change = z.infer<typeof changeSchema>;
export type ChangeType = Change['type'];
export type ChangeOf<T extends ChangeType> = Extract<Change, { type: T }>;

export const changesResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** Send this back as `cursor` next time; store it in the same local transaction that applies `changes`. */
  cursor: cursorSchema,
  /** More changes are waiting after `cursor`: ask again at once. */
  hasMore: z.boolean(),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

export const pageTokenSchema = z.string().min(1).max(1024);

export const snapshotQuerySchema = z.object({
  /** Absent on the first page; then the `nextPage` of the previous page. */
  page: pageTokenSchema.optional(),
  limit: pageLimitSchema.default(PROTOCOL_LIMITS.defaultPageSize),
});
export type SnapshotQuery = z.infer<typeof snapshotQuerySchema>;

/**
 * One page of a full snapshot, expressed as changes the client already knows how to apply: per task the
 * user ever held, ordered by task id, either `task_assigned` (followed by `review` when the current
 * submission has one) or `task_revoked`. `cursor` is the same on every page of one snapshot: the feed
 * position at the moment the first page was read. After the last page, pull /v1/changes from it.
 */
export const snapshotResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: cursorSchema,
  nextPage: pageTokenSchema.nullable(),
});
export type SnapshotResponse = z.infer<typeof snapshotResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Mutations (push)

export const mutationTypeSchema = z.enum(['save_draft', 'submit']);
export type MutationType = z.infer<typeof mutationTypeSchema>;

export const clientIdSchema = z.string().min(1).max(200);
export const mutationIdSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const idempotencyKeySchema = z.string().min(1).max(200);

export const mutationSchema = z.object({
  /** Per-client, strictly increasing, never reused. */
  id: mutationIdSchema,
  /** Globally unique (a UUID); the same key is never applied twice, whichever client sends it. */
  idempotencyKey: idempotencyKeySchema,
  type: mutationTypeSchema,
  taskId: idSchema,
  /** The local draft revision this mutation carries. */
  revision: z.number().int().min(1),
  /**
   * The version of the task the work was made against. A submission against a version the server no longer
   * accepts is `rejected` (`conflict`, `detail: "taskVersion"`). Absent (older clients): the task's current version.
   */
  taskVersion: z.number().int().min(1).optional(),
  annotation: annotationSchema,
  activeSeconds: z.number().min(0).max(1e7),
  clientTime: isoTimeSchema,
  /** The app version that sent it (provenance; the version gate itself reads the request header). Absent from older clients. */
  appVersion: appVersionSchema.optional(),
  /** The app's local store schema version when it sent it. Absent from older clients. */
  schemaVersion: z.number().int().min(1).max(1_000_000).optional(),
  /** With a submit: the large pastes made while doing the work (size and time, never content). Absent from older clients. */
  activity: submissionActivitySchema.optional(),
});
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationInput = z.input<typeof mutationSchema>;

/**
 * The envelope is checked first: a request whose envelope fails is answered 400 and nothing is applied.
 * Each mutation is then checked on its own, so one malformed mutation is `rejected` without holding
 * back the rest of the outbox.
 */
export const mutationEnvelopeSchema = z.looseObject({ id: mutationIdSchema, idempotencyKey: idempotencyKeySchema });

export const pushRequestSchema = z.object({
  clientId: clientIdSchema,
  mutations: z
    .array(mutationEnvelopeSchema)
    .min(1)
    .max(PROTOCOL_LIMITS.maxMutationsPerPush)
    .refine((ms) => ms.every((m, i) => i === 0 || m.id > (ms[i - 1]?.id ?? 0)), 'mutation ids must increase strictly within a request'),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;
/** What a well-behaved client sends. */
export type PushRequestInput = { clientId: string; mutations: MutationInput[] };

export const mutationStatusSchema = z.enum(['applied', 'duplicate', 'lease_lost', 'rejected']);
export type MutationStatus = z.infer<typeof mutationStatusSchema>;
export const firstOutcomeSchema = z.enum(['applied', 'lease_lost', 'rejected']);

export const mutationResultSchema = z.object({
  id: mutationIdSchema,
  status: mutationStatusSchema,
  /** For `duplicate`: what the first delivery got; the rest of this result repeats that stored answer. */
  originalStatus: firstOutcomeSchema.optional(),
  /** Set for lease_lost (code lease_lost) and rejected (code invalid, not_found, forbidden or conflict). */
  error: protocolErrorSchema.optional(),
  /** Set for an applied submit. */
  submissionId: idSchema.optional(),
  /** Set for lease_lost: where the server keeps the work. */
  quarantineId: idSchema.optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  /** One per mutation sent, in the same order. */
  results: z.array(mutationResultSchema),
  /** The highest mutation id the server has recorded for this client (0 when none). */
  lastMutationId: z.number().int().min(0),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Blobs

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
export const blobPutResponseSchema = z.object({ sha256: sha256HexSchema, size: z.number().int().min(0), created: z.boolean() });
export type BlobPutResponse = z.infer<typeof blobPutResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Review

export const reviewQueueQuerySchema = z.object({
  project: z.string().min(1).max(200).optional(),
  limit: pageLimitSchema.default(50),
});

export const reviewQueueItemSchema = z.object({
  submissionId: idSchema,
  task: taskSchema,
  expert: z.string(),
  revision: z.number().int().min(1),
  annotation: annotationSchema,
  activeSeconds: z.number().min(0),
  submittedAt: isoTimeSchema,
  /** Activity signals: the large pastes the submission carried, and the median active time of the project's submissions. */
  activity: z.object({ pastes: submissionActivitySchema.shape.pastes, projectMedianSeconds: z.number().min(0).nullable() }).optional(),
  /** Earlier reviews of this expert's work on the task, oldest first, each with the expert's replies to its comments. */
  earlierReviews: z.array(z.object({ review: reviewRecordSchema, replies: z.array(commentReplySchema) })).optional(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

export const reviewQueueResponseSchema = z.object({ items: z.array(reviewQueueItemSchema) });
export type ReviewQueueResponse = z.infer<typeof reviewQueueResponseSchema>;

export const reviewCommentInputSchema = z.object({
  /** Where the comment belongs (a plain string, the older shape, reads as a path such as `stepRatings.s3`). */
  anchor: commentAnchorSchema,
  body: z.string().min(1).max(20_000),
});

export const postReviewRequestSchema = z
  .object({
    submissionId: idSchema,
    verdict: reviewVerdictSchema,
    comments: z.array(reviewCommentInputSchema).max(500).default([]),
    fixedAnnotation: annotationSchema.optional(),
    /**
     * Optional; the app always sends one. A verdict posted again with the same key by the same reviewer gets
     * the stored review (200, `duplicate: true`) and no second effect: a verdict lands exactly once.
     */
    idempotencyKey: z.string().min(8).max(200).optional(),
  })
  .refine((r) => (r.verdict === 'fixed') === (r.fixedAnnotation !== undefined), {
    message: 'fixedAnnotation is required with verdict "fixed" and not allowed otherwise',
    path: ['fixedAnnotation'],
  });
export type PostReviewRequest = z.infer<typeof postReviewRequestSchema>;
export type PostReviewRequestInput = z.input<typeof postReviewRequestSchema>;

export const postReviewResponseSchema = z.object({ review: reviewRecordSchema, duplicate: z.boolean().optional() });
export type PostReviewResponse = z.infer<typeof postReviewResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Replies to review comments

export const postCommentReplyRequestSchema = z.object({
  reviewId: idSchema,
  commentId: idSchema,
  body: z.string().trim().min(1).max(20_000),
  /** Required: a reply posted again with the same key by the same expert gets the stored reply (200, `duplicate: true`). */
  idempotencyKey: z.string().min(8).max(200),
});
export type PostCommentReplyRequest = z.infer<typeof postCommentReplyRequestSchema>;

export const postCommentReplyResponseSchema = z.object({ reply: commentReplySchema, duplicate: z.boolean().optional() });
export type PostCommentReplyResponse = z.infer<typeof postCommentReplyResponseSchema>;

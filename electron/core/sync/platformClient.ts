import { z } from 'zod';
import {
  API_PREFIX,
  APP_VERSION_HEADER,
  PROTOCOL_VERSION,
  actionForResponse,
  changesResponseSchema,
  meResponseSchema,
  postCommentReplyResponseSchema,
  postReviewResponseSchema,
  pushResponseSchema,
  readErrorBody,
  reviewQueueResponseSchema,
  snapshotResponseSchema,
  UPDATE_TO_SYNC_MESSAGE,
  type MeResponse,
  type ProtocolError,
  type PushRequestInput,
  type PostCommentReplyRequest,
  type PostCommentReplyResponse,
  type PostReviewRequestInput,
  type PostReviewResponse,
  type PushResponse,
  type ReviewQueueResponse,
} from '@shared/sync';
import { agreementReportSchema, taskJudgementsResponseSchema, type AgreementReport, type TaskJudgementsResponse } from '@shared/sync/reviewQuality';

/**
 * How a request failed, from the client's point of view:
 * - network: no usable answer (refused, reset, timed out, truncated, not JSON, not protocol v1): retry later;
 * - server: 5xx or 408, retry later; rate_limited: 429, retry after Retry-After;
 * - unauthorized: 401, stop and ask for sign-in; cursor_expired: 410, take a full snapshot;
 * - lease_lost: 409 lease_lost on a whole request; rejected: any other 4xx, permanent for this request;
 * - update_required: 426, this app is older than the platform's minimum: nothing was applied, keep it all queued.
 */
export type PlatformErrorKind = 'network' | 'server' | 'rate_limited' | 'unauthorized' | 'cursor_expired' | 'lease_lost' | 'rejected' | 'update_required';

export class PlatformRequestError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    readonly protocolError: ProtocolError | null = null,
  ) {
    super(message);
    this.name = 'PlatformRequestError';
  }

  /** Worth trying again unchanged, after a backoff. */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'server' || this.kind === 'rate_limited';
  }
}

export const isPlatformError = (error: unknown, kind?: PlatformErrorKind): error is PlatformRequestError =>
  error instanceof PlatformRequestError && (kind === undefined || error.kind === kind);

/** A page of the change feed or of a snapshot, each change still unparsed: a bad one must not spoil the page. */
const rawChangesPageSchema = changesResponseSchema.extend({ changes: z.array(z.unknown()) });
const rawSnapshotPageSchema = snapshotResponseSchema.extend({ changes: z.array(z.unknown()) });
export type RawChangesPage = z.infer<typeof rawChangesPageSchema>;
export type RawSnapshotPage = z.infer<typeof rawSnapshotPageSchema>;

export interface PlatformClient {
  readonly baseUrl: string;
  me(): Promise<MeResponse>;
  changes(cursor: string | null, limit: number): Promise<RawChangesPage>;
  snapshot(page: string | null, limit: number): Promise<RawSnapshotPage>;
  push(request: PushRequestInput): Promise<PushResponse>;
  /** Reviewers and admins: the submissions awaiting review. */
  reviewQueue(limit: number): Promise<ReviewQueueResponse>;
  postReview(request: PostReviewRequestInput): Promise<PostReviewResponse>;
  /** Reviewers and admins (optional so scripted clients may leave them out): every expert's judgement of a task, with gold scores, agreement and history. */
  taskJudgements?(taskId: string): Promise<TaskJudgementsResponse>;
  /** Reviewers and admins: a project's agreement report. */
  agreementReport?(project: string): Promise<AgreementReport>;
  /** Experts: a reply to a comment of a review of their work. */
  postCommentReply(request: PostCommentReplyRequest): Promise<PostCommentReplyResponse>;
}

export interface PlatformClientOptions {
  /** e.g. https://platform.example.org (a trailing slash is fine). */
  baseUrl: string;
  token: string;
  /** This app's version, sent on every request (the platform may refuse versions below its minimum). */
  appVersion?: string;
  /** Per request, covering the whole body. Default 30 s. */
  timeoutMs?: number;
  /** Aborts every request of this client at once (work offline, sign out, shutdown). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  now?: () => number;
}

const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
};

/** The first problem zod found, as `path: message`. */
export const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return `${path === '' ? '' : `${path}: `}${issue.message}`;
};

/** A typed client for protocol v1 over fetch. Every answer is checked against the protocol's schemas. */
export const createPlatformClient = (options: PlatformClientOptions): PlatformClient => {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? Date.now;

  const request = async <S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>> => {
    const what = `${method} ${path.split('?')[0] ?? path}`;
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
    const signal = AbortSignal.any(signals);
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const res = await doFetch(`${baseUrl}${API_PREFIX}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          ...(options.appVersion === undefined ? {} : { [APP_VERSION_HEADER]: options.appVersion }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
        redirect: 'error',
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      // Reading the body is under the same signal: a stalled or cut-off body ends here too.
      text = await res.text();
    } catch (error) {
      const timedOut = signal.aborted && !(options.signal?.aborted ?? false);
      const why = timedOut ? `no answer within ${Math.round(timeoutMs / 100) / 10} s` : describe(error);
      throw new PlatformRequestError('network', `Could not reach the platform (${what}): ${why}`);
    }

    let json: unknown = undefined;
    let parseError: string | null = null;
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch (error) {
        parseError = error instanceof Error ? error.message : String(error);
      }
    }

    if (status < 200 || status > 299) {
      const action = actionForResponse(status, json, retryAfter, now());
      const protocolError = parseError === null ? readErrorBody(json, status) : { code: 'server_error' as const, message: `HTTP ${status}` };
      const message = `The platform answered ${what} with ${status}: ${protocolError.message}`;
      switch (action.kind) {
        case 'sign_in':
          throw new PlatformRequestError('unauthorized', 'The platform no longer accepts this sign-in; sign in again (your work is kept).', status, null, protocolError);
        case 'resnapshot':
          throw new PlatformRequestError('cursor_expired', message, status, null, protocolError);
        case 'quarantine':
          throw new PlatformRequestError('lease_lost', message, status, null, action.error);
        case 'retry':
          throw new PlatformRequestError(status === 429 ? 'rate_limited' : 'server', message, status, action.retryAfterMs, protocolError);
        case 'update_app':
          throw new PlatformRequestError('update_required', `${UPDATE_TO_SYNC_MESSAGE} (${action.error.message})`, status, null, action.error);
        case 'reject':
          throw new PlatformRequestError('rejected', message, status, null, action.error);
      }
    }

    if (parseError !== null) {
      throw new PlatformRequestError('network', `The platform answered ${what} with malformed JSON (${parseError}); will try again`, status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new PlatformRequestError('network', `The platform's answer to ${what} does not match protocol v1 (${firstIssue(parsed.error)}); will try again`, status);
    }
    return parsed.data;
  };

  return {
    baseUrl,
    async me() {
      const raw = await request('GET', '/me', z.looseObject({ protocolVersion: z.unknown() }));
      if (raw.protocolVersion !== PROTOCOL_VERSION) {
        throw new PlatformRequestError('rejected', `The platform speaks sync protocol ${String(raw.protocolVersion)}; this app speaks ${PROTOCOL_VERSION}.`);
      }
      const me = meResponseSchema.safeParse(raw);
      if (!me.success) throw new PlatformRequestError('network', `The platform's answer to GET /me does not match protocol v1 (${firstIssue(me.error)})`);
      return me.data;
    },
    changes(cursor, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      return request('GET', `/changes?${query.toString()}`, rawChangesPageSchema);
    },
    snapshot(page, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (page !== null) query.set('page', page);
      return request('GET', `/snapshot?${query.toString()}`, rawSnapshotPageSchema);
    },
    push(body) {
      return request('POST', '/mutations', pushResponseSchema, body);
    },
    reviewQueue(limit) {
      return request('GET', `/review/queue?limit=${limit}`, reviewQueueResponseSchema);
    },
    postReview(body) {
      return request('POST', '/reviews', postReviewResponseSchema, body);
    },
    taskJudgements(taskId) {
      return request('GET', `/review/tasks/${encodeURIComponent(taskId)}/judgements`, taskJudgementsResponseSchema);
    },
    agreementReport(project) {
      return request('GET', `/review/agreement?${new URLSearchParams({ project }).toString()}`, agreementReportSchema);
    },
    postCommentReply(body) {
      return request('POST', '/comment-replies', postCommentReplyResponseSchema, body);
    },
  };
};

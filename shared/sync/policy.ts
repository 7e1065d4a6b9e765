import { errorBodySchema, type ProtocolError } from './protocol';

/**
 * What a client does with each outcome of a request (docs/protocol.md, "Errors and what the client
 * does"). Pure functions, so the sync engine and its tests share one reading of the spec.
 */

export type ClientAction =
  /** Transient: network error, timeout, 5xx, 429, or a body that does not parse. Retry with backoff. */
  | { kind: 'retry'; retryAfterMs: number | null }
  /** 401: the token is gone or wrong. Stop syncing, ask the user to sign in again, keep every local change. */
  | { kind: 'sign_in' }
  /** 410 cursor_expired: drop the cursor, take a full snapshot, keep every draft and outbox entry. */
  | { kind: 'resnapshot' }
  /** 409 lease_lost: keep the work in local quarantine, visible, never discarded. */
  | { kind: 'quarantine'; error: ProtocolError }
  /** 426 upgrade_required: this app is older than the platform's minimum. Stop syncing until updated; keep everything queued. */
  | { kind: 'update_app'; error: ProtocolError }
  /** Any other 4xx: permanent for this request; show it, keep the draft editable, do not retry it unchanged. */
  | { kind: 'reject'; error: ProtocolError };

const fallbackError = (status: number): ProtocolError => ({ code: status >= 500 ? 'server_error' : 'invalid', message: `HTTP ${status}` });

/** Reads an error body if it is one; servers and proxies in between do not always send one. */
export const readErrorBody = (body: unknown, status: number): ProtocolError => {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error : fallbackError(status);
};

/** Parses a Retry-After header given in seconds (the form this protocol uses) or as an HTTP date. */
export const parseRetryAfter = (header: string | null | undefined, nowMs: number): number | null => {
  if (header === null || header === undefined || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
};

/** The action for an HTTP response with a non-2xx status. `body` is the parsed JSON, or undefined. */
export const actionForResponse = (status: number, body: unknown, retryAfterHeader: string | null, nowMs: number): ClientAction => {
  const error = readErrorBody(body, status);
  if (status === 401) return { kind: 'sign_in' };
  if (status === 410 || error.code === 'cursor_expired') return { kind: 'resnapshot' };
  if (status === 409 && error.code === 'lease_lost') return { kind: 'quarantine', error };
  if (status === 426 || error.code === 'upgrade_required') return { kind: 'update_app', error };
  if (status === 429 || status === 408 || status >= 500) return { kind: 'retry', retryAfterMs: parseRetryAfter(retryAfterHeader, nowMs) };
  return { kind: 'reject', error };
};

export const BACKOFF = { baseMs: 1000, capMs: 5 * 60 * 1000 } as const;

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base * 2^attempt)). `attempt`
 * counts failures since the last success, from 0. `random` is in [0, 1). A Retry-After from the server is
 * a floor on the delay.
 */
export const backoffDelayMs = (attempt: number, random: number, retryAfterMs: number | null = null, policy: { baseMs: number; capMs: number } = BACKOFF): number => {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const jittered = Math.floor(Math.min(Math.max(random, 0), 1) * ceiling);
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, policy.capMs));
};

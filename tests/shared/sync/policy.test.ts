import { describe, expect, it } from 'vitest';
import { BACKOFF, actionForResponse, backoffDelayMs, parseRetryAfter } from '../../../shared/sync/policy';
import { changeSchema, mutationSchema, pushRequestSchema } from '../../../shared/sync/protocol';

describe('client policy for protocol v1', () => {
  const err = (code: string) => ({ error: { code, message: 'm' } });

  it('maps every status to what the client does', () => {
    const now = 0;
    expect(actionForResponse(401, err('unauthorized'), null, now)).toEqual({ kind: 'sign_in' });
    expect(actionForResponse(410, err('cursor_expired'), null, now)).toEqual({ kind: 'resnapshot' });
    expect(actionForResponse(409, err('lease_lost'), null, now)).toMatchObject({ kind: 'quarantine' });
    expect(actionForResponse(409, err('conflict'), null, now)).toMatchObject({ kind: 'reject', error: { code: 'conflict' } });
    expect(actionForResponse(429, err('rate_limited'), '7', now)).toEqual({ kind: 'retry', retryAfterMs: 7000 });
    expect(actionForResponse(503, undefined, null, now)).toEqual({ kind: 'retry', retryAfterMs: null });
    expect(actionForResponse(500, 'garbage', null, now)).toMatchObject({ kind: 'retry' });
    expect(actionForResponse(400, err('invalid'), null, now)).toMatchObject({ kind: 'reject', error: { code: 'invalid' } });
    expect(actionForResponse(413, err('too_large'), null, now)).toMatchObject({ kind: 'reject' });
    expect(actionForResponse(404, '<html>', null, now)).toMatchObject({ kind: 'reject', error: { code: 'invalid', message: 'HTTP 404' } });
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });

  it('backs off exponentially with full jitter, capped at five minutes', () => {
    expect(backoffDelayMs(0, 0)).toBe(0);
    expect(backoffDelayMs(0, 0.999)).toBeLessThan(BACKOFF.baseMs);
    expect(backoffDelayMs(3, 0.5)).toBe(4000);
    expect(backoffDelayMs(50, 0.999999)).toBeLessThan(BACKOFF.capMs);
    expect(backoffDelayMs(50, 0.999999)).toBeGreaterThan(BACKOFF.capMs - 1000);
    expect(backoffDelayMs(0, 0, 10_000)).toBe(10_000);
    expect(backoffDelayMs(0, 0, 60 * 60 * 1000)).toBe(BACKOFF.capMs);
  });

  it('validates the wire shapes strictly enough to catch a bad server or client', () => {
    expect(changeSchema.safeParse({ type: 'task_revoked', at: '2030-01-01T00:00:00.000Z', taskId: 't1', reason: 'revoked' }).success).toBe(true);
    expect(changeSchema.safeParse({ type: 'task_revoked', at: 'yesterday', taskId: 't1', reason: 'revoked' }).success).toBe(false);
    expect(changeSchema.safeParse({ type: 'task_exploded', at: '2030-01-01T00:00:00.000Z' }).success).toBe(false);
    const task = { id: 't1', project: 'p', title: 'T', payload: { kind: 'reasoning', problem: 'x' } };
    const assigned = { type: 'task_assigned', at: '2030-01-01T00:00:00.000Z', assignment: { id: '1', state: 'assigned', lastSubmissionId: null } };
    expect(changeSchema.safeParse({ ...assigned, task }).success).toBe(false);
    expect(changeSchema.safeParse({ ...assigned, task: { ...task, lease: { holder: 'a', expiresAt: '2030-01-15T00:00:00.000Z' } } }).success).toBe(true);
    const m = { id: 1, idempotencyKey: 'k', type: 'submit', taskId: 't1', revision: 1, annotation: { kind: 'reasoning' }, activeSeconds: 0, clientTime: '2030-01-01T00:00:00Z' };
    expect(mutationSchema.safeParse(m).success).toBe(true);
    expect(mutationSchema.safeParse({ ...m, type: 'delete' }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ clientId: 'c', mutations: [m, { ...m, id: 1 }] }).success).toBe(false);
  });
});

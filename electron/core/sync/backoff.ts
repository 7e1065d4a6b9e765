import { BACKOFF, backoffDelayMs } from '@shared/sync';

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export interface Backoff {
  /** The delay before the next try after one more failure; a server's Retry-After is a floor. */
  next(retryAfterMs?: number | null): number;
  /** Failures since the last success. */
  readonly failures: number;
  /** After a success, or when the network comes back: the next failure waits the base delay again. */
  reset(): void;
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): the n-th
 * consecutive failure waits a uniform random time in [0, min(cap, base * 2^n)). The arithmetic lives in
 * shared/sync/policy.ts; this holds the failure count. `random` is injectable so tests are exact.
 */
export const createBackoff = (random: () => number = Math.random, policy: BackoffPolicy = BACKOFF): Backoff => {
  let failures = 0;
  return {
    next(retryAfterMs = null) {
      const delay = backoffDelayMs(failures, random(), retryAfterMs, policy);
      failures += 1;
      return delay;
    },
    get failures() {
      return failures;
    },
    reset() {
      failures = 0;
    },
  };
};

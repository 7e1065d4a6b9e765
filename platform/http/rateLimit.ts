export interface RateLimitOptions {
  /** Requests allowed per user in each window. */
  requests: number;
  windowMs: number;
}

/** A fixed window per user: simple, and enough to keep one runaway client from starving the rest. */
export const createRateLimiter = (options: RateLimitOptions, now: () => number) => {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** null when the request may go ahead, else the milliseconds until it may. */
    check(key: string): number | null {
      const at = now();
      const current = windows.get(key);
      if (!current || at - current.start >= options.windowMs) {
        windows.set(key, { start: at, count: 1 });
        if (windows.size > 10_000) for (const [k, w] of windows) if (at - w.start >= options.windowMs) windows.delete(k);
        return null;
      }
      current.count += 1;
      return current.count > options.requests ? current.start + options.windowMs - at : null;
    },
  };
};
export type RateLimiter = ReturnType<typeof createRateLimiter>;

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../../electron/core/sync/backoff';

const CAP = 5 * 60 * 1000;

describe('exponential backoff with full jitter', () => {
  it('doubles the ceiling per failure from 1 s, capped at 5 minutes', () => {
    const top = createBackoff(() => 0.999999);
    const ceilings = Array.from({ length: 12 }, () => top.next());
    expect(ceilings.slice(0, 9)).toEqual([999, 1999, 3999, 7999, 15999, 31999, 63999, 127999, 255999]);
    expect(ceilings.slice(9)).toEqual([CAP - 1, CAP - 1, CAP - 1]);
  });

  it('draws uniformly below the ceiling (random 0 waits 0, 0.5 waits half)', () => {
    const zero = createBackoff(() => 0);
    expect([zero.next(), zero.next(), zero.next()]).toEqual([0, 0, 0]);
    const half = createBackoff(() => 0.5);
    expect([half.next(), half.next(), half.next(), half.next()]).toEqual([500, 1000, 2000, 4000]);
  });

  it('treats Retry-After as a floor, itself capped', () => {
    const b = createBackoff(() => 0);
    expect(b.next(30_000)).toBe(30_000);
    expect(b.next(10 * CAP)).toBe(CAP);
  });

  it('starts over after reset (the network came back, or a sync succeeded)', () => {
    const b = createBackoff(() => 0.5);
    b.next();
    b.next();
    b.next();
    expect(b.failures).toBe(3);
    b.reset();
    expect(b.failures).toBe(0);
    expect(b.next()).toBe(500);
  });

  it('always lies in [0, min(cap, base * 2^n)) for any random draw', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 40 }), (draws) => {
        let i = 0;
        const b = createBackoff(() => draws[i++] ?? 0);
        draws.forEach((_, n) => {
          const delay = b.next();
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.min(CAP, 1000 * 2 ** n));
        });
      }),
      { numRuns: 300 },
    );
  });
});

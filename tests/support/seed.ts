/**
 * Seeded randomness for tests. Every test gets a seed (TEST_SEED from the environment to replay one, else a
 * fresh random one); tests/support/seedSetup.ts sets it before each test, hands it to fast-check, and prints
 * it when the test fails. Tests draw their randomness from `seededRandom()`, never from Math.random.
 */
import { randomInt } from 'node:crypto';

let current: number | null = null;

/** The seed asked for in the environment, if any (a non-negative integer). */
export const seedFromEnv = (env: NodeJS.ProcessEnv = process.env): number | null => {
  const raw = env.TEST_SEED;
  if (raw === undefined || raw.trim() === '') return null;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`TEST_SEED must be a non-negative integer, got "${raw}"`);
  return seed;
};

export const freshSeed = (): number => seedFromEnv() ?? randomInt(2 ** 31);

export const setCurrentSeed = (seed: number): void => {
  current = seed;
};

/** This test's seed. */
export const currentSeed = (): number => {
  if (current === null) throw new Error('No test seed: is tests/support/seedSetup.ts in the Vitest setupFiles?');
  return current;
};

/** mulberry32: a small, fast generator of numbers in [0, 1) fully determined by its seed. */
export const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A generator seeded from this test's seed; `stream` separates independent uses within one test. */
export const seededRandom = (stream = 0): (() => number) => mulberry32(currentSeed() + Math.imul(stream, 0x9e3779b1));

import { cyrb53 } from './hash';

/** mulberry32: a tiny 32-bit PRNG, good enough to shuffle at most 16 responses evenly. */
const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** The seed for one annotator on one task: each annotator sees their own order, stable across sessions. */
export const blindSeed = (annotatorId: string, taskId: string): string => `${annotatorId}\u0000${taskId}`;

/**
 * The order in which the responses are shown to one annotator (displayOrder[i] gets blindLabel(i)).
 * Deterministic: the same seed always gives the same order, so reopening a task never relabels it.
 */
export const blindOrder = (responseIds: readonly string[], seed: string): string[] => {
  const order = [...responseIds];
  const random = mulberry32(cyrb53(seed));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = order[i];
    const b = order[j];
    if (a === undefined || b === undefined) continue;
    order[i] = b;
    order[j] = a;
  }
  return order;
};

/** 0 -> 'A', 25 -> 'Z', 26 -> 'AA' (spreadsheet style; a task holds at most 16 responses anyway). */
export const blindLabel = (index: number): string => {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`blindLabel: index must be a non-negative integer, got ${index}`);
  let n = index;
  let label = '';
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
};

/** The blind label of a response for this annotator, or null when the response is not in the display order. */
export const blindLabelOf = (displayOrder: readonly string[], responseId: string): string | null => {
  const index = displayOrder.indexOf(responseId);
  return index === -1 ? null : blindLabel(index);
};

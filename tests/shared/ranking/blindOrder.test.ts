import { describe, expect, it } from 'vitest';
import { blindLabel, blindLabelOf, blindOrder, blindSeed } from '@shared/ranking';

const ids = ['r1', 'r2', 'r3', 'r4'];

describe('blindOrder', () => {
  it('is a permutation and the same seed always gives the same order', () => {
    const seed = blindSeed('annotator-1', 'task-9');
    const order = blindOrder(ids, seed);
    expect([...order].sort()).toEqual(ids);
    expect(blindOrder(ids, seed)).toEqual(order);
    expect(ids).toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  it('gives different annotators different orders, and every order turns up', () => {
    const orders = new Set<string>();
    for (let a = 0; a < 400; a++) orders.add(blindOrder(ids, blindSeed(`annotator-${a}`, 'task-9')).join(','));
    expect(orders.size).toBe(24);
    expect(blindOrder(ids, blindSeed('alice', 'task-9'))).not.toEqual(blindOrder(ids, blindSeed('bob', 'task-9')));
  });

  it('puts each response first about equally often', () => {
    const firsts = new Map<string, number>();
    for (let a = 0; a < 4000; a++) {
      const first = blindOrder(ids, `seed-${a}`)[0] ?? '';
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const id of ids) expect(firsts.get(id) ?? 0).toBeGreaterThan(850);
  });

  it('handles 0 and 1 responses', () => {
    expect(blindOrder([], 's')).toEqual([]);
    expect(blindOrder(['only'], 's')).toEqual(['only']);
  });
});

describe('blindLabel', () => {
  it('labels A, B, C... and continues past Z', () => {
    expect([0, 1, 2, 15, 25, 26, 27].map(blindLabel)).toEqual(['A', 'B', 'C', 'P', 'Z', 'AA', 'AB']);
    expect(() => blindLabel(-1)).toThrow(RangeError);
  });

  it('finds the label of a response in a display order', () => {
    expect(blindLabelOf(['x', 'y'], 'y')).toBe('B');
    expect(blindLabelOf(['x', 'y'], 'z')).toBeNull();
  });
});

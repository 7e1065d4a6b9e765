import { describe, expect, it } from 'vitest';
import { inboxLayout } from '../../renderer/src/features/inbox/inboxLayout';

const counts = (c: Partial<Record<'new' | 'in_progress' | 'submitted' | 'returned' | 'accepted', number>>) => ({
  new: 0,
  in_progress: 0,
  submitted: 0,
  returned: 0,
  accepted: 0,
  ...c,
});

describe('inboxLayout', () => {
  it('puts returned work first, then in progress, new, submitted, accepted, each under a header with its count', () => {
    const layout = inboxLayout(counts({ new: 2, submitted: 1, returned: 1 }), 4);
    const rows = Array.from({ length: layout.rowCount }, (_, r) => layout.rowAt(r));
    expect(rows.map((r) => (r?.type === 'header' ? `#${r.status}:${r.count}` : `@${r?.position}`))).toEqual([
      '#returned:1',
      '@0',
      '#new:2',
      '@1',
      '@2',
      '#submitted:1',
      '@3',
    ]);
  });

  it('maps every position to its row and back, across groups of any size', () => {
    const layout = inboxLayout(counts({ returned: 3, in_progress: 0, new: 100_000, accepted: 7 }), 100_010);
    expect(layout.rowCount).toBe(100_010 + 3);
    for (const position of [0, 2, 3, 50_000, 100_002, 100_003, 100_009]) {
      const row = layout.rowOf(position);
      expect(layout.rowAt(row)).toEqual({ type: 'task', position });
    }
    expect(layout.rowAt(layout.rowCount)).toBeNull();
  });

  it('lays a search out flat, best match first, without headers', () => {
    const layout = inboxLayout(null, 3);
    expect(layout.rowCount).toBe(3);
    expect(layout.rowAt(0)).toEqual({ type: 'task', position: 0 });
    expect(layout.rowOf(2)).toBe(2);
  });

  it('has no rows for no tasks', () => {
    expect(inboxLayout(counts({}), 0).rowCount).toBe(0);
  });
});

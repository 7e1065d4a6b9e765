import type { AppEvent } from '@shared/ipc';
import { describe, expect, it } from 'vitest';
import { createAppEvents } from '../../electron/core/events';

describe('app events', () => {
  it('reach every listener until it unsubscribes', () => {
    const events = createAppEvents();
    const a: AppEvent[] = [];
    const b: AppEvent[] = [];
    const offA = events.on((e) => a.push(e));
    events.on((e) => b.push(e));
    events.emit({ type: 'tasksChanged', taskIds: ['t1'] });
    offA();
    events.emit({ type: 'tasksChanged', taskIds: ['t2'] });
    expect(a).toEqual([{ type: 'tasksChanged', taskIds: ['t1'] }]);
    expect(b).toHaveLength(2);
  });

  it('still reach later listeners when an earlier one throws, and report the error', () => {
    const errors: unknown[] = [];
    const events = createAppEvents((error) => errors.push(error));
    const seen: AppEvent[] = [];
    events.on(() => {
      throw new Error('listener broke');
    });
    events.on((e) => seen.push(e));
    expect(() => events.emit({ type: 'tasksChanged', taskIds: ['t1'] })).not.toThrow();
    expect(seen).toHaveLength(1);
    expect(errors).toEqual([new Error('listener broke')]);
  });
});

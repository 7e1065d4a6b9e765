import { describe, expect, it } from 'vitest';
import type { Task } from '@shared/domain';
import { importTasksFromText } from '@shared/formats';
import { DISPLAY_OBSERVATION_CHARS, taskForDisplay } from '@shared/trajectory';
import { readFixture } from '../readFixture';

describe('taskForDisplay', () => {
  it('leaves the source record out and keeps the head of each long observation with its whole length', () => {
    const r = importTasksFromText('x.traj', readFixture('trajectory/swe-agent-pydicom__pydicom-1458.traj'));
    if (!r.ok) throw new Error(r.error.message);
    const task = r.value.tasks[0] as Task;
    const shown = taskForDisplay(task);
    if (task.payload.kind !== 'trajectory' || shown.payload.kind !== 'trajectory') throw new Error('kind');
    expect(shown.payload.source).toEqual({ format: 'swe-agent-traj', text: '', omitted: true });
    expect(task.payload.source?.text.length).toBeGreaterThan(100_000);
    const long = task.payload.steps.filter((s) => s.observation.length > DISPLAY_OBSERVATION_CHARS);
    expect(long.length).toBeGreaterThan(0);
    shown.payload.steps.forEach((s, i) => {
      const whole = task.payload.kind === 'trajectory' ? task.payload.steps[i]! : s;
      const isLong = whole.observation.length > DISPLAY_OBSERVATION_CHARS;
      expect(s.observation).toBe(isLong ? whole.observation.slice(0, DISPLAY_OBSERVATION_CHARS) : whole.observation);
      expect(s.observationChars).toBe(isLong ? whole.observation.length : null);
      expect({ ...s, observation: '', observationChars: null }).toEqual({ ...whole, observation: '', observationChars: null });
    });
    // Idempotent: a display copy opens as itself.
    expect(taskForDisplay(shown)).toEqual(shown);
  });
});

import { describe, expect, it } from 'vitest';
import type { Task } from '@shared/domain';
import { importTasksFromText } from '@shared/formats';
import { taskForDisplay } from '@shared/trajectory';
import { readFixture } from '../readFixture';

describe('taskForDisplay', () => {
  it('leaves a trajectory source record out of what a workspace opens, and nothing else', () => {
    const r = importTasksFromText('x.traj', readFixture('trajectory/swe-agent-pydicom__pydicom-1458.traj'));
    if (!r.ok) throw new Error(r.error.message);
    const task = r.value.tasks[0] as Task;
    const shown = taskForDisplay(task);
    expect(shown.payload.kind === 'trajectory' && shown.payload.source).toEqual({ format: 'swe-agent-traj', text: '', omitted: true });
    expect(task.payload.kind === 'trajectory' && task.payload.source?.text.length).toBeGreaterThan(100_000);
    expect({ ...shown, payload: { ...shown.payload, source: null } }).toEqual({ ...task, payload: { ...task.payload, source: null } });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { DISPLAY_OBSERVATION_CHARS } from '@shared/trajectory';
import { useTempDirs } from '../support/tempDir';
import { startTestCore, type TestCore } from '../support/testCore';

const tempDir = useTempDirs();
const cores: TestCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

const LONG = 'x'.repeat(DISPLAY_OBSERVATION_CHARS * 3) + 'THE END';
const traj = JSON.stringify(
  {
    trajectory: [
      { action: 'pytest -q', observation: LONG, thought: 'Run the tests.', response: 'Run the tests.' },
      { action: 'ls', observation: 'short', thought: 'List.', response: 'List.' },
    ],
    history: [],
    info: { submission: '', exit_status: 'submitted' },
  },
  null,
  2,
);

describe('opening a long trajectory', () => {
  it('opens with observation heads and no source record, fetches the whole observation on demand, and exports the stored run', async () => {
    const core = startTestCore(tempDir());
    cores.push(core);
    await core.call('importTasks', { fileName: 'long.traj', text: traj });
    const { tasks } = await core.call('listTasks', {});
    const id = tasks[0]!.id;
    const opened = await core.call('openTask', { id });
    if (opened.task.payload.kind !== 'trajectory') throw new Error('kind');
    const [first, second] = opened.task.payload.steps;
    expect(first?.observation).toHaveLength(DISPLAY_OBSERVATION_CHARS);
    expect(first?.observationChars).toBe(LONG.length);
    expect(second).toMatchObject({ observation: 'short', observationChars: null });
    expect(opened.task.payload.source).toEqual({ format: 'swe-agent-traj', text: '', omitted: true });
    expect(await core.call('getStepObservation', { taskId: id, stepId: 'step-1' })).toEqual({ text: LONG });
    await expect(core.call('getStepObservation', { taskId: id, stepId: 'step-9' })).rejects.toThrow(/not_found/);

    // The expert edits step 1 in the workspace (its copy holds the head); the export still has the whole observation.
    await core.call('saveDraft', {
      taskId: id,
      annotation: { kind: 'trajectory', stepLabels: { 'step-1': 'good', 'step-2': 'good' }, editedSteps: { 'step-1': { ...first!, thought: 'Run them all.' } } },
      activeSeconds: 3,
    });
    await core.call('submitTask', { taskId: id });
    const out = await core.call('exportAnnotations', { format: 'trajectory-source' });
    const doc = JSON.parse(out.text) as { trajectory: Array<{ thought: string; observation: string }> };
    expect(doc.trajectory[0]).toMatchObject({ thought: 'Run them all.', observation: LONG });
  });
});

import { describe, expect, it } from 'vitest';
import { trajectoryAnnotationSchema, type Task, type TrajectoryAnnotation } from '@shared/domain';
import { importTasksFromText } from '@shared/formats';
import { exportAnnotations } from '@shared/formats/exportAnnotations';
import { toSourceFormat, trajectoryItems, type TrajectoryItem } from '@shared/formats/trajectory';
import { addNewStep, replaceStep, rewriteFrom, setFinalPatch, setStepComment, setStepLabel, toggleFirstWrong } from '@shared/trajectory';
import { readFixture } from '../../readFixture';

const FC = 'trajectory/swe-agent-function-calling__6e44b9__sweagenttestrepo-1c2844.traj';
const load = (name: string): Task => {
  const r = importTasksFromText(name, readFixture(name));
  if (!r.ok) throw new Error(r.error.message);
  return r.value.tasks[0] as Task;
};
const fresh = (): TrajectoryAnnotation => trajectoryAnnotationSchema.parse({ kind: 'trajectory' });
const item = (task: Task, annotation: TrajectoryAnnotation): TrajectoryItem => trajectoryItems([{ task, annotation }])[0] as TrajectoryItem;

describe('export in the source format', () => {
  it.each([FC, 'trajectory/swe-agent-pydicom__pydicom-1458.traj', 'trajectory/mini-swe-agent__local.traj.json', 'trajectory/openhands__basic_gui_mode.json'])(
    'an unedited run of %s comes out byte for byte',
    (name) => {
      const task = load(name);
      const out = exportAnnotations([{ task, annotation: fresh() }], 'trajectory-source', 'stamp');
      expect(out.ok && out.value.text === readFixture(name)).toBe(true);
    },
  );

  it('an edited .traj comes out as a .traj with the edits, and imports back with them', () => {
    const task = load(FC);
    if (task.payload.kind !== 'trajectory') throw new Error('kind');
    let a = fresh();
    a = replaceStep(a, { ...task.payload.steps[1]!, thought: 'Open the file (edited).' });
    a = rewriteFrom(a, 'step-2');
    const added = addNewStep(a);
    a = replaceStep(added.annotation, { ...added.annotation.newSteps[0]!, thought: 'Fix the colon.', action: 'sed -i s/x/y/ f.py', observation: 'ok' });
    a = setFinalPatch(a, 'diff --git a/f.py b/f.py\n');
    const out = exportAnnotations([{ task, annotation: a }], 'trajectory-source', 's');
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.fileName).toMatch(/\.traj$/);
    expect(out.value.text.startsWith('{\n  "environment"')).toBe(true);
    const back = importTasksFromText('back.traj', out.value.text);
    if (!back.ok || back.value.tasks[0]?.payload.kind !== 'trajectory') throw new Error('reimport failed');
    const p = back.value.tasks[0].payload;
    expect(p.steps.map((s) => s.thought)).toEqual([task.payload.steps[0]!.thought, 'Open the file (edited).', 'Fix the colon.']);
    expect(p.steps[2]?.action).toBe('sed -i s/x/y/ f.py');
    expect(p.steps[0]?.toolCalls).toEqual(task.payload.steps[0]!.toolCalls);
    expect(p.patch).toBe('diff --git a/f.py b/f.py\n');
    expect(p.problemStatement).toBe(task.payload.problemStatement);
  });

  it('an edited mini-swe-agent run imports back with the new steps', () => {
    const task = load('trajectory/mini-swe-agent__local.traj.json');
    const { annotation } = addNewStep(rewriteFrom(fresh(), 'step-1'));
    const a = replaceStep(annotation, { ...annotation.newSteps[0]!, thought: 'Check.', action: 'pytest -q', observation: '1 passed' });
    const back = importTasksFromText('m.json', toSourceFormat(item(task, a)));
    expect(back.ok && back.value.tasks[0]?.payload.kind === 'trajectory' && back.value.tasks[0].payload.steps.map((s) => s.action)).toEqual(["echo 'hello world'", 'pytest -q']);
  });
});

describe('training and label exports', () => {
  const task = load(FC);
  let a = setStepLabel(fresh(), 'step-1', 'good');
  a = toggleFirstWrong(a, 'step-3');
  a = setStepComment(a, 'step-3', 'Wrong edit.');
  a = setFinalPatch(a, 'diff --git a/x b/x\n--- a/x\n+++ b/x\n');

  it('SFT JSONL: one chat per run, the tool calls of the source, tool answers', () => {
    const out = exportAnnotations([{ task, annotation: a }], 'trajectory-sft-jsonl', 's');
    if (!out.ok) throw new Error('export');
    const lines = out.value.text.trim().split('\n');
    expect(lines).toHaveLength(1);
    const chat = JSON.parse(lines[0]!) as { messages: Array<{ role: string; tool_calls?: Array<{ id: string; function: { name: string } }>; tool_call_id?: string }> };
    expect(chat.messages[0]?.role).toBe('user');
    expect(chat.messages.filter((m) => m.role === 'assistant')).toHaveLength(5);
    expect(chat.messages[1]?.tool_calls?.[0]?.function.name).toBe('find_file');
    expect(chat.messages[2]).toMatchObject({ role: 'tool', tool_call_id: chat.messages[1]?.tool_calls?.[0]?.id });
  });

  it('step labels JSONL: a line per step with label, first wrong step and comment', () => {
    const out = exportAnnotations([{ task, annotation: a }], 'trajectory-step-labels-jsonl', 's');
    const rows = out.ok ? out.value.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ step: 1, label: 'good', first_wrong: false });
    expect(rows[2]).toMatchObject({ step: 3, step_id: 'step-3', label: 'bad', first_wrong: true, comment: 'Wrong edit.' });
    expect(rows[4]).toMatchObject({ label: null, first_wrong: false, comment: '' });
  });

  it('SWE-bench predictions: instance id, model name, the final patch', () => {
    const out = exportAnnotations([{ task, annotation: a }], 'swe-bench-predictions-jsonl', 's');
    expect(out.ok && JSON.parse(out.value.text)).toEqual({ instance_id: 'SWE-agent__test-repo-i1', model_name_or_path: 'assay-expert', model_patch: 'diff --git a/x b/x\n--- a/x\n+++ b/x\n' });
    const untouched = exportAnnotations([{ task, annotation: fresh() }], 'swe-bench-predictions-jsonl', 's');
    expect(untouched.ok && task.payload.kind === 'trajectory' && (JSON.parse(untouched.value.text) as { model_patch: string }).model_patch).toBe(task.payload.kind === 'trajectory' && task.payload.patch);
  });

  it('canonical annotations keep every trajectory field', () => {
    const out = exportAnnotations([{ task, annotation: a }], 'canonical-annotations-jsonl', 's');
    const line = out.ok ? (JSON.parse(out.value.text.trim()) as { annotation: unknown }) : null;
    expect(trajectoryAnnotationSchema.parse(line?.annotation)).toEqual(a);
  });
});

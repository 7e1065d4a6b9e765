import { describe, expect, it } from 'vitest';
import type { Task, TrajectoryPayload } from '@shared/domain';
import { importTasksFromText } from '@shared/formats';
import { readFixture } from '../../readFixture';

const importRun = (name: string) => {
  const result = importTasksFromText(name, readFixture(name));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const payloadOf = (task: Task | undefined): TrajectoryPayload => {
  if (task?.payload.kind !== 'trajectory') throw new Error('not a trajectory');
  return task.payload;
};

describe('SWE-agent .traj import', () => {
  it('reads the function-calling run: 5 steps, tool calls from history, the submitted patch, timing', () => {
    const { format, tasks } = importRun('trajectory/swe-agent-function-calling__6e44b9__sweagenttestrepo-1c2844.traj');
    expect(format).toBe('swe-agent-traj');
    expect(tasks).toHaveLength(1);
    const p = payloadOf(tasks[0]);
    expect(p.steps).toHaveLength(5);
    expect(p.steps[0]?.action).toBe('find_file missing_colon.py');
    expect(p.steps[0]?.toolCalls).toEqual([{ id: expect.any(String), name: 'find_file', arguments: '{"file_name":"missing_colon.py"}' }]);
    expect(p.steps[1]?.toolCalls[0]).toMatchObject({ name: 'open', arguments: '{"path":"/SWE-agent__test-repo/tests/missing_colon.py"}' });
    expect(p.steps[0]?.elapsedSeconds).toBeCloseTo(0.2814, 3);
    expect(p.patch).toContain('+def division(a: float, b: float) -> float:');
    expect(p.exitStatus).toBe('submitted');
    expect(p.repository.name).toBe('SWE-agent/test-repo');
    expect(p.problemStatement).toContain('SyntaxError: invalid syntax');
    expect(p.problemStatement).not.toContain('INSTRUCTIONS');
    expect(p.source?.format).toBe('swe-agent-traj');
  });

  it('reads the older pydicom run: 12 steps without tool calls, the issue without the demonstration', () => {
    const p = payloadOf(importRun('trajectory/swe-agent-pydicom__pydicom-1458.traj').tasks[0]);
    expect(p.steps).toHaveLength(12);
    expect(p.steps.every((s) => s.toolCalls.length === 0)).toBe(true);
    expect(p.steps[0]?.action).toBe('create reproduce_bug.py\n');
    expect(p.problemStatement.startsWith('Pixel Representation attribute should be optional')).toBe(true);
    expect(p.problemStatement).not.toContain('TimeDelta');
    expect(p.patch).toContain("required_elements.append('PixelRepresentation')");
    expect(p.repository.name).toBe('pydicom__pydicom');
  });

  it('imports nothing from a trajectory that is not a list and says what it expected', () => {
    const result = importTasksFromText('x.traj', '{"trajectory": {"a": 1}, "info": {}}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/Unrecognised format\..*SWE-agent \.traj/);
    const steps = importTasksFromText('x.traj', '{"trajectory": [1, 2], "info": {}}');
    expect(!steps.ok && steps.error.message).toMatch(/trajectory\[0\] is not an object.*Nothing was imported/);
  });
});

describe('mini-swe-agent import', () => {
  it('reads the bare message list: 2 steps, fenced actions, observations, the problem', () => {
    const { format, tasks } = importRun('trajectory/mini-swe-agent__local.traj.json');
    expect(format).toBe('mini-swe-agent');
    const p = payloadOf(tasks[0]);
    expect(p.steps).toHaveLength(2);
    expect(p.steps[0]).toMatchObject({ thought: 'Here be some dummy command:', action: "echo 'hello world'" });
    expect(p.steps[0]?.observation).toContain('hello world');
    expect(p.steps[1]?.action).toBe('echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT');
    expect(p.problemStatement).toBe('Blah blah blah');
  });

  it('reads the {info, messages} form with tool calls, the exit status and the submission', () => {
    const doc = {
      info: { exit_status: 'Submitted', submission: 'diff --git a/x b/x\n' },
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'Please solve this issue: Fix it\n\nYou can execute bash commands' },
        { role: 'assistant', content: 'Look first.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'bash', arguments: '{"command":"ls"}' } }] },
        { role: 'tool', content: 'a.py' },
        { role: 'exit', content: 'diff --git a/x b/x\n' },
      ],
      trajectory_format: 'mini-swe-agent-1.1',
    };
    const result = importTasksFromText('run.traj.json', JSON.stringify(doc, null, 2));
    if (!result.ok) throw new Error(result.error.message);
    const p = payloadOf(result.value.tasks[0]);
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]?.toolCalls).toEqual([{ id: 'c1', name: 'bash', arguments: '{"command":"ls"}' }]);
    expect(p.steps[0]?.observation).toBe('a.py');
    expect(p.exitStatus).toBe('Submitted');
    expect(p.patch).toBe('diff --git a/x b/x\n');
    expect(p.problemStatement).toBe('Fix it');
  });
});

describe('OpenHands import', () => {
  it('reads the event stream: agent actions become steps with their observations and tool calls', () => {
    const { format, tasks } = importRun('trajectory/openhands__basic_gui_mode.json');
    expect(format).toBe('openhands-events');
    const p = payloadOf(tasks[0]);
    // run, edit, edit, run, final message
    expect(p.steps.map((s) => s.toolCalls[0]?.name ?? 'message')).toEqual(['execute_bash', 'str_replace_editor', 'str_replace_editor', 'execute_bash', 'message']);
    expect(p.steps[0]?.action).toBe('mkdir -p /workspace/todo-app');
    expect(p.steps[0]?.thought).toContain("I'll help you create a Vue.js application");
    expect(JSON.parse(p.steps[1]?.toolCalls[0]?.arguments ?? '{}')).toMatchObject({ command: 'create', path: '/workspace/todo-app/index.html' });
    expect(p.steps[1]?.observation).toContain('+<!DOCTYPE html>');
    expect(p.steps[3]?.observation).toContain('Serving HTTP on 0.0.0.0 port 8000');
    expect(p.steps[3]?.elapsedSeconds).toBeGreaterThan(30);
    expect(p.problemStatement).toContain('I want to create a VueJS app');
  });

  it('reads evaluation output.jsonl lines with a history, the instance and the git patch', () => {
    const events = JSON.parse(readFixture('trajectory/openhands__basic_gui_mode.json')) as unknown[];
    const line = (id: string) => JSON.stringify({ instance_id: id, instance: { problem_statement: `Problem ${id}`, repo: 'o/r', base_commit: 'abc' }, history: events, test_result: { git_patch: 'diff --git a/f b/f\n' } });
    const result = importTasksFromText('output.jsonl', `${line('o__r-1')}\n${line('o__r-2')}\n`);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.format).toBe('openhands-output');
    expect(result.value.tasks).toHaveLength(2);
    const p = payloadOf(result.value.tasks[1]);
    expect(p).toMatchObject({ instanceId: 'o__r-2', problemStatement: 'Problem o__r-2', patch: 'diff --git a/f b/f\n', repository: { name: 'o/r', baseCommit: 'abc' } });
    expect(p.steps).toHaveLength(5);
  });

  it('names the line of a broken output.jsonl record and imports nothing', () => {
    const result = importTasksFromText('output.jsonl', '{"instance_id": "a", "history": []}\n{"instance_id": "b", "history": [}\n');
    expect(!result.ok && result.error.message).toMatch(/^Line 2: not valid JSON.*Nothing was imported/);
  });
});

describe('SWE-bench instances import', () => {
  it('makes one task without steps per instance, hiding the gold patch', () => {
    const { format, tasks } = importRun('trajectory/swe-bench-instances.first7.jsonl');
    expect(format).toBe('swe-bench-instance');
    expect(tasks).toHaveLength(7);
    const p = payloadOf(tasks[0]);
    expect(p).toMatchObject({ instanceId: 'django__django-16255', repository: { name: 'django/django', baseCommit: '444b6da7cc229a58a2c476a52e45233001dc7073' }, steps: [], patch: '' });
    expect(p.problemStatement.length).toBeGreaterThan(20);
  });

  it('names line and field of an instance without a repo', () => {
    const result = importTasksFromText('x.jsonl', '{"instance_id": "a", "problem_statement": "p", "repo": "o/r"}\n{"instance_id": "b", "problem_statement": "p"}\n');
    expect(!result.ok && result.error.message).toMatch(/^Line 2: repo: expected non-empty text/);
  });
});

describe('older trajectory tasks and drafts (migration)', () => {
  it('a canonical task and draft written before tool calls, timing and the patch still parse', async () => {
    const { taskSchema, annotationSchema } = await import('@shared/domain');
    const old = taskSchema.parse({ id: 't', project: 'p', title: 't', payload: { kind: 'trajectory', problemStatement: 'x', repository: { name: 'r' }, steps: [{ id: 's', thought: 'a', action: 'ls', observation: 'o' }] } });
    expect(old.payload.kind === 'trajectory' && old.payload.steps[0]).toMatchObject({ toolCalls: [], elapsedSeconds: null, startedAt: null });
    expect(old.payload.kind === 'trajectory' && old.payload).toMatchObject({ patch: '', exitStatus: '', source: null });
    const draft = annotationSchema.parse({ kind: 'trajectory', stepLabels: { s: 'good' }, finalPatch: 'diff' });
    expect(draft).toMatchObject({ stepComments: {}, finalPatch: 'diff', finalPatchEdited: false });
  });
});

import { describe, expect, it } from 'vitest';
import { promptTextOf, taskSchema, type Task, type TaskPayload } from '../../../shared/domain';
import { DEMO_PROJECT, demoTasks, demoTasksJsonl } from '../../../shared/demo/demoTasks';
import { parseCanonicalTasks } from '../../../shared/formats/canonicalJsonl';

type PayloadOf<K extends TaskPayload['kind']> = Extract<TaskPayload, { kind: K }>;

const demoOfKind = <K extends TaskPayload['kind']>(kind: K): { task: Task; payload: PayloadOf<K> } => {
  const task = demoTasks.find((t) => t.payload.kind === kind);
  if (task === undefined) throw new Error(`no ${kind} demo task`);
  return { task, payload: task.payload as PayloadOf<K> };
};

describe('demoTasks', () => {
  it('are valid tasks, one of each kind, with stable ids in the demo project', () => {
    for (const task of demoTasks) expect(taskSchema.parse(task)).toEqual(task);
    expect(demoTasks.map((t) => [t.id, t.payload.kind])).toEqual([
      ['demo-ranking-sn2', 'ranking'],
      ['demo-reasoning-reciprocals', 'reasoning'],
      ['demo-trajectory-slugify', 'trajectory'],
    ]);
    expect(new Set(demoTasks.map((t) => t.project))).toEqual(new Set([DEMO_PROJECT]));
    for (const task of demoTasks) {
      expect(task.title.length).toBeGreaterThan(10);
      expect(task.guidelines.length).toBeGreaterThan(300);
    }
  });

  it('can be found by a distinctive word of each prompt', () => {
    const prompt = (kind: TaskPayload['kind']): string => promptTextOf(demoOfKind(kind).payload);
    expect(prompt('ranking')).toContain('bromoethane');
    expect(prompt('reasoning')).toContain('reciprocals');
    expect(prompt('trajectory')).toContain('slugify');
  });

  it('have searchable words that pick out exactly one task (the inbox searches titles and prompts)', () => {
    const searchable = (t: Task): string => `${t.title}\n${promptTextOf(t.payload)}`.toLowerCase();
    for (const word of ['bromoethane', 'reciprocals', 'slugify']) {
      expect(demoTasks.filter((t) => searchable(t).includes(word)), word).toHaveLength(1);
    }
  });

  it('hold real backticks, not the ‵ stand-in the sources use', () => {
    const json = demoTasksJsonl();
    expect(json).not.toContain('\u2035');
    expect(json).toContain('```python');
  });

  it('round-trip through canonical JSONL', () => {
    const result = parseCanonicalTasks(demoTasksJsonl());
    expect(result).toEqual({ ok: true, value: demoTasks });
  });
});

describe('the ranking demo', () => {
  const { payload } = demoOfKind('ranking');

  it('has three rich markdown responses: a table, inline and display LaTeX, a fenced code block', () => {
    expect(payload.responses).toHaveLength(3);
    for (const { content } of payload.responses) {
      expect(content).toMatch(/^\|.*\|\s*$/m);
      expect(content).toMatch(/^\|(\s*:?-+:?\s*\|)+\s*$/m);
      expect(content).toMatch(/[^$]\$[^$\n]+\$[^$]/);
      expect(content).toMatch(/\$\$[^$]+\$\$/);
      expect(content).toMatch(/^```python\n[\s\S]+?\n```$/m);
    }
  });

  it('keeps LaTeX backslashes single', () => {
    const all = payload.responses.map((r) => r.content).join('\n');
    expect(all).toContain('\\Delta\\Delta G^\\ddagger');
    expect(all).not.toContain('\\\\Delta');
  });

  it('has the subtle error in exactly one response and the right number in all', () => {
    expect(payload.responses.filter((r) => r.content.includes('syn-periplanar'))).toHaveLength(1);
    for (const { content } of payload.responses) expect(content).toMatch(/39 : 1/);
  });

  it('has a rubric of correctness, helpfulness and safety on a 1-7 scale', () => {
    expect(payload.rubric.minJustificationLength).toBe(80);
    expect(payload.rubric.criteria.map((c) => c.id)).toEqual(['correctness', 'helpfulness', 'safety']);
    for (const criterion of payload.rubric.criteria) {
      expect(criterion.scale).toEqual({ min: 1, max: 7 });
      expect(criterion.description.length).toBeGreaterThan(40);
    }
  });
});

describe('the reasoning demo', () => {
  const { task, payload } = demoOfKind('reasoning');

  it('has 10 steps (the keyboard walk-through of issue 7), a visible reference answer and a different (wrong) model answer', () => {
    expect(payload.modelSteps).toHaveLength(10);
    expect(payload.mode).toBe('first_error');
    expect(payload.showReference).toBe(true);
    expect(payload.referenceAnswer).toBe('63');
    expect(payload.modelAnswer).toBe('16');
    expect(new Set(payload.modelSteps.map((s) => s.id)).size).toBe(payload.modelSteps.length);
  });

  it('makes its first error in a middle step: the product is 2024, not 2024^2', () => {
    const firstError = payload.modelSteps.findIndex((s) => s.content.includes('(m - 2024)(n - 2024) = 2024.'));
    expect(firstError).toBeGreaterThan(0);
    expect(firstError).toBeLessThan(payload.modelSteps.length - 1);
    // The reference answer is the divisor count of 2024^2 = 2^6 * 11^2 * 23^2.
    expect((6 + 1) * (2 + 1) * (2 + 1)).toBe(Number(payload.referenceAnswer));
  });

  it('explains the -1 / 0 / +1 scale', () => {
    expect(task.guidelines).toContain('**+1**');
    expect(task.guidelines).toContain('**0**');
    expect(task.guidelines).toContain('**−1**');
  });
});

describe('the trajectory demo', () => {
  const { payload } = demoOfKind('trajectory');

  it('has a small repository and 5-7 steps', () => {
    expect(payload.repository.files.length).toBeGreaterThanOrEqual(2);
    expect(payload.repository.files.length).toBeLessThanOrEqual(3);
    expect(payload.steps.length).toBeGreaterThanOrEqual(5);
    expect(payload.steps.length).toBeLessThanOrEqual(7);
    for (const step of payload.steps) {
      expect(step.thought).not.toBe('');
      expect(step.action).not.toBe('');
      expect(step.observation).not.toBe('');
    }
  });

  it('has edits that apply in order, each starting from the file as the previous step left it', () => {
    const files = new Map(payload.repository.files.map((f) => [f.path, f.content]));
    const edits = payload.steps.flatMap((s) => s.edits);
    expect(edits.length).toBeGreaterThanOrEqual(3);
    for (const edit of edits) {
      expect(files.get(edit.path), edit.path).toBe(edit.before);
      expect(edit.after).not.toBe(edit.before);
      files.set(edit.path, edit.after);
    }
    expect(files.get('slugkit/slugify.py')).toContain('unicodedata.normalize("NFKD"');
    expect(files.get('tests/test_slugify.py')).toContain('"creme-brulee"');
  });

  it('has one wrong step whose test run shows the breakage', () => {
    const failing = payload.steps.filter((s) => /\b1 failed\b/.test(s.observation));
    expect(failing).toHaveLength(1);
    expect(payload.steps.at(-1)?.observation).toMatch(/8 passed/);
  });
});

import { describe, expect, it } from 'vitest';
import { trajectoryAnnotationSchema, trajectoryPayloadSchema, trajectoryStepSchema, type TrajectoryStep } from '@shared/domain';
import {
  actionSummary,
  addNewStep,
  editorCallOf,
  effectivePatch,
  effectiveSteps,
  languageOf,
  removeNewStep,
  replaceStep,
  rewriteFrom,
  runIsEdited,
  setFinalPatch,
  setStepComment,
  setStepLabel,
  toggleFirstWrong,
  toolOf,
  undoRewrite,
} from '@shared/trajectory';

const step = (id: string, extra: Partial<TrajectoryStep> = {}): TrajectoryStep => trajectoryStepSchema.parse({ id, action: `echo ${id}`, ...extra });
const payload = trajectoryPayloadSchema.parse({
  kind: 'trajectory',
  problemStatement: 'p',
  repository: { name: 'r' },
  steps: [step('step-1'), step('step-2'), step('step-3')],
  patch: 'run patch',
});
const fresh = () => trajectoryAnnotationSchema.parse({ kind: 'trajectory' });

describe('the corrected run', () => {
  it('applies edits in place, drops the tail after a rewrite and appends the expert steps, numbered from 1', () => {
    let a = replaceStep(fresh(), { ...payload.steps[0]!, thought: 'edited' });
    a = rewriteFrom(a, 'step-2');
    const added = addNewStep(a);
    a = replaceStep(added.annotation, { ...added.annotation.newSteps[0]!, action: 'mine' });
    const run = effectiveSteps(payload, a);
    expect(run.map((s) => [s.number, s.step.id, s.origin])).toEqual([
      [1, 'step-1', 'edited'],
      [2, 'step-2', 'original'],
      [3, 'new-1', 'new'],
    ]);
    expect(run[0]?.step.thought).toBe('edited');
    expect(run[2]?.step.action).toBe('mine');
    expect(runIsEdited(payload, a)).toBe(true);
    expect(effectiveSteps(payload, undoRewrite(a)).map((s) => s.step.id)).toEqual(['step-1', 'step-2', 'step-3']);
    expect(effectiveSteps(payload, removeNewStep(a, 'new-1')).map((s) => s.step.id)).toEqual(['step-1', 'step-2']);
  });

  it('an untouched annotation is not an edit; rewriting after the last step is not one either', () => {
    expect(runIsEdited(payload, fresh())).toBe(false);
    expect(runIsEdited(payload, rewriteFrom(fresh(), 'step-3'))).toBe(false);
  });

  it('the final patch: the run’s own until the expert changes it, an emptied patch stays empty, old drafts keep theirs', () => {
    expect(effectivePatch(payload, fresh())).toBe('run patch');
    expect(effectivePatch(payload, setFinalPatch(fresh(), ''))).toBe('');
    expect(effectivePatch(payload, trajectoryAnnotationSchema.parse({ kind: 'trajectory', finalPatch: 'old draft patch' }))).toBe('old draft patch');
  });

  it('labels, comments and the first wrong step; unchanged edits return the same object (no undo step)', () => {
    const a = setStepLabel(fresh(), 'step-1', 'good');
    expect(setStepLabel(a, 'step-1', 'good')).toBe(a);
    expect(setStepLabel(a, 'step-1', null).stepLabels).toEqual({});
    const wrong = toggleFirstWrong(a, 'step-2');
    expect(wrong).toMatchObject({ firstWrongStepId: 'step-2', stepLabels: { 'step-1': 'good', 'step-2': 'bad' } });
    expect(toggleFirstWrong(wrong, 'step-2').firstWrongStepId).toBeNull();
    const c = setStepComment(a, 'step-1', 'why');
    expect(c.stepComments).toEqual({ 'step-1': 'why' });
    expect(setStepComment(c, 'step-1', 'why')).toBe(c);
    expect(setStepComment(c, 'step-1', '').stepComments).toEqual({});
  });
});

describe('step summaries', () => {
  it('names the tool from the structured call, else the first word of the action', () => {
    expect(toolOf(step('a', { toolCalls: [{ id: '', name: 'str_replace_editor', arguments: '{}' }] }))).toBe('str_replace_editor');
    expect(toolOf(step('a', { action: 'find_file x.py' }))).toBe('find_file');
    expect(toolOf(step('a', { action: '' }))).toBe('message');
  });

  it('one line, no control characters, shortened', () => {
    expect(actionSummary(step('a', { action: '\n  ls -la\u001b[2J\u0007\nmore' }))).toBe('ls -la');
    expect([...actionSummary(step('a', { action: 'x'.repeat(500) }))]).toHaveLength(120);
  });

  it('python for python tools, shell otherwise; editor calls as path and old/new text', () => {
    expect(languageOf(step('a', { toolCalls: [{ id: '', name: 'execute_ipython_cell', arguments: '{"code":"1"}' }] }))).toBe('python');
    expect(languageOf(step('a'))).toBe('shell');
    const edit = step('a', { toolCalls: [{ id: '', name: 'str_replace_editor', arguments: JSON.stringify({ command: 'str_replace', path: '/repo/a.py', old_str: 'x', new_str: 'y' }) }] });
    expect(editorCallOf(edit)).toEqual({ command: 'str_replace', path: '/repo/a.py', oldText: 'x', newText: 'y' });
    expect(editorCallOf(step('a', { toolCalls: [{ id: '', name: 'str_replace_editor', arguments: 'not json' }] }))).toBeNull();
  });
});

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyAnnotationFor, type Annotation, type Task } from '@shared/domain';
import { exportFormatSchema, type ExportFormat } from '@shared/formats/exportAnnotations';
import { dispatch } from '@shared/ipc';
import { rankingAnnotation, rankingTask, reasoningAnnotation, reasoningTask, toJsonl, trajectoryTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { startTestCore, type TestCore } from '../../support/testCore';

const tempDir = useTempDirs();
let core: TestCore | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

const annotationFor = (task: Task): Annotation =>
  task.payload.kind === 'ranking' ? rankingAnnotation(`because ${task.id}`) : task.payload.kind === 'reasoning' ? reasoningAnnotation('42') : emptyAnnotationFor(task.payload);

/**
 * A real core (encrypted store, the contract's dispatch) whose "save dialog" answers what `answer` says: the path the
 * person chose, or null when they dismissed it. Every suggested name is recorded.
 */
const coreWithDialog = (answer: (suggestedName: string) => string | null) => {
  const suggested: string[] = [];
  core = startTestCore(tempDir(), {
    chooseSavePath: async (name) => {
      suggested.push(name);
      return answer(name);
    },
  });
  return { core, suggested };
};

/** `count` tasks of the given kinds imported and submitted, except each fifth (a draft, not exported). */
const submitWork = async (target: TestCore, count: number, kinds: readonly Task['payload']['kind'][] = ['ranking', 'reasoning', 'trajectory']) => {
  const tasks = Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length];
    const id = `t${String(i).padStart(4, '0')}`;
    return kind === 'ranking' ? rankingTask(id) : kind === 'reasoning' ? reasoningTask(id) : trajectoryTask(id);
  });
  await target.call('importTasks', { fileName: 'work.jsonl', text: toJsonl(tasks) });
  for (const [i, task] of tasks.entries()) {
    await target.call('saveDraft', { taskId: task.id, annotation: annotationFor(task), activeSeconds: 5 });
    if (i % 5 !== 4) await target.call('submitTask', { taskId: task.id });
  }
};

/** Begins an export, lets the dialog choose, and writes chunk after chunk until done; the file's folder after each chunk. */
const exportToFile = async (target: TestCore, format: ExportFormat, project?: string) => {
  const begun = await target.call('beginExport', { format, ...(project ? { project } : {}) });
  const choice = await target.call('chooseExportFile', { exportId: begun.exportId });
  const steps = [];
  if (choice.status === 'chosen') {
    for (;;) {
      const step = await target.call('writeExport', { exportId: begun.exportId });
      steps.push(step);
      if (step.done) break;
    }
  }
  return { begun, choice, steps, last: steps.at(-1) };
};

describe('an export the core writes to the file chosen in the save dialog', () => {
  it('writes, for every registered format, the same bytes as the whole-file export, and nothing else in the folder', async () => {
    const folder = tempDir();
    const { core: c, suggested } = coreWithDialog((name) => join(folder, `chosen-${name}`));
    await submitWork(c, 40);
    for (const format of exportFormatSchema.options) {
      const { begun, choice, steps, last } = await exportToFile(c, format);
      expect(suggested.at(-1), format).toBe(begun.fileName);
      expect(choice, format).toEqual({ status: 'chosen', fileName: `chosen-${begun.fileName}` });
      const whole = await c.call('exportAnnotations', { format });
      const target = join(folder, `chosen-${begun.fileName}`);
      if (whole.tasks === 0) {
        // A format that takes none of these kinds writes no file at all.
        expect(last, format).toMatchObject({ done: true, saved: false, exported: 0 });
        expect(existsSync(target), format).toBe(false);
        continue;
      }
      expect(last, format).toMatchObject({ done: true, saved: true, exported: whole.tasks, considered: 32 });
      expect(steps.length, format).toBeGreaterThan(0);
      expect(readFileSync(target).equals(Buffer.from(whole.text, 'utf8')), format).toBe(true);
    }
    // Only the finished files: no temporary file was left beside any of them.
    expect(readdirSync(folder).every((name) => name.startsWith('chosen-'))).toBe(true);
    expect(readdirSync(folder).length).toBeGreaterThan(5);
  });

  it('writes a chunk at a time to a temporary file beside the target, which appears only when the last chunk is in', async () => {
    const folder = tempDir();
    const target = join(folder, 'big.jsonl');
    const { core: c } = coreWithDialog(() => target);
    await submitWork(c, 260, ['ranking']);
    const { exportId } = await c.call('beginExport', { format: 'canonical-annotations-jsonl' });
    await c.call('chooseExportFile', { exportId });
    const sizes: number[] = [];
    for (;;) {
      const step = await c.call('writeExport', { exportId });
      if (step.done) break;
      expect(existsSync(target)).toBe(false);
      const partial = readdirSync(folder);
      expect(partial).toHaveLength(1);
      expect(partial[0]).toMatch(/^\.big\.jsonl\.[0-9a-f]{12}\.assay-partial$/);
      sizes.push(statSync(join(folder, partial[0]!)).size);
    }
    // 208 submitted tasks at 100 a page: two chunks on disk before the last, each adding to the file.
    expect(sizes.length).toBe(2);
    expect(sizes[0]).toBeGreaterThan(0);
    expect(sizes[1]).toBeGreaterThan(sizes[0]!);
    expect(readdirSync(folder)).toEqual(['big.jsonl']);
    expect(readFileSync(target, 'utf8')).toBe((await c.call('exportAnnotations', { format: 'canonical-annotations-jsonl' })).text);
  });

  it('cancelled halfway, leaves no file and no temporary file, and the file it would have replaced as it was', async () => {
    const folder = tempDir();
    const target = join(folder, 'keep.jsonl');
    writeFileSync(target, 'the old export\n');
    const { core: c } = coreWithDialog(() => target);
    await submitWork(c, 260, ['ranking']);
    const { exportId } = await c.call('beginExport', { format: 'dpo-jsonl' });
    await c.call('chooseExportFile', { exportId });
    expect((await c.call('writeExport', { exportId })).done).toBe(false);
    expect(readdirSync(folder)).toHaveLength(2);
    expect(await c.call('cancelExport', { exportId })).toEqual({ cancelled: true });
    expect(readdirSync(folder)).toEqual(['keep.jsonl']);
    expect(readFileSync(target, 'utf8')).toBe('the old export\n');
    const again = await dispatch(c.handlers, 'writeExport', { exportId });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('replaces the chosen file only once the export is complete', async () => {
    const folder = tempDir();
    const target = join(folder, 'replace.jsonl');
    writeFileSync(target, 'the old export\n');
    const { core: c } = coreWithDialog(() => target);
    await submitWork(c, 10, ['ranking']);
    const { last } = await exportToFile(c, 'dpo-jsonl');
    expect(last).toMatchObject({ done: true, saved: true, exported: 8 });
    expect(readFileSync(target, 'utf8')).toBe((await c.call('exportAnnotations', { format: 'dpo-jsonl' })).text);
    expect(readdirSync(folder)).toEqual(['replace.jsonl']);
  });

  it('fails the whole export when a task cannot be written, leaving nothing', async () => {
    const folder = tempDir();
    const { core: c } = coreWithDialog(() => join(folder, 'hh.jsonl'));
    const tasks = Array.from({ length: 230 }, (_, i) => rankingTask(`r${String(i).padStart(3, '0')}`));
    const first = tasks[0]!;
    // The first task submitted has a system turn, which hh-rlhf cannot write; the inbox lists it last, so the export
    // fails on its third chunk, after two were written.
    const withSystem: Task = { ...first, payload: { ...(first.payload as Extract<Task['payload'], { kind: 'ranking' }>), conversation: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] } };
    const all = [withSystem, ...tasks.slice(1)];
    await c.call('importTasks', { fileName: 'r.jsonl', text: toJsonl(all) });
    for (const task of all) {
      await c.call('saveDraft', { taskId: task.id, annotation: rankingAnnotation('x'), activeSeconds: 1 });
      await c.call('submitTask', { taskId: task.id });
    }
    const { exportId } = await c.call('beginExport', { format: 'hh-rlhf-jsonl' });
    await c.call('chooseExportFile', { exportId });
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const answer = await dispatch(c.handlers, 'writeExport', { exportId });
      answers.push(answer);
      if (!answer.ok) break;
      // Written so far: only the temporary file.
      expect(readdirSync(folder)).toEqual([expect.stringMatching(/^\.hh\.jsonl\..*\.assay-partial$/)]);
    }
    expect(answers).toHaveLength(3);
    expect(answers.slice(0, 2).every((a) => a.ok)).toBe(true);
    expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/hh-rlhf/) } });
    expect(readdirSync(folder)).toEqual([]);
    expect(await c.call('cancelExport', { exportId })).toEqual({ cancelled: false });
  });

  it('fails cleanly when the disk refuses the file (its folder removed mid-export): no file, no temporary file', async () => {
    const root = tempDir();
    const folder = join(root, 'gone');
    mkdirSync(folder);
    const { core: c } = coreWithDialog(() => join(folder, 'x.jsonl'));
    await submitWork(c, 30, ['ranking']);
    const { exportId } = await c.call('beginExport', { format: 'dpo-jsonl' });
    await c.call('chooseExportFile', { exportId });
    rmSync(folder, { recursive: true });
    const answer = await dispatch(c.handlers, 'writeExport', { exportId });
    expect(answer).toMatchObject({ ok: false, error: { code: 'storage_failed', message: expect.stringMatching(/x\.jsonl.*No file was written/) } });
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses to open a file in a folder it cannot write, and keeps nothing', async () => {
    const { core: c } = coreWithDialog(() => join(tempDir(), 'no-such-folder', 'x.jsonl'));
    await submitWork(c, 5, ['ranking']);
    const { exportId } = await c.call('beginExport', { format: 'dpo-jsonl' });
    const answer = await dispatch(c.handlers, 'chooseExportFile', { exportId });
    expect(answer).toMatchObject({ ok: false, error: { code: 'storage_failed', message: expect.stringMatching(/x\.jsonl.*Choose another folder/) } });
    expect(await dispatch(c.handlers, 'writeExport', { exportId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers dismissed when the dialog is closed, and unavailable where there is no dialog (the harness)', async () => {
    const { core: c } = coreWithDialog(() => null);
    await submitWork(c, 5, ['ranking']);
    const { exportId } = await c.call('beginExport', { format: 'dpo-jsonl' });
    expect(await c.call('chooseExportFile', { exportId })).toEqual({ status: 'dismissed' });
    // The chunks can still be read by the renderer, as in the harness.
    expect((await c.call('readExport', { exportId })).done).toBe(true);
    c.close();

    core = startTestCore(tempDir());
    await submitWork(core, 5, ['ranking']);
    const other = await core.call('beginExport', { format: 'dpo-jsonl' });
    expect(await core.call('chooseExportFile', { exportId: other.exportId })).toEqual({ status: 'unavailable' });
  });

  it('never takes a path from the renderer: the requests carry only the export id, and the chunks of a file export are not handed out', async () => {
    const folder = tempDir();
    const { core: c } = coreWithDialog(() => join(folder, 'chosen.jsonl'));
    await submitWork(c, 10, ['ranking']);
    const { exportId } = await c.call('beginExport', { format: 'dpo-jsonl' });
    const elsewhere = join(tempDir(), 'planted.jsonl');
    for (const name of ['chooseExportFile', 'writeExport'] as const) {
      for (const extra of [{ path: elsewhere }, { filePath: elsewhere }, { target: elsewhere }]) {
        expect(await dispatch(c.handlers, name, { exportId, ...extra })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    }
    expect(await dispatch(c.handlers, 'writeExport', { exportId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await c.call('chooseExportFile', { exportId });
    // A second choice for the same export, and reading its chunks as text, are refused.
    expect(await dispatch(c.handlers, 'chooseExportFile', { exportId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch(c.handlers, 'readExport', { exportId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await c.call('writeExport', { exportId })).saved).toBe(true);
    expect(existsSync(elsewhere)).toBe(false);
    expect(readdirSync(folder)).toEqual(['chosen.jsonl']);
  });

  it('refuses a relative path from the dialog, and an export cancelled while the dialog was open opens no file', async () => {
    const folder = tempDir();
    let release: (path: string | null) => void = () => {};
    core = startTestCore(tempDir(), { chooseSavePath: () => new Promise((resolve) => (release = resolve)) });
    await submitWork(core, 5, ['ranking']);
    const relative = await core.call('beginExport', { format: 'dpo-jsonl' });
    const asking = dispatch(core.handlers, 'chooseExportFile', { exportId: relative.exportId });
    release('relative/x.jsonl');
    expect(await asking).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const later = await core.call('beginExport', { format: 'dpo-jsonl' });
    const waiting = dispatch(core.handlers, 'chooseExportFile', { exportId: later.exportId });
    await core.call('cancelExport', { exportId: later.exportId });
    release(join(folder, 'late.jsonl'));
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('drops an unfinished export\'s temporary file when the core closes', async () => {
    const folder = tempDir();
    const { core: c } = coreWithDialog(() => join(folder, 'open.jsonl'));
    await submitWork(c, 260, ['ranking']);
    const { exportId } = await c.call('beginExport', { format: 'dpo-jsonl' });
    await c.call('chooseExportFile', { exportId });
    await c.call('writeExport', { exportId });
    expect(readdirSync(folder)).toHaveLength(1);
    c.close();
    core = null;
    expect(readdirSync(folder)).toEqual([]);
  });
});

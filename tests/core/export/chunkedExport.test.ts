import { emptyAnnotationFor, type Annotation, type Task } from '@shared/domain';
import { exportAnnotations, exportFormatSchema, type ExportFormat } from '@shared/formats/exportAnnotations';
import { afterEach, describe, expect, it } from 'vitest';
import { annotatedTaskOf, createChunkedExports } from '../../../electron/core/export/chunkedExport';
import type { Store } from '../../../electron/core/store/store';
import { putTasks, saveDraft, submitTask } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask, reasoningAnnotation, reasoningTask, trajectoryTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
afterEach(() => store?.close());

const annotationFor = (task: Task): Annotation =>
  task.payload.kind === 'ranking' ? rankingAnnotation(`because ${task.id}`) : task.payload.kind === 'reasoning' ? reasoningAnnotation('42') : emptyAnnotationFor(task.payload);

/** `count` tasks of the three kinds, every one submitted except each fifth (left as a draft: not exported). */
const storeWithWork = (count: number, kinds: readonly Task['payload']['kind'][] = ['ranking', 'reasoning', 'trajectory']): Store => {
  store = openTestStore(tempDir()).store;
  const tasks = Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length];
    const id = `t${String(i).padStart(4, '0')}`;
    return kind === 'ranking' ? rankingTask(id) : kind === 'reasoning' ? reasoningTask(id) : trajectoryTask(id);
  });
  putTasks(store, tasks, 'import');
  tasks.forEach((task, i) => {
    saveDraft(store, { taskId: task.id, annotation: annotationFor(task), activeSeconds: 5 });
    if (i % 5 !== 4) submitTask(store, task.id);
  });
  return store;
};

/** The file exportAnnotations writes for all the submitted work at once (what the core answered before streaming). */
const wholeFile = (format: ExportFormat): string => {
  const ids = (['submitted', 'accepted'] as const).flatMap((status) => store.tasks.list({ status }).map((s) => s.id));
  const items = ids.flatMap((id) => annotatedTaskOf(store, id) ?? []);
  const file = exportAnnotations(items, format, new Date().toISOString().slice(0, 10));
  if (!file.ok) throw new Error(file.error.message);
  return file.value.text;
};

const streamAll = (exports: ReturnType<typeof createChunkedExports>, format: ExportFormat) => {
  const begun = exports.begin(format, undefined);
  const chunks: string[] = [];
  let last;
  do {
    last = exports.next(begun.exportId);
    chunks.push(last.text);
  } while (!last.done);
  return { begun, chunks, last };
};

describe('an export written a page at a time', () => {
  it('writes, for every registered format, exactly the file written at once', () => {
    storeWithWork(40);
    const exports = createChunkedExports(store, { pageTasks: 3 });
    for (const format of exportFormatSchema.options) {
      const { chunks, last, begun } = streamAll(exports, format);
      expect(chunks.join(''), format).toBe(wholeFile(format));
      expect(chunks.length, format).toBeGreaterThan(5);
      expect(begun.total).toBe(32);
      expect(last.considered).toBe(32);
    }
    expect(exports.running()).toBe(0);
  });

  it('writes a single trajectory in its own source document, as before', () => {
    storeWithWork(1, ['trajectory']);
    const { chunks, begun } = streamAll(createChunkedExports(store, { pageTasks: 3 }), 'trajectory-source');
    expect(chunks.join('')).toBe(wholeFile('trajectory-source'));
    expect(begun.fileName).toMatch(/\.json$/);
    // and several runs, one page holding just one of them, stay one per line
    store.close();
    storeWithWork(7, ['trajectory']);
    const many = streamAll(createChunkedExports(store, { pageTasks: 1 }), 'trajectory-source');
    expect(many.chunks.join('')).toBe(wholeFile('trajectory-source'));
    expect(many.chunks.join('').trim().split('\n')).toHaveLength(6);
  });

  it('holds at most one page of tasks at a time, however many there are', () => {
    storeWithWork(200, ['ranking']);
    const held: number[] = [];
    const { last } = streamAll(createChunkedExports(store, { pageTasks: 10, onPageHeld: (n) => held.push(n) }), 'dpo-jsonl');
    expect(last.exported).toBe(160);
    expect(Math.max(...held)).toBe(10);
    expect(held.length).toBeGreaterThanOrEqual(160 / 10);
  });

  it('forgets a cancelled export: reading on is refused', () => {
    storeWithWork(30, ['ranking']);
    const exports = createChunkedExports(store, { pageTasks: 5 });
    const { exportId } = exports.begin('dpo-jsonl', undefined);
    expect(exports.next(exportId).done).toBe(false);
    expect(exports.cancel(exportId)).toEqual({ cancelled: true });
    expect(exports.running()).toBe(0);
    expect(() => exports.next(exportId)).toThrow(/no longer running/);
    expect(exports.cancel(exportId)).toEqual({ cancelled: false });
  });

  it('fails the whole export when a task cannot be written, and forgets it', () => {
    store = openTestStore(tempDir()).store;
    const tasks = Array.from({ length: 12 }, (_, i) => rankingTask(`r${String(i).padStart(2, '0')}`));
    const withSystem: Task = { ...tasks[11]!, payload: { ...(tasks[11]!.payload as Extract<Task['payload'], { kind: 'ranking' }>), conversation: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] } };
    putTasks(store, [...tasks.slice(0, 11), withSystem], 'import');
    for (const task of [...tasks.slice(0, 11), withSystem]) {
      saveDraft(store, { taskId: task.id, annotation: rankingAnnotation('x'), activeSeconds: 1 });
      submitTask(store, task.id);
    }
    const exports = createChunkedExports(store, { pageTasks: 4 });
    const { exportId } = exports.begin('hh-rlhf-jsonl', undefined);
    expect(() => {
      for (;;) if (exports.next(exportId).done) break;
    }).toThrow(/hh-rlhf/);
    expect(exports.running()).toBe(0);
  });

  it('exports only the project asked for', () => {
    storeWithWork(10, ['ranking']);
    const other = rankingTask('elsewhere', 'Explain elsewhere.', 'omega');
    putTasks(store, [other], 'import');
    saveDraft(store, { taskId: other.id, annotation: rankingAnnotation('x'), activeSeconds: 1 });
    submitTask(store, other.id);
    const exports = createChunkedExports(store);
    const { exportId, total } = exports.begin('canonical-annotations-jsonl', 'omega');
    expect(total).toBe(1);
    const chunk = exports.next(exportId);
    expect(chunk).toMatchObject({ done: true, exported: 1 });
    expect(chunk.text).toContain('"elsewhere"');
  });
});

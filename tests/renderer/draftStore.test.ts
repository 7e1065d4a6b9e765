import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppFailure, rankingAnnotationSchema, type OpenTask, type RankingAnnotation } from '@shared/domain';
import { demoTasks } from '@shared/demo';
import { setApi } from '../../renderer/src/api';
import { useDraftStore } from '../../renderer/src/features/workspace/draftStore';
import { createFakeApi } from '../support/fakeApi';

const task = demoTasks.find((t) => t.payload.kind === 'ranking')!;
const ids = task.payload.kind === 'ranking' ? task.payload.responses.map((r) => r.id) : [];
const start = rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: ids });
const opened: OpenTask = { task, status: 'new', draft: null, submission: null, review: null, revoked: false };
const justify = (text: string) => (a: RankingAnnotation) => ({ ...a, justification: text });
const edit = (change: (a: RankingAnnotation) => RankingAnnotation, key?: string) =>
  useDraftStore.getState().edit((a) => (a.kind === 'ranking' ? change(a) : a), key);
const justification = () => {
  const a = useDraftStore.getState().annotation;
  return a?.kind === 'ranking' ? a.justification : null;
};

describe('the draft of the open task', () => {
  const saved: RankingAnnotation[] = [];
  let failSaves = false;
  beforeEach(() => {
    vi.useFakeTimers();
    saved.length = 0;
    failSaves = false;
    const { api } = createFakeApi({
      saveDraft: async ({ taskId, annotation, activeSeconds }) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (failSaves) throw new AppFailure('storage_failed', 'disk full');
        saved.push(annotation as RankingAnnotation);
        return { taskId, annotation, activeSeconds, revision: saved.length, savedAt: '2026-11-23T10:00:00.000Z' };
      },
    });
    setApi(api);
    useDraftStore.getState().open(opened, start);
  });
  afterEach(() => vi.useRealTimers());

  it('saves the latest state once typing pauses, not every keystroke', async () => {
    for (const text of ['A', 'A is', 'A is right']) edit(justify(text), 'justification');
    expect(useDraftStore.getState().saveState).toBe('dirty');
    await vi.advanceTimersByTimeAsync(500);
    expect(saved.map((a) => a.justification)).toEqual(['A is right']);
    expect(useDraftStore.getState()).toMatchObject({ saveState: 'saved', revision: 1 });
  });

  it('undoes a burst of typing in one step, and redoes it', () => {
    edit((a) => ({ ...a, flags: { ...a.flags, allBad: true } }));
    for (const text of ['x', 'xy', 'xyz']) edit(justify(text), 'justification');
    useDraftStore.getState().undo();
    expect(justification()).toBe('');
    useDraftStore.getState().undo();
    const a = useDraftStore.getState().annotation;
    expect(a?.kind === 'ranking' && a.flags.allBad).toBe(false);
    useDraftStore.getState().redo();
    useDraftStore.getState().redo();
    expect(justification()).toBe('xyz');
  });

  it('starts a new undo step after a pause in typing', () => {
    edit(justify('first'), 'justification');
    vi.advanceTimersByTime(2000);
    edit(justify('first second'), 'justification');
    useDraftStore.getState().undo();
    expect(justification()).toBe('first');
  });

  it('sends one save at a time, and what changed during a save right after it', async () => {
    edit(justify('one'));
    const first = useDraftStore.getState().flush();
    edit(justify('two'));
    const second = useDraftStore.getState().flush();
    await vi.advanceTimersByTimeAsync(200);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(saved.map((a) => a.justification)).toEqual(['one', 'two']);
  });

  it('keeps the work of a task left while its save failed, and recovers it when the task reopens', async () => {
    failSaves = true;
    edit(justify('precious'));
    const closing = useDraftStore.getState().close();
    await vi.advanceTimersByTimeAsync(100);
    await closing;
    expect(useDraftStore.getState().annotation).toBeNull();

    failSaves = false;
    useDraftStore.getState().open(opened, start);
    expect(justification()).toBe('precious');
    await vi.advanceTimersByTimeAsync(600);
    expect(saved.at(-1)?.justification).toBe('precious');
  });

  it('does not blank a task opened while the previous one was still saving', async () => {
    edit(justify('old task'));
    const closing = useDraftStore.getState().close();
    const other = { ...opened, task: { ...task, id: 'another-task' } };
    useDraftStore.getState().open(other, start);
    await vi.advanceTimersByTimeAsync(100);
    await closing;
    expect(useDraftStore.getState().taskId).toBe('another-task');
    expect(useDraftStore.getState().annotation).not.toBeNull();
  });

  it('refuses edits once the task is submitted (read-only)', () => {
    useDraftStore.getState().open({ ...opened, status: 'submitted' }, start);
    edit(justify('late change'));
    expect(justification()).toBe('');
    expect(useDraftStore.getState().readOnly).toBe(true);
  });
});

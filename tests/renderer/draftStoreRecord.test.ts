import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenTask, ReasoningAnnotation } from '@shared/domain';
import { demoTasks } from '@shared/demo';
import { addStepSeconds, rateStep, startReasoningAnnotation } from '@shared/reasoning';
import { setApi } from '../../renderer/src/api';
import { useDraftStore } from '../../renderer/src/features/workspace/draftStore';
import { createFakeApi } from '../support/fakeApi';

const task = demoTasks.find((t) => t.payload.kind === 'reasoning')!;
const payload = task.payload.kind === 'reasoning' ? task.payload : null!;
const opened: OpenTask = { task, status: 'new', draft: null, submission: null, review: null, revoked: false };
const current = () => useDraftStore.getState().annotation as ReasoningAnnotation;
const edit = (change: (a: ReasoningAnnotation) => ReasoningAnnotation) => useDraftStore.getState().edit((a) => (a.kind === 'reasoning' ? change(a) : a));
const tick = (stepId: string) => useDraftStore.getState().record((a) => (a.kind === 'reasoning' ? addStepSeconds(a, stepId, 1) : a));

describe('bookkeeping recorded beside the undo history (per-step active time)', () => {
  const saved: ReasoningAnnotation[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    saved.length = 0;
    const { api } = createFakeApi({
      saveDraft: async ({ taskId, annotation, activeSeconds }) => {
        saved.push(annotation as ReasoningAnnotation);
        return { taskId, annotation, activeSeconds, revision: saved.length, savedAt: '2026-11-30T10:00:00.000Z' };
      },
    });
    setApi(api);
    useDraftStore.getState().open(opened, startReasoningAnnotation(payload));
  });
  afterEach(() => vi.useRealTimers());

  it('is not an undo step, and undo and redo never take it back', () => {
    tick('step-1');
    edit((a) => rateStep(payload, a, 'step-1', 1));
    tick('step-2');
    tick('step-2');
    edit((a) => rateStep(payload, a, 'step-2', -1));
    tick('step-3');
    expect(useDraftStore.getState().past).toHaveLength(2);
    useDraftStore.getState().undo();
    expect(current().stepRatings).toEqual({ 'step-1': 1 });
    expect(current().stepSeconds).toEqual({ 'step-1': 1, 'step-2': 2, 'step-3': 1 });
    useDraftStore.getState().undo();
    expect(current().stepRatings).toEqual({});
    expect(current().stepSeconds).toEqual({ 'step-1': 1, 'step-2': 2, 'step-3': 1 });
    useDraftStore.getState().redo();
    expect(current().stepSeconds).toEqual({ 'step-1': 1, 'step-2': 2, 'step-3': 1 });
  });

  it('goes out with the next save, without a save of its own', async () => {
    tick('step-1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toHaveLength(0);
    edit((a) => rateStep(payload, a, 'step-1', 1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved.at(-1)?.stepSeconds).toEqual({ 'step-1': 1 });
  });

  it('is refused once the task is read-only', () => {
    useDraftStore.getState().open({ ...opened, status: 'submitted' }, startReasoningAnnotation(payload));
    tick('step-1');
    expect(current().stepSeconds).toEqual({});
  });
});

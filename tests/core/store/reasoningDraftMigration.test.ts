import { afterEach, describe, expect, it } from 'vitest';
import type { ReasoningAnnotation } from '@shared/domain';
import type { Store } from '../../../electron/core/store/store';
import { putTasks } from '../../../electron/core/store/workflow';
import { reasoningTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
afterEach(() => store?.close());

describe('a reasoning draft saved before issue 7, read from the real store', () => {
  it('opens with its rewrite anchored at the first error and the new fields at their defaults', () => {
    store = openTestStore(tempDir()).store;
    putTasks(store, [reasoningTask('r1')], 'import');
    // The exact JSON the previous version wrote: no rewriteFromStepId, flags, note, times or acknowledgement.
    const old = { kind: 'reasoning', stepRatings: { s1: -1 }, firstErrorStepId: 's1', authoredSteps: [{ id: 'a1', content: 'Fixed: $x = 2$.' }], finalAnswer: '2', finishReason: 'found_error' };
    store.db
      .prepare('INSERT INTO drafts (task_id, revision, annotation_json, active_seconds, saved_at) VALUES (?, 1, ?, 30, ?)')
      .run('r1', JSON.stringify(old), '2026-11-20T10:00:00.000Z');
    const draft = store.drafts.get('r1')!;
    const a = draft.annotation as ReasoningAnnotation;
    expect(a).toEqual({
      ...old,
      rewriteFromStepId: 's1',
      flaggedStepIds: [],
      acknowledgedAnswer: null,
      note: '',
      stepSeconds: {},
    });
    expect(draft.activeSeconds).toBe(30);
  });
});

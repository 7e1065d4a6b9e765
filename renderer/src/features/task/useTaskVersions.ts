import { useEffect, useRef, useState } from 'react';
import type { OpenTask } from '@shared/domain';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { useDraftStore } from '../workspace/draftStore';
import { initialAnnotation } from '../workspace/initialAnnotation';

export interface TaskPageState {
  task: OpenTask | null;
  error: string | null;
}

/**
 * The task page's dealings with task versions, for every kind: a newer version arriving (live, from a sync), the
 * choice to keep the draft's version or start over, and viewing an earlier draft read-only.
 */
export function useTaskVersions(taskId: string, annotatorId: string, state: TaskPageState, setState: (next: TaskPageState) => void) {
  /** An earlier draft open read-only, with the task version it was made against; null for the current draft. */
  const [viewing, setViewing] = useState<{ revision: number; open: OpenTask } | null>(null);
  const [busy, setBusy] = useState(false);
  const viewingRef = useRef(false);
  viewingRef.current = viewing !== null;
  const stateRef = useRef(state);
  stateRef.current = state;

  // A sync may bring a newer version of this task while it is open: the notice appears at once; with no work on
  // it yet, the page simply moves to the new version.
  useEffect(
    () =>
      api().onEvent((event) => {
        if (event.type !== 'tasksChanged' || !event.pulled?.includes(taskId) || viewingRef.current) return;
        void api()
          .openTask({ id: taskId })
          .then((r) => {
            if (!r.ok) return;
            const shown = stateRef.current.task;
            if (!shown) return;
            const draft = useDraftStore.getState();
            // No draft saved and no edit made (the fresh annotation was never changed).
            const untouched = r.value.draft === null && draft.revision === 0 && draft.past.length === 0 && draft.saveState === 'saved';
            if (r.value.task.version !== shown.task.version && untouched) {
              draft.open(r.value, initialAnnotation(r.value.task, annotatorId));
              setState({ task: r.value, error: null });
              return;
            }
            const notice = { newerVersion: r.value.newerVersion ?? null, history: r.value.history ?? [] };
            if (JSON.stringify(notice) === JSON.stringify({ newerVersion: shown.newerVersion ?? null, history: shown.history ?? [] })) return;
            setState({ task: { ...shown, ...notice }, error: null });
          });
      }),
    [taskId, annotatorId, setState],
  );

  /** Makes `opened` the current draft again (after a choice about versions, or leaving an earlier draft). */
  const reopen = (opened: OpenTask) => {
    useDraftStore.getState().open(opened, initialAnnotation(opened.task, annotatorId));
    setViewing(null);
    setState({ task: opened, error: null });
  };

  const resolveVersion = async (choice: 'keep' | 'start_over') => {
    setBusy(true);
    try {
      // The last edits land in the draft being kept or set aside.
      if (!(await useDraftStore.getState().flush())) return;
      const result = await api().resolveTaskVersion({ taskId, choice });
      if (!result.ok) return useAppStore.getState().notify('error', result.error.message, result.error.detail);
      reopen(result.value);
      if (choice === 'start_over') useAppStore.getState().notify('info', `Started over on version ${result.value.task.version}; your earlier draft is kept under Earlier drafts.`);
    } finally {
      setBusy(false);
    }
  };

  const viewRevision = async (revision: number | null) => {
    if (!state.task) return;
    // Leaving for an earlier draft saves the current one first; coming back reads it fresh from the store.
    if (!(await useDraftStore.getState().flush())) return;
    if (revision === null) {
      const current = await api().openTask({ id: taskId });
      if (!current.ok) return useAppStore.getState().notify('error', current.error.message, current.error.detail);
      return reopen(current.value);
    }
    const result = await api().openDraftRevision({ taskId, revision });
    if (!result.ok) return useAppStore.getState().notify('error', result.error.message, result.error.detail);
    const open: OpenTask = { ...state.task, task: result.value.task, draft: result.value.draft, newerVersion: null };
    useDraftStore.getState().open(open, result.value.draft.annotation, { readOnly: true });
    setViewing({ revision, open });
  };

  return { viewing, busy, resolveVersion, viewRevision };
}

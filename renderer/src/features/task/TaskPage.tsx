import { useEffect, useRef, useState } from 'react';
import type { OpenTask } from '@shared/domain';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { KIND_LABEL, STATUS_LABEL } from '../inbox/taskLabels';
import { RankingWorkspace } from '../ranking/RankingWorkspace';
import { useDraftStore } from '../workspace/draftStore';
import { initialAnnotation } from '../workspace/initialAnnotation';
import { SaveIndicator } from '../workspace/SaveIndicator';
import { useActiveTime } from '../workspace/useActiveTime';
import { useFlushOnLeave, useUndoRedoShortcuts } from '../workspace/workspaceHooks';
import { isOverlayOpen } from '../../ui/keyboardTargets';
import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';
import { ReviewBanner } from './ReviewBanner';
import { DraftHistory, TaskVersionBanner } from './TaskVersionBanner';
import { TaskPayloadView } from './TaskPayloadView';

export function TaskPage({ taskId }: { taskId: string }) {
  const navigate = useAppStore((s) => s.navigate);
  const annotatorId = useAppStore((s) => s.info?.annotatorId ?? 'local');
  const idleAfter = useAppStore((s) => s.settings?.idleAfterSeconds ?? 60);
  const [state, setState] = useState<{ task: OpenTask | null; error: string | null }>({ task: null, error: null });
  /** An earlier draft open read-only, with the task version it was made against; null for the current draft. */
  const [viewing, setViewing] = useState<{ revision: number; open: OpenTask } | null>(null);
  const [busy, setBusy] = useState(false);
  const viewingRef = useRef(false);
  viewingRef.current = viewing !== null;
  const stateRef = useRef(state);
  stateRef.current = state;
  // Submitting in this session moves the pill on without reopening the task.
  const status = useDraftStore((s) => (s.submittedHere ? 'submitted' : null)) ?? state.task?.status;
  useActiveTime(idleAfter);
  useUndoRedoShortcuts();
  useFlushOnLeave();

  useEffect(() => {
    let live = true;
    void api()
      .openTask({ id: taskId })
      .then((r) => {
        if (!live) return;
        if (r.ok) useDraftStore.getState().open(r.value, initialAnnotation(r.value.task, annotatorId));
        setState(r.ok ? { task: r.value, error: null } : { task: null, error: r.error.message });
      });
    return () => {
      live = false;
      void useDraftStore.getState().close();
    };
  }, [taskId, annotatorId]);

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
    [taskId, annotatorId],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !isOverlayOpen()) navigate({ page: 'inbox' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

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

  if (state.error) return <p className="empty-state" role="alert">{state.error}</p>;
  if (!state.task) return <p className="empty-state">Opening…</p>;
  const { task } = viewing?.open ?? state.task;
  const newer = viewing ? null : state.task.newerVersion;

  return (
    <article className={`task-page kind-page-${task.payload.kind}`} aria-labelledby="task-title">
      <header className="task-header">
        <button type="button" className="button ghost" onClick={() => navigate({ page: 'inbox' })} aria-label="Back to inbox (Escape)">
          ← Inbox
        </button>
        <div className="task-heading">
          <h1 id="task-title">{task.title}</h1>
          <div className="task-meta">
            <span className={`kind-badge kind-${task.payload.kind}`}>{KIND_LABEL[task.payload.kind]}</span>
            <span>{task.project}</span>
            {status && <span className={`status-pill status-${status}`}>{STATUS_LABEL[status]}</span>}
          </div>
        </div>
        <SaveIndicator />
      </header>
      {state.task.revoked && (
        <p className="revoked-banner" role="status">
          The lab withdrew this task. Your unsynced work on it is kept (see the sync panel); the task is read-only.
        </p>
      )}
      {newer && (
        <TaskVersionBanner
          draftVersion={task.version}
          newer={newer}
          readOnly={state.task.revoked || status === 'submitted' || status === 'accepted'}
          busy={busy}
          onKeep={() => void resolveVersion('keep')}
          onStartOver={() => void resolveVersion('start_over')}
        />
      )}
      {viewing && (
        <p className="history-notice" role="status">
          You are viewing your earlier draft on version {task.version} (read-only).{' '}
          <button type="button" className="link-button" onClick={() => void viewRevision(null)}>
            Back to the current draft
          </button>
        </p>
      )}
      <DraftHistory entries={state.task.history ?? []} viewing={viewing?.revision ?? null} onView={(r) => void viewRevision(r)} />
      {state.task.review && <ReviewBanner review={state.task.review} />}
      {task.guidelines && (
        <details className="guidelines">
          <summary>Guidelines</summary>
          <ModelMarkdown text={task.guidelines} />
        </details>
      )}
      {task.payload.kind === 'ranking' ? (
        <RankingWorkspace key={`${task.version}:${viewing?.revision ?? 'current'}`} payload={task.payload} />
      ) : (
        <TaskPayloadView payload={task.payload} />
      )}
    </article>
  );
}

import { useEffect, useState } from 'react';
import type { OpenTask } from '@shared/domain';
import { useAppStore } from '../../state/appStore';
import { STATUS_LABEL } from '../inbox/taskLabels';
import { useDraftStore } from '../workspace/draftStore';
import { initialAnnotation } from '../workspace/initialAnnotation';
import { SaveIndicator } from '../workspace/SaveIndicator';
import { useActiveTime } from '../workspace/useActiveTime';
import { useFlushOnLeave, useUndoRedoShortcuts } from '../workspace/workspaceHooks';
import { isOverlayOpen } from '../../ui/keyboardTargets';
import { TaskHeader } from './TaskHeader';
import { TaskWorkspace } from './TaskWorkspace';
import { openTaskData } from './taskPageLoader';
import { HistoryCheck } from '../review/HistoryCheck';
import { ReviewBanner } from './ReviewBanner';
import { DraftHistory, TaskVersionBanner } from './TaskVersionBanner';
import { useTaskVersions } from './useTaskVersions';

/** The trajectory workspace (and Monaco behind it) loads only when a trajectory task opens. */
export function TaskPage({ taskId }: { taskId: string }) {
  const navigate = useAppStore((s) => s.navigate);
  const annotatorId = useAppStore((s) => s.info?.annotatorId ?? 'local');
  const idleAfter = useAppStore((s) => s.settings?.idleAfterSeconds ?? 60);
  const [state, setState] = useState<{ task: OpenTask | null; error: string | null }>({ task: null, error: null });
  // Submitting in this session moves the pill on without reopening the task.
  const status = useDraftStore((s) => (s.submittedHere ? 'submitted' : null)) ?? state.task?.status;
  useActiveTime(idleAfter);
  useUndoRedoShortcuts();
  useFlushOnLeave();

  useEffect(() => {
    let live = true;
    void openTaskData(taskId).then((r) => {
      if (!live) return;
      // A task reopened at start that is gone since (withdrawn, data folder replaced): the inbox, not an error.
      if (!r.ok && useAppStore.getState().reopenedTaskId === taskId) return navigate({ page: 'inbox' });
      if (r.ok) useDraftStore.getState().open(r.value, initialAnnotation(r.value.task, annotatorId));
      setState(r.ok ? { task: r.value, error: null } : { task: null, error: r.error.message });
    });
    return () => {
      live = false;
      void useDraftStore.getState().close();
    };
  }, [taskId, annotatorId, navigate]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !isOverlayOpen()) navigate({ page: 'inbox' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const { viewing, busy, resolveVersion, viewRevision } = useTaskVersions(taskId, annotatorId, state, setState);

  if (state.error) return <p className="empty-state" role="alert">{state.error}</p>;
  if (!state.task) return <p className="empty-state">Opening…</p>;
  const { task } = viewing?.open ?? state.task;
  const newer = viewing ? null : state.task.newerVersion;

  return (
    // A new key per task version and per draft shown: the workspace starts afresh on another version or an earlier draft.
    <article key={`${task.version}:${viewing?.revision ?? 'current'}`} className={`task-page kind-page-${task.payload.kind}`} aria-labelledby="task-title">
      <TaskHeader
        task={task}
        back={{ label: '← Inbox', name: 'Back to inbox (Escape)', onClick: () => navigate({ page: 'inbox' }) }}
        meta={status && <span className={`status-pill status-${status}`}>{STATUS_LABEL[status]}</span>}
        aside={<SaveIndicator />}
      />
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
      <HistoryCheck taskId={taskId} />
      {state.task.review && <ReviewBanner review={state.task.review} submitted={state.task.draft?.annotation ?? null} payload={task.payload} />}
      <TaskWorkspace task={task} />
    </article>
  );
}

import { useEffect, useState } from 'react';
import type { OpenTask } from '@shared/domain';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { KIND_LABEL, STATUS_LABEL } from '../inbox/taskLabels';
import { TaskPayloadView } from './TaskPayloadView';

export function TaskPage({ taskId }: { taskId: string }) {
  const navigate = useAppStore((s) => s.navigate);
  const [state, setState] = useState<{ task: OpenTask | null; error: string | null }>({ task: null, error: null });

  useEffect(() => {
    let live = true;
    void api()
      .openTask({ id: taskId })
      .then((r) => live && setState(r.ok ? { task: r.value, error: null } : { task: null, error: r.error.message }));
    return () => {
      live = false;
    };
  }, [taskId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) navigate({ page: 'inbox' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  if (state.error) return <p className="empty-state" role="alert">{state.error}</p>;
  if (!state.task) return <p className="empty-state">Opening…</p>;
  const { task, status } = state.task;

  return (
    <article className="task-page" aria-labelledby="task-title">
      <header className="task-header">
        <button type="button" className="button ghost" onClick={() => navigate({ page: 'inbox' })} aria-label="Back to inbox (Escape)">
          ← Inbox
        </button>
        <div className="task-heading">
          <h1 id="task-title">{task.title}</h1>
          <div className="task-meta">
            <span className={`kind-badge kind-${task.payload.kind}`}>{KIND_LABEL[task.payload.kind]}</span>
            <span>{task.project}</span>
            <span className={`status-pill status-${status}`}>{STATUS_LABEL[status]}</span>
          </div>
        </div>
      </header>
      {task.guidelines && (
        <details className="guidelines">
          <summary>Guidelines</summary>
          <div className="plain-text">{task.guidelines}</div>
        </details>
      )}
      <TaskPayloadView payload={task.payload} />
    </article>
  );
}

import type { ReactNode } from 'react';
import type { Task } from '@shared/domain';
import { KIND_LABEL } from '../inbox/taskLabels';

interface Props {
  task: Task;
  /** The back button: its text ("← Inbox") and its accessible name ("Back to inbox (Escape)"). */
  back: { label: string; name: string; onClick(): void };
  /** Pills after the kind and project (status, version…). */
  meta?: ReactNode;
  /** Right of the title (the save indicator). */
  aside?: ReactNode;
}

/** The title block of a task, the same on the expert's page and the reviewer's. */
export function TaskHeader({ task, back, meta, aside }: Props) {
  return (
    <header className="task-header">
      <button type="button" className="button ghost" onClick={back.onClick} aria-label={back.name}>
        {back.label}
      </button>
      <div className="task-heading">
        <h1 id="task-title">{task.title}</h1>
        <div className="task-meta">
          <span className={`kind-badge kind-${task.payload.kind}`}>{KIND_LABEL[task.payload.kind]}</span>
          <span>{task.project}</span>
          {meta}
        </div>
      </div>
      {aside}
    </header>
  );
}

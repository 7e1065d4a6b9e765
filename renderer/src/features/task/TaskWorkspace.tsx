import { lazy, Suspense } from 'react';
import type { Task } from '@shared/domain';
import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';
import { RankingWorkspace } from '../ranking/RankingWorkspace';
import { ReasoningWorkspace } from '../reasoning/ReasoningWorkspace';

// Monaco comes with the trajectory workspace: loaded only when a trajectory opens.
const TrajectoryWorkspace = lazy(() => import('../trajectory/TrajectoryWorkspace').then((m) => ({ default: m.TrajectoryWorkspace })));

/** A task's guidelines and the workspace of its kind: the same for the expert's page and the reviewer's. */
export function TaskWorkspace({ task }: { task: Task }) {
  return (
    <>
      {task.guidelines && (
        <details className="guidelines">
          <summary>Guidelines</summary>
          <ModelMarkdown text={task.guidelines} />
        </details>
      )}
      {task.payload.kind === 'ranking' ? (
        <RankingWorkspace payload={task.payload} />
      ) : task.payload.kind === 'reasoning' ? (
        <ReasoningWorkspace payload={task.payload} />
      ) : (
        <Suspense fallback={<p className="empty-state">Opening the run…</p>}>
          <TrajectoryWorkspace payload={task.payload} />
        </Suspense>
      )}
    </>
  );
}

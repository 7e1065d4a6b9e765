import type { TaskKind, TaskStatus } from '@shared/domain';

export const KIND_LABEL: Record<TaskKind, string> = {
  ranking: 'Ranking',
  reasoning: 'Reasoning',
  trajectory: 'Trajectory',
};

export const STATUS_LABEL: Record<TaskStatus, string> = {
  returned: 'Returned for changes',
  in_progress: 'In progress',
  new: 'New',
  submitted: 'Submitted',
  accepted: 'Accepted',
};

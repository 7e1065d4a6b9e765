import type { OpenTask } from '@shared/domain';
import type { ReviewQueueItem } from '@shared/sync';

/** A queue item in the shape a workspace opens: the task as the expert judged it, with their judgement as the draft. */
export const openTaskOfReviewItem = (item: ReviewQueueItem): OpenTask => ({
  task: item.task,
  status: 'submitted',
  draft: { taskId: item.task.id, revision: item.revision, annotation: item.annotation, activeSeconds: item.activeSeconds, savedAt: item.submittedAt, taskVersion: item.task.version },
  submission: null,
  review: null,
  revoked: false,
});

import { AppFailure } from '@shared/domain';
import type { CoreHandlers } from '@shared/ipc';
import type { Store } from './store/store';

type ReviewHandlers = Pick<CoreHandlers, 'listReviewQueue' | 'openReviewItem' | 'submitReviewVerdict' | 'verifyTaskHistory' | 'exportTaskAudit'>;

/** The reviewer's operations and the judgement history checks, over one store. */
export const createReviewHandlers = (store: Store, onVerdict: () => void): ReviewHandlers => ({
  listReviewQueue: () => ({ items: store.reviewQueue.list(), role: store.sync.get('account')?.role ?? null }),

  openReviewItem: ({ submissionId }) => {
    const item = store.reviewQueue.item(submissionId);
    if (!item) throw new AppFailure('not_found', `Submission "${submissionId}" is not in the review queue on this computer; sync to refresh it.`, 'submissionId');
    return { item, verdict: store.reviewQueue.verdict(submissionId) };
  },

  submitReviewVerdict: (input) => {
    const state = store.transaction(() => {
      const item = store.reviewQueue.item(input.submissionId);
      if (!item) throw new AppFailure('not_found', `Submission "${input.submissionId}" is not in the review queue on this computer.`, 'submissionId');
      if (store.reviewQueue.verdict(input.submissionId)) {
        throw new AppFailure('conflict', 'You already gave this submission a verdict; it is sent once.', 'submissionId');
      }
      if (input.fixedAnnotation && input.fixedAnnotation.kind !== item.task.payload.kind) {
        throw new AppFailure('invalid_input', `This is a ${item.task.payload.kind} task; a ${input.fixedAnnotation.kind} annotation does not fit it.`, 'fixedAnnotation.kind');
      }
      store.reviewQueue.enqueue(item.task.id, input, new Date().toISOString());
      return store.reviewQueue.verdict(input.submissionId)!;
    });
    onVerdict();
    return state;
  },

  verifyTaskHistory: ({ taskId }) => store.drafts.verifyHistory(taskId),

  exportTaskAudit: ({ taskId }) => ({ fileName: `${taskId.replace(/[^A-Za-z0-9._-]/g, '_')}.history.jsonl`, text: store.drafts.auditExport(taskId) }),
});

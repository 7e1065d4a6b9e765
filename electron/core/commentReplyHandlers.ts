import { AppFailure } from '@shared/domain';
import type { CoreHandlers } from '@shared/ipc';
import type { Store } from './store/store';

type Handlers = Pick<CoreHandlers, 'replyToComment' | 'listCommentReplies' | 'recordPaste'>;

/** An expert's replies to review comments and the activity signals of their work, over one store. */
export const createCommentReplyHandlers = (store: Store, onReply: () => void): Handlers => ({
  replyToComment: ({ taskId, reviewId, commentId, body }) => {
    const state = store.transaction(() => {
      const review = store.reviews.latest(taskId);
      if (!review || review.id !== reviewId) throw new AppFailure('not_found', 'That review is not the latest one of this task on this computer; sync to refresh it.', 'reviewId');
      if (!review.comments.some((c) => c.id === commentId)) throw new AppFailure('not_found', `The review has no comment ${commentId}.`, 'commentId');
      return store.replies.add(taskId, { reviewId, commentId, body }, new Date().toISOString());
    });
    onReply();
    return state;
  },

  listCommentReplies: ({ taskId }) => store.replies.ofTask(taskId),

  recordPaste: ({ taskId, target, chars }) => {
    const status = store.taskState.statusOf(taskId);
    // Only work in progress: a read-only task (submitted, accepted, under review) takes no pastes.
    if (status === null || status === 'submitted' || status === 'accepted') return { recorded: false };
    store.transaction(() => store.activity.recordPaste(taskId, { target, chars, at: new Date().toISOString() }));
    return { recorded: true };
  },
});

import type { Store } from '../store/store';
import { isPlatformError, type PlatformClient } from './platformClient';

/**
 * An expert's replies in a sync cycle: each one waiting here is posted with its idempotency key, so a resend after a
 * lost answer gets the stored reply and no second one. A transient failure or a 401 is thrown and ends the cycle; a
 * refusal (404, 403) fails that reply for good, visibly, and the rest go on.
 */
export const syncReplies = async ({ store, client, isStopped }: { store: Store; client: PlatformClient; isStopped: () => boolean }): Promise<{ sent: number; refused: number }> => {
  let sent = 0;
  let refused = 0;
  for (const reply of store.replies.pending()) {
    if (isStopped()) break;
    try {
      await client.postCommentReply(reply.request);
      store.transaction(() => store.replies.markSent(reply.id));
      sent++;
    } catch (error) {
      if (isPlatformError(error, 'rejected')) {
        store.transaction(() => store.replies.markFailed(reply.id, error.message));
        refused++;
        continue;
      }
      store.transaction(() => store.replies.markAttempt(reply.id, error instanceof Error ? error.message : String(error)));
      throw error;
    }
  }
  return { sent, refused };
};

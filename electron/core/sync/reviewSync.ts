import { PROTOCOL_LIMITS } from '@shared/sync';
import type { Store } from '../store/store';
import { isPlatformError, type PlatformClient } from './platformClient';

export interface ReviewSyncResult {
  sent: number;
  refused: number;
  queued: number;
}

/**
 * A reviewer's part of a sync cycle: send each verdict waiting here (with its idempotency key, so a resend after a
 * lost answer gets the stored review and no second effect), then pull the queue into the local store. A transient
 * failure or a 401 is thrown and ends the cycle like a failed push; a refusal (404, 403, 409) fails that verdict
 * for good, visibly, and the rest go on.
 */
export const syncReviews = async ({ store, client, isStopped, now }: { store: Store; client: PlatformClient; isStopped: () => boolean; now: () => number }): Promise<ReviewSyncResult> => {
  let sent = 0;
  let refused = 0;
  for (const verdict of store.reviewQueue.pending()) {
    if (isStopped()) return { sent, refused, queued: 0 };
    try {
      const { review } = await client.postReview(verdict.request);
      store.transaction(() => store.reviewQueue.markSent(verdict.id, review));
      sent++;
    } catch (error) {
      if (isPlatformError(error, 'rejected')) {
        store.transaction(() => store.reviewQueue.markFailed(verdict.id, error.message));
        refused++;
        continue;
      }
      const message = error instanceof Error ? error.message : String(error);
      store.transaction(() => store.reviewQueue.markAttempt(verdict.id, message));
      throw error;
    }
  }
  if (isStopped()) return { sent, refused, queued: 0 };
  const { items } = await client.reviewQueue(PROTOCOL_LIMITS.maxPageSize);
  store.transaction(() => store.reviewQueue.replace(items, new Date(now()).toISOString()));
  return { sent, refused, queued: items.length };
};

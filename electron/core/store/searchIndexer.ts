import type { Store } from './store';

export interface SearchIndexerOptions {
  /** Tasks indexed per transaction: each batch holds up the core's other calls for about this many inserts. */
  batch?: number;
  /** Told how many tasks still wait: at most every progressMs while indexing goes on, and at 0. */
  onProgress?: (pending: number) => void;
  progressMs?: number;
  now?: () => number;
}

/**
 * Works through the search backlog (migration 12) in small transactions, one after another with the core's other
 * calls in between (setImmediate lets waiting messages in first). Started at once after an import lands, and at
 * start for a backlog a quit left behind.
 */
export const createSearchIndexer = (store: Store, options: SearchIndexerOptions = {}) => {
  const { batch = 500, onProgress, progressMs = 500, now = Date.now } = options;
  let pending = 0;
  let scheduled: ReturnType<typeof setImmediate> | null = null;
  let stopped = false;
  let toldAt = 0;

  const tell = (force: boolean): void => {
    if (!onProgress || (!force && now() - toldAt < progressMs)) return;
    toldAt = now();
    onProgress(pending);
  };

  const step = (): void => {
    scheduled = null;
    if (stopped || !store.db.open) return;
    const left = store.transaction(() => store.searchBacklog.indexNext(batch));
    // A task re-imported meanwhile leaves the backlog through its upsert: count afresh when a batch finds less.
    pending = left < batch ? store.searchBacklog.pending() : Math.max(0, pending - left);
    if (pending > 0) {
      tell(false);
      scheduled = setImmediate(step);
    } else {
      tell(true);
    }
  };

  return {
    /** Looks at the backlog and indexes it, unless a run is already going. */
    kick(): void {
      if (stopped) return;
      pending = store.searchBacklog.pending();
      if (pending > 0 && scheduled === null) {
        tell(true);
        scheduled = setImmediate(step);
      }
    },
    pending: (): number => pending,
    stop(): void {
      stopped = true;
      if (scheduled !== null) clearImmediate(scheduled);
      scheduled = null;
    },
  };
};
export type SearchIndexer = ReturnType<typeof createSearchIndexer>;

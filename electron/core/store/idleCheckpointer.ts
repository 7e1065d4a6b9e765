import type { Db } from './database';

export interface IdleCheckpointerOptions {
  /** How often to look. */
  intervalMs?: number;
  /** Checkpoint once nothing was written for this long. */
  idleMs?: number;
  /** Checkpoint anyway when the last one is this old and there were writes since, however busy the store is. */
  maxDelayMs?: number;
  now?: () => number;
}

/**
 * SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, so every few hundred autosaves
 * one save paid for copying the WAL back (the p99 spikes). Automatic checkpoints are off in this store
 * (wal_autocheckpoint = 0, see openEncryptedDatabase); this runs them instead when the store has been quiet for a
 * moment, or at least every maxDelayMs while writes go on, so the WAL stays bounded. PASSIVE: it never waits on a
 * reader and never blocks a writer.
 */
export const createIdleCheckpointer = (db: Db, options: IdleCheckpointerOptions = {}) => {
  const { intervalMs = 500, idleMs = 750, maxDelayMs = 30_000, now = Date.now } = options;
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  let seenChanges = changes.get() ?? 0;
  let lastWriteAt = now();
  let lastCheckpointAt = now();
  let dirty = false;
  let checkpoints = 0;
  let timer: ReturnType<typeof setInterval> | null = null;

  const tick = (): void => {
    if (!db.open) return;
    const current = changes.get() ?? 0;
    if (current !== seenChanges) {
      seenChanges = current;
      lastWriteAt = now();
      dirty = true;
    }
    if (!dirty) return;
    if (now() - lastWriteAt < idleMs && now() - lastCheckpointAt < maxDelayMs) return;
    db.pragma('wal_checkpoint(PASSIVE)');
    checkpoints += 1;
    lastCheckpointAt = now();
    dirty = false;
  };

  return {
    start(): void {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      timer.unref?.();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
    /** One look now (tests drive it with their own clock). */
    tick,
    /** How many checkpoints this has run. */
    count: (): number => checkpoints,
  };
};
export type IdleCheckpointer = ReturnType<typeof createIdleCheckpointer>;

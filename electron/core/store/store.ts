import type { Db } from './database';
import { createActivityRepository, type ActivityRepository } from './activityRepository';
import { createDraftRepository, type DraftRepository } from './draftRepository';
import { createOutboxRepository, type OutboxRepository } from './outboxRepository';
import { createOutboxSyncRepository, type OutboxSyncRepository } from './outboxSyncRepository';
import { createQuarantineRepository, type QuarantineRepository } from './quarantineRepository';
import { createReviewQueueRepository, type ReviewQueueRepository } from './reviewQueueRepository';
import { createReplyOutboxRepository, type ReplyOutboxRepository } from './replyOutboxRepository';
import { createReviewRepository, type ReviewRepository } from './reviewRepository';
import { createSearchBacklogRepository, type SearchBacklogRepository } from './searchBacklogRepository';
import { createSettingsRepository, type SettingsRepository } from './settingsRepository';
import { createSubmissionRepository, type SubmissionRepository } from './submissionRepository';
import { createSyncStateRepository, type SyncStateRepository } from './syncStateRepository';
import { createTaskRepository, type TaskRepository } from './taskRepository';
import { createTaskStateRepository, type TaskStateRepository } from './taskStateRepository';

/** The repositories over one open database, and a way to run several of them as one transaction. */
export interface Store {
  db: Db;
  tasks: TaskRepository;
  taskState: TaskStateRepository;
  drafts: DraftRepository;
  outbox: OutboxRepository;
  submissions: SubmissionRepository;
  reviews: ReviewRepository;
  /** A reviewer's queue from the platform and the verdicts waiting to be sent. */
  reviewQueue: ReviewQueueRepository;
  /** Activity signals (large pastes) recorded while an expert works, sent with the submission. */
  activity: ActivityRepository;
  /** An expert's replies to review comments, each waiting in its outbox until the platform has it. */
  replies: ReplyOutboxRepository;
  settings: SettingsRepository;
  /** Sync with the platform: its state, quarantine, and the outcomes of outbox entries. */
  sync: SyncStateRepository;
  quarantine: QuarantineRepository;
  outboxSync: OutboxSyncRepository;
  /** Tasks a large import landed that search does not cover yet (see searchIndexer.ts). */
  searchBacklog: SearchBacklogRepository;
  /** BEGIN IMMEDIATE: takes the write lock up front, so two writers never deadlock upgrading a read. */
  transaction<T>(work: () => T): T;
  /**
   * For a long run of transactions (a pull): the WAL is checkpointed once at the end instead of every ~4 MB.
   * Durability is unchanged (each transaction still commits and syncs on its own, synchronous=FULL); only
   * copying the WAL back into the database waits. The WAL stays bounded (a checkpoint still runs past
   * BATCH_CHECKPOINT_PAGES), and the usual setting is restored afterwards whatever happens.
   */
  withBatchedCheckpoints<T>(work: () => Promise<T>): Promise<T>;
  close(): void;
}

/** 64 MiB of 4 KiB pages: how far the WAL may grow during a batch before a checkpoint runs anyway. */
export const BATCH_CHECKPOINT_PAGES = 16_384;

const batchedCheckpoints = (db: Db) => {
  let depth = 0;
  let usual = 0;
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (depth === 0) {
      usual = db.pragma('wal_autocheckpoint', { simple: true }) as number;
      db.pragma(`wal_autocheckpoint = ${BATCH_CHECKPOINT_PAGES}`);
    }
    depth += 1;
    try {
      return await work();
    } finally {
      depth -= 1;
      if (depth === 0 && db.open) {
        db.pragma(`wal_autocheckpoint = ${usual}`);
        // PASSIVE: never waits on a reader; whatever it cannot copy now, the next automatic checkpoint will.
        db.pragma('wal_checkpoint(PASSIVE)');
      }
    }
  };
};

export const createStore = (db: Db): Store => ({
  withBatchedCheckpoints: batchedCheckpoints(db),
  db,
  tasks: createTaskRepository(db),
  taskState: createTaskStateRepository(db),
  drafts: createDraftRepository(db),
  outbox: createOutboxRepository(db),
  submissions: createSubmissionRepository(db),
  reviews: createReviewRepository(db),
  reviewQueue: createReviewQueueRepository(db),
  activity: createActivityRepository(db),
  replies: createReplyOutboxRepository(db),
  settings: createSettingsRepository(db),
  sync: createSyncStateRepository(db),
  quarantine: createQuarantineRepository(db),
  outboxSync: createOutboxSyncRepository(db),
  searchBacklog: createSearchBacklogRepository(db),
  transaction: (work) => db.transaction(work).immediate(),
  close: () => {
    if (db.open) db.close();
  },
});

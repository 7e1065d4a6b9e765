import type { Db } from './database';
import { createDraftRepository, type DraftRepository } from './draftRepository';
import { createOutboxRepository, type OutboxRepository } from './outboxRepository';
import { createOutboxSyncRepository, type OutboxSyncRepository } from './outboxSyncRepository';
import { createQuarantineRepository, type QuarantineRepository } from './quarantineRepository';
import { createReviewRepository, type ReviewRepository } from './reviewRepository';
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
  settings: SettingsRepository;
  /** Sync with the platform: its state, quarantine, and the outcomes of outbox entries. */
  sync: SyncStateRepository;
  quarantine: QuarantineRepository;
  outboxSync: OutboxSyncRepository;
  /** BEGIN IMMEDIATE: takes the write lock up front, so two writers never deadlock upgrading a read. */
  transaction<T>(work: () => T): T;
  close(): void;
}

export const createStore = (db: Db): Store => ({
  db,
  tasks: createTaskRepository(db),
  taskState: createTaskStateRepository(db),
  drafts: createDraftRepository(db),
  outbox: createOutboxRepository(db),
  submissions: createSubmissionRepository(db),
  reviews: createReviewRepository(db),
  settings: createSettingsRepository(db),
  sync: createSyncStateRepository(db),
  quarantine: createQuarantineRepository(db),
  outboxSync: createOutboxSyncRepository(db),
  transaction: (work) => db.transaction(work).immediate(),
  close: () => {
    if (db.open) db.close();
  },
});

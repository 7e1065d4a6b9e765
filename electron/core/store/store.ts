import type { Db } from './database';
import { createDraftRepository } from './draftRepository';
import { createOutboxRepository } from './outboxRepository';
import { createReviewRepository } from './reviewRepository';
import { createSettingsRepository } from './settingsRepository';
import { createSubmissionRepository } from './submissionRepository';
import { createTaskRepository } from './taskRepository';
import { createTaskStateRepository } from './taskStateRepository';

/** The repositories over one open database, and a way to run several of them as one transaction. */
export const createStore = (db: Db) => ({
  db,
  tasks: createTaskRepository(db),
  taskState: createTaskStateRepository(db),
  drafts: createDraftRepository(db),
  outbox: createOutboxRepository(db),
  submissions: createSubmissionRepository(db),
  reviews: createReviewRepository(db),
  settings: createSettingsRepository(db),
  /** BEGIN IMMEDIATE: takes the write lock up front, so two writers never deadlock upgrading a read. */
  transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
  close: (): void => {
    if (db.open) db.close();
  },
});
export type Store = ReturnType<typeof createStore>;

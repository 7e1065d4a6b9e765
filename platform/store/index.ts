import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Rubric } from '../../shared/domain';
import { importTasksFromText } from '../../shared/formats/importTasks';
import type { PlatformUser, Role } from '../../shared/sync/protocol';
import { createAssignmentRepository, type AssignOptions, type AssignSummary } from './assignments';
import { createBlobRepository } from './blobs';
import { createCommentReplyRepository } from './commentReplies';
import { DEFAULT_CURSOR_RETENTION_MS, DEFAULT_LEASE_SECONDS, type StoreContext, type StoreOptions } from './context';
import { PlatformError } from './errors';
import { createAgreementReports } from './agreementReport';
import { createFeed } from './feed';
import { createGoldRepository } from './gold';
import { migrate } from './migrations';
import { createMinAppVersionSetting } from './minAppVersion';
import { createReleaseRepository } from './releases';
import { createMutationRepository } from './mutations';
import { createReports, type ExportFormat, type PlatformStatus } from './reports';
import { createReviewRepository } from './reviews';
import { createRevisionChain } from './revisionChain';
import { openDatabase, type Db } from './sqlite';
import { createTaskRepository, type ImportSummary } from './tasks';
import { createUserRepository } from './users';

export const STORE_FILE = 'platform.sqlite';

export interface ImportRequest {
  project: string;
  fileName: string;
  text: string;
  guidelines?: string;
  rubric?: Rubric;
  /** Updated tasks stop accepting submissions made against their older versions. */
  retireOlder?: boolean;
}

export interface QuarantineEntry {
  id: string;
  user: string;
  taskId: string;
  type: string;
  revision: number;
  reason: string;
  clientId: string;
  mutationId: number;
}

/** The platform's whole state in one SQLite file under `dataDir`. */
export const openPlatformStore = (dataDir: string, options: StoreOptions = {}) => {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, STORE_FILE));
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const ctx: StoreContext = {
    db: db as Db,
    now: options.now ?? Date.now,
    leaseMs: (options.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000,
    cursorRetentionMs: options.cursorRetentionMs ?? DEFAULT_CURSOR_RETENTION_MS,
  };
  const feed = createFeed(ctx);
  const assignments = createAssignmentRepository(ctx, feed);
  const tasks = createTaskRepository(ctx, (task) => assignments.notifyTaskUpdated(task));
  const { addUser, issueToken, authenticate, byName, list: listUsers } = createUserRepository(ctx);
  // Submissions and fixes made before the chain existed are chained once, oldest first.
  const chain = createRevisionChain(ctx.db, ctx.now);
  chain.backfill();
  const gold = createGoldRepository(ctx.db, ctx.now);
  const agreement = createAgreementReports(ctx.db, ctx.now, gold, chain);
  const mutations = createMutationRepository(ctx, assignments, chain);
  const reviews = createReviewRepository(ctx, assignments, feed, chain);
  const commentReplies = createCommentReplyRepository(ctx);
  const blobs = createBlobRepository(ctx);
  const reports = createReports(ctx);
  const minAppVersion = createMinAppVersionSetting(ctx);
  const releases = createReleaseRepository(ctx);
  const quarantineRows = db.prepare<[], QuarantineEntry>(`
    SELECT q.id, u.name AS user, q.task_id AS taskId, q.type, q.revision, q.reason, q.client_id AS clientId, q.mutation_id AS mutationId
    FROM quarantine q JOIN users u ON u.id = q.user_id ORDER BY q.created_at, q.id`);
  const submissionCount = db.prepare<[string], number>('SELECT count(*) FROM submissions WHERE task_id = ?').pluck();

  return {
    db: db as Db,
    leaseSeconds: ctx.leaseMs / 1000,
    now: ctx.now,
    feed,
    assignments,
    tasks,
    mutations,
    reviews,
    /** Experts' replies to review comments (POST /v1/comment-replies). */
    commentReplies,
    blobs,
    /** Gold tasks (the CLI's `gold`); never visible to experts. */
    gold,
    /** The hash chain of every judgement (the CLI's `audit`). */
    chain,
    /** Judgements side by side and the agreement report (GET /v1/review/...; the CLI's `report agreement`). */
    agreement,
    authenticate,
    userByName: byName,
    listUsers,
    /** The oldest app version allowed to sync (the CLI's `min-version`); null when none is set. */
    minAppVersion,
    /** The update feed (the CLI's `release add`; served at GET /v1/updates/:channel/:file). */
    releases,

    // Admin operations: the CLI and tests use these; none is reachable over HTTP.
    addUser: (name: string, role: Role): { user: PlatformUser; token: string } => addUser(name, role),
    issueToken,
    /** Parses with the app's importers (format detected) and adds the tasks to `project`. */
    importTasks(request: ImportRequest): ImportSummary & { format: string } {
      const parsed = importTasksFromText(request.fileName, request.text);
      if (!parsed.ok) throw new PlatformError('invalid', parsed.error.message, parsed.error.detail);
      const settings = {
        ...(request.guidelines === undefined ? {} : { guidelines: request.guidelines }),
        ...(request.rubric === undefined ? {} : { rubric: request.rubric }),
        ...(request.retireOlder === true ? { retireOlder: true } : {}),
      };
      return { format: parsed.value.format, ...tasks.importTasks(request.project, parsed.value.tasks, settings) };
    },
    assign: (options: AssignOptions): AssignSummary => assignments.assign(options),
    revoke: (taskId: string, user?: string): { user: string } => assignments.revoke(taskId, user),
    status: (): PlatformStatus => reports.status(),
    exportText: (format: ExportFormat, project?: string): string => reports.exportText(format, project),
    quarantine: (): QuarantineEntry[] => quarantineRows.all(),
    submissionCount: (taskId: string): number => submissionCount.get(taskId) ?? 0,

    close(): void {
      if (db.open) db.close();
    },
  };
};
export type PlatformStore = ReturnType<typeof openPlatformStore>;

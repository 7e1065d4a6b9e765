import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Rubric } from '../../shared/domain';
import { importTasksFromText } from '../../shared/formats/importTasks';
import type { PlatformUser, Role } from '../../shared/sync/protocol';
import { createAssignmentRepository, type AssignOptions, type AssignSummary } from './assignments';
import { createBlobRepository } from './blobs';
import { createCommentReplyRepository } from './commentReplies';
import { createAgreementReports } from './agreementReport';
import { createGoldRepository } from './gold';
import { createRevisionChain } from './revisionChain';
import { DEFAULT_CURSOR_RETENTION_MS, DEFAULT_LEASE_SECONDS, type StoreContext, type StoreOptions } from './context';
import { sql } from 'kysely';
import { PlatformError } from './errors';
import { createFeed } from './feed';
import { LATEST_VERSION, migrate, migratePostgres, schemaVersion } from './migrations';
import { createMinAppVersionSetting } from './minAppVersion';
import { createReleaseRepository } from './releases';
import { createMutationRepository } from './mutations';
import { createReports, type ExportFormat, type PlatformStatus } from './reports';
import { createReviewRepository } from './reviews';
import type { Executor } from './database';
import { isPostgresUrl, openPostgresDatabase, openSqliteDatabase, type Database } from './database';
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

/**
 * The platform's whole state: in one SQLite file under a data folder (the embedded default), or in a
 * PostgreSQL database when `location` is a postgres:// URL (several platform processes may share it).
 */
export const openPlatformStore = async (location: string, options: StoreOptions = {}) => {
  let db: Database;
  if (isPostgresUrl(location)) {
    db = openPostgresDatabase(location, options.postgres);
    try {
      await migratePostgres(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  } else {
    mkdirSync(location, { recursive: true });
    db = openSqliteDatabase(join(location, STORE_FILE), (raw) => migrate(raw));
  }
  const ctx: StoreContext = {
    db,
    now: options.now ?? Date.now,
    leaseMs: (options.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000,
    cursorRetentionMs: options.cursorRetentionMs ?? DEFAULT_CURSOR_RETENTION_MS,
  };
  const feed = createFeed(ctx);
  const assignments = createAssignmentRepository(ctx, feed);
  const tasks = createTaskRepository(ctx, (tx: Executor, task) => assignments.notifyTaskUpdated(tx, task));
  const { addUser, issueToken, authenticate, byName, list: listUsers } = createUserRepository(ctx);
  // Submissions and fixes made before the chain existed are chained once, oldest first.
  const chain = createRevisionChain(ctx);
  try {
    await chain.backfill();
  } catch (error) {
    await db.close();
    throw error;
  }
  const gold = createGoldRepository(ctx);
  const agreement = createAgreementReports(ctx, gold, chain);
  const mutations = createMutationRepository(ctx, assignments, chain);
  const reviews = createReviewRepository(ctx, assignments, feed, chain);
  const commentReplies = createCommentReplyRepository(ctx);
  const blobs = createBlobRepository(ctx);
  const reports = createReports(ctx);
  const minAppVersion = createMinAppVersionSetting(ctx);
  const releases = createReleaseRepository(ctx);

  return {
    db,
    engine: db.engine,
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
    addUser: (name: string, role: Role): Promise<{ user: PlatformUser; token: string }> => addUser(name, role),
    issueToken,
    /** Parses with the app's importers (format detected) and adds the tasks to `project`. */
    async importTasks(request: ImportRequest): Promise<ImportSummary & { format: string }> {
      const parsed = importTasksFromText(request.fileName, request.text);
      if (!parsed.ok) throw new PlatformError('invalid', parsed.error.message, parsed.error.detail);
      const settings = {
        ...(request.guidelines === undefined ? {} : { guidelines: request.guidelines }),
        ...(request.rubric === undefined ? {} : { rubric: request.rubric }),
        ...(request.retireOlder === true ? { retireOlder: true } : {}),
      };
      return { format: parsed.value.format, ...(await tasks.importTasks(request.project, parsed.value.tasks, settings)) };
    },
    assign: (options: AssignOptions): Promise<AssignSummary> => assignments.assign(options),
    revoke: (taskId: string, user?: string): Promise<{ user: string }> => assignments.revoke(taskId, user),
    status: (): Promise<PlatformStatus> => reports.status(),
    exportText: (format: ExportFormat, project?: string): Promise<string> => reports.exportText(format, project),
    quarantine: (): Promise<QuarantineEntry[]> =>
      db.query<QuarantineEntry>(`
        SELECT q.id, u.name AS "user", q.task_id AS "taskId", q.type, q.revision, q.reason, q.client_id AS "clientId", q.mutation_id AS "mutationId"
        FROM quarantine q JOIN users u ON u.id = q.user_id ORDER BY q.created_at, q.id`),
    submissionCount: async (taskId: string): Promise<number> =>
      Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM submissions WHERE task_id = ?', [taskId]))[0]?.n ?? 0),

    /** For /readyz: the database answers and its schema is the one this server expects. */
    async readiness(): Promise<{ ready: boolean; engine: string; schemaVersion: number | null; expected: number; error?: string }> {
      try {
        await sql`SELECT 1 AS one`.execute(db.kysely);
        const version = await schemaVersion(db);
        return { ready: version === LATEST_VERSION, engine: db.engine, schemaVersion: version, expected: LATEST_VERSION };
      } catch (error) {
        return { ready: false, engine: db.engine, schemaVersion: null, expected: LATEST_VERSION, error: error instanceof Error ? error.message.slice(0, 200) : 'unreachable' };
      }
    },

    close: (): Promise<void> => db.close(),
  };
};
export type PlatformStore = Awaited<ReturnType<typeof openPlatformStore>>;

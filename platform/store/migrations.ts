import { sql } from 'kysely';
import type { Database } from './database';
import type { Db } from './sqlite';

interface Migration {
  version: number;
  description: string;
  /** SQLite. */
  sql: string;
  /** PostgreSQL, when it differs from `sql` (types, identity columns, no STRICT). */
  postgres?: string;
}

/** Forward-only; the database's user_version is the last one applied. Never edit one that has shipped. */
const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'users, tokens, projects, tasks, assignments, mutation log, submissions, quarantine, reviews, change feed, blobs',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('expert', 'reviewer', 'admin')),
        created_at TEXT NOT NULL
      ) STRICT;

      -- Only the SHA-256 of a token is kept; the token itself is shown once.
      CREATE TABLE tokens (
        hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;

      CREATE TABLE projects (
        name TEXT PRIMARY KEY,
        guidelines TEXT NOT NULL DEFAULT '',
        rubric_json TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        project TEXT NOT NULL REFERENCES projects(name),
        kind TEXT NOT NULL CHECK (kind IN ('ranking', 'reasoning', 'trajectory')),
        version INTEGER NOT NULL,
        task_json TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX tasks_project ON tasks(project, id);

      CREATE TABLE assignments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        task_id TEXT NOT NULL REFERENCES tasks(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        state TEXT NOT NULL CHECK (state IN ('assigned', 'submitted', 'returned', 'accepted')),
        lease_expires_ms INTEGER NOT NULL,
        last_submission_id TEXT,
        assigned_at TEXT NOT NULL,
        ended_at TEXT,
        end_reason TEXT CHECK (end_reason IN ('revoked', 'reassigned'))
      ) STRICT;
      CREATE UNIQUE INDEX assignments_one_active ON assignments(task_id) WHERE ended_at IS NULL;
      CREATE INDEX assignments_user_task ON assignments(user_id, task_id, id);

      CREATE TABLE drafts (
        assignment_id INTEGER PRIMARY KEY REFERENCES assignments(id),
        revision INTEGER NOT NULL,
        annotation_json TEXT NOT NULL,
        active_seconds REAL NOT NULL,
        client_time TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- last_mutation_id is written in the same transaction as each mutation's effect.
      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        last_mutation_id INTEGER NOT NULL DEFAULT 0,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE mutations (
        client_id TEXT NOT NULL REFERENCES clients(id),
        mutation_id INTEGER NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id),
        type TEXT NOT NULL,
        task_id TEXT NOT NULL,
        result_json TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
      ) STRICT;

      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        assignment_id INTEGER NOT NULL REFERENCES assignments(id),
        task_id TEXT NOT NULL REFERENCES tasks(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        revision INTEGER NOT NULL,
        annotation_json TEXT NOT NULL,
        active_seconds REAL NOT NULL,
        client_time TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        submitted_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX submissions_task ON submissions(task_id);

      -- Work that arrived after the task left its author: kept, never applied, never deleted.
      CREATE TABLE quarantine (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        client_id TEXT NOT NULL,
        mutation_id INTEGER NOT NULL,
        idempotency_key TEXT NOT NULL,
        task_id TEXT NOT NULL,
        type TEXT NOT NULL,
        revision INTEGER NOT NULL,
        annotation_json TEXT NOT NULL,
        active_seconds REAL NOT NULL,
        client_time TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('revoked', 'reassigned')),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        task_id TEXT NOT NULL REFERENCES tasks(id),
        reviewer_id TEXT NOT NULL REFERENCES users(id),
        verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'returned', 'fixed')),
        record_json TEXT NOT NULL,
        reviewed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reviews_submission ON reviews(submission_id);

      -- The per-user delta feed. seq only grows (AUTOINCREMENT never reuses), which makes it a cursor.
      CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL REFERENCES users(id),
        type TEXT NOT NULL,
        task_id TEXT,
        body_json TEXT NOT NULL,
        created_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX changes_user_seq ON changes(user_id, seq);
      CREATE INDEX changes_created ON changes(created_ms);

      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('expert', 'reviewer', 'admin')),
        created_at TEXT NOT NULL
      );
      CREATE TABLE tokens (
        hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE projects (
        name TEXT PRIMARY KEY,
        guidelines TEXT NOT NULL DEFAULT '',
        rubric_json TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        project TEXT NOT NULL REFERENCES projects(name),
        kind TEXT NOT NULL CHECK (kind IN ('ranking', 'reasoning', 'trajectory')),
        version INTEGER NOT NULL,
        task_json TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX tasks_project ON tasks(project, id);
      CREATE TABLE assignments (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        state TEXT NOT NULL CHECK (state IN ('assigned', 'submitted', 'returned', 'accepted')),
        lease_expires_ms BIGINT NOT NULL,
        last_submission_id TEXT,
        assigned_at TEXT NOT NULL,
        ended_at TEXT,
        end_reason TEXT CHECK (end_reason IN ('revoked', 'reassigned'))
      );
      CREATE UNIQUE INDEX assignments_one_active ON assignments(task_id) WHERE ended_at IS NULL;
      CREATE INDEX assignments_user_task ON assignments(user_id, task_id, id);
      CREATE TABLE drafts (
        assignment_id BIGINT PRIMARY KEY REFERENCES assignments(id),
        revision INTEGER NOT NULL,
        annotation_json TEXT NOT NULL,
        active_seconds DOUBLE PRECISION NOT NULL,
        client_time TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        last_mutation_id BIGINT NOT NULL DEFAULT 0,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      );
      CREATE TABLE mutations (
        client_id TEXT NOT NULL REFERENCES clients(id),
        mutation_id BIGINT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id),
        type TEXT NOT NULL,
        task_id TEXT NOT NULL,
        result_json TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
      );
      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        row_seq BIGINT GENERATED ALWAYS AS IDENTITY,
        assignment_id BIGINT NOT NULL REFERENCES assignments(id),
        task_id TEXT NOT NULL REFERENCES tasks(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        revision INTEGER NOT NULL,
        annotation_json TEXT NOT NULL,
        active_seconds DOUBLE PRECISION NOT NULL,
        client_time TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        submitted_at TEXT NOT NULL
      );
      CREATE INDEX submissions_task ON submissions(task_id);
      CREATE TABLE quarantine (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        client_id TEXT NOT NULL,
        mutation_id BIGINT NOT NULL,
        idempotency_key TEXT NOT NULL,
        task_id TEXT NOT NULL,
        type TEXT NOT NULL,
        revision INTEGER NOT NULL,
        annotation_json TEXT NOT NULL,
        active_seconds DOUBLE PRECISION NOT NULL,
        client_time TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('revoked', 'reassigned')),
        created_at TEXT NOT NULL
      );
      CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        row_seq BIGINT GENERATED ALWAYS AS IDENTITY,
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        task_id TEXT NOT NULL REFERENCES tasks(id),
        reviewer_id TEXT NOT NULL REFERENCES users(id),
        verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'returned', 'fixed')),
        record_json TEXT NOT NULL,
        reviewed_at TEXT NOT NULL
      );
      CREATE INDEX reviews_submission ON reviews(submission_id);
      -- seq is drawn under the feed's advisory lock (feed.ts), so it commits in order and is a cursor.
      CREATE TABLE changes (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        type TEXT NOT NULL,
        task_id TEXT,
        body_json TEXT NOT NULL,
        created_ms BIGINT NOT NULL
      );
      CREATE INDEX changes_user_seq ON changes(user_id, seq);
      CREATE INDEX changes_created ON changes(created_ms);
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        data BYTEA NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'task versions: every version kept, the oldest one still accepted per task, the version of each draft and submission',
    sql: `
      -- Every version of every task, so a submission is reviewed beside the content its expert saw.
      CREATE TABLE task_versions (
        task_id TEXT NOT NULL REFERENCES tasks(id),
        version INTEGER NOT NULL,
        task_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (task_id, version)
      ) STRICT;
      INSERT INTO task_versions (task_id, version, task_json, created_at) SELECT id, version, task_json, updated_at FROM tasks;
      -- Submissions against an older version than this are refused (an import with --retire-older raises it).
      ALTER TABLE tasks ADD COLUMN min_accepted_version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE submissions ADD COLUMN task_version INTEGER;
      ALTER TABLE drafts ADD COLUMN task_version INTEGER;
      UPDATE submissions SET task_version = (SELECT version FROM tasks WHERE tasks.id = submissions.task_id);
    `,
  },
  {
    version: 3,
    description: 'provenance: the app version and local schema version that sent each submission (null from older apps)',
    sql: `
      ALTER TABLE submissions ADD COLUMN app_version TEXT;
      ALTER TABLE submissions ADD COLUMN schema_version INTEGER;
    `,
  },
  {
    version: 4,
    description: 'update feed: the files of each release per channel (bytes in blobs)',
    sql: `
      CREATE TABLE release_files (
        channel TEXT NOT NULL,
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        size INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (channel, name)
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE release_files (
        channel TEXT NOT NULL,
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        size BIGINT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (channel, name)
      );
    `,
  },
  {
    version: 5,
    description: "a verdict's idempotency key, so a verdict posted again lands once",
    sql: `
      ALTER TABLE reviews ADD COLUMN idempotency_key TEXT;
      CREATE UNIQUE INDEX reviews_idempotency ON reviews(reviewer_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
    `,
  },
  {
    version: 6,
    description: "experts' replies to review comments; activity signals (large pastes) carried by submissions",
    sql: `
      CREATE TABLE comment_replies (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        comment_id TEXT NOT NULL,
        author_id TEXT NOT NULL REFERENCES users(id),
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        UNIQUE (author_id, idempotency_key)
      ) STRICT;
      CREATE INDEX comment_replies_review ON comment_replies(review_id);
      -- Size and time of each large paste, never its content.
      CREATE TABLE submission_activity (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        pastes_json TEXT NOT NULL
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE comment_replies (
        id TEXT PRIMARY KEY,
        row_seq BIGINT GENERATED ALWAYS AS IDENTITY,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        comment_id TEXT NOT NULL,
        author_id TEXT NOT NULL REFERENCES users(id),
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        UNIQUE (author_id, idempotency_key)
      );
      CREATE INDEX comment_replies_review ON comment_replies(review_id);
      CREATE TABLE submission_activity (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        pastes_json TEXT NOT NULL
      );
    `,
  },
  {
    version: 7,
    description: 'review quality: overlap (one active assignment per task and expert), gold tasks, the hash chain of each judgement',
    sql: `
      -- Overlap: a task may be held by several experts at once, each at most once.
      DROP INDEX assignments_one_active;
      CREATE UNIQUE INDEX assignments_one_active_per_user ON assignments(task_id, user_id) WHERE ended_at IS NULL;
      CREATE INDEX assignments_active_task ON assignments(task_id) WHERE ended_at IS NULL;

      -- Gold tasks: the expected judgement, never sent to experts.
      CREATE TABLE gold_tasks (
        task_id TEXT PRIMARY KEY REFERENCES tasks(id),
        expected_json TEXT NOT NULL,
        marked_at TEXT NOT NULL
      ) STRICT;

      -- One link per revision of an expert's judgement of a task (their submissions, a reviewer's fixes).
      -- The content is read from the row named by (source, source_id), so a change there breaks the link.
      CREATE TABLE judgement_revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        task_id TEXT NOT NULL REFERENCES tasks(id),
        expert_id TEXT NOT NULL REFERENCES users(id),
        revision INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('submission', 'fix')),
        source_id TEXT NOT NULL UNIQUE,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (task_id, expert_id, revision)
      ) STRICT;
    `,
    postgres: `
      DROP INDEX assignments_one_active;
      CREATE UNIQUE INDEX assignments_one_active_per_user ON assignments(task_id, user_id) WHERE ended_at IS NULL;
      CREATE INDEX assignments_active_task ON assignments(task_id) WHERE ended_at IS NULL;
      CREATE TABLE gold_tasks (
        task_id TEXT PRIMARY KEY REFERENCES tasks(id),
        expected_json TEXT NOT NULL,
        marked_at TEXT NOT NULL
      );
      CREATE TABLE judgement_revisions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks(id),
        expert_id TEXT NOT NULL REFERENCES users(id),
        revision INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('submission', 'fix')),
        source_id TEXT NOT NULL UNIQUE,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (task_id, expert_id, revision)
      );
    `,
  },
];

export const LATEST_VERSION = migrations.at(-1)?.version ?? 0;

/** Applies every migration above the store's version (up to `target`, for tests of an older store). */
export const migrate = (db: Db, target: number = LATEST_VERSION): void => {
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number') throw new Error('PRAGMA user_version did not answer a number');
  if (current > LATEST_VERSION) {
    throw new Error(`The platform store is at version ${current}, newer than this server (${LATEST_VERSION}). Upgrade the server.`);
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
};

/** A migration's PostgreSQL form: its own, or the SQLite script without STRICT (the rest of these scripts is SQL both accept). */
const postgresSql = (migration: Migration): string => migration.postgres ?? migration.sql.replace(/\)\s*STRICT\s*;/g, ');');

/** Serializes migrations across processes starting at once (a transaction-level advisory lock). */
const MIGRATION_LOCK_KEY = 0x61736d67; // "asmg"

/** Creates the version table under the migration lock: two processes starting at once never race on DDL. */
const ensureVersionTable = (database: Database) =>
  database.kysely.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(tx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)`.execute(tx);
  });

/** The schema version of the database: PRAGMA user_version on SQLite, schema_migrations on PostgreSQL. */
export const schemaVersion = async (database: Database): Promise<number> => {
  if (database.engine === 'sqlite') {
    const rows = await database.query<{ user_version: number }>('PRAGMA user_version');
    return Number(rows[0]?.user_version ?? 0);
  }
  const exists = await database.query<{ name: string | null }>("SELECT to_regclass('schema_migrations')::text AS name");
  if (exists[0]?.name == null) return 0;
  const rows = await database.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return Number(rows[0]?.version ?? 0);
};

/** The PostgreSQL migrations: each in its own transaction, under a lock, so two processes starting together apply each once. */
export const migratePostgres = async (database: Database, target: number = LATEST_VERSION): Promise<void> => {
  if (database.engine !== 'postgres') throw new Error('migratePostgres needs a PostgreSQL database');
  await ensureVersionTable(database);
  const current = await schemaVersion(database);
  if (current > LATEST_VERSION) {
    throw new Error(`The platform database is at version ${current}, newer than this server (${LATEST_VERSION}). Upgrade the server.`);
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    // READ COMMITTED: the check below must see a migration another process committed while this one waited for the lock.
    await database.kysely.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(tx);
      const applied = await sql<{ n: number }>`SELECT count(*) AS n FROM schema_migrations WHERE version = ${migration.version}`.execute(tx);
      if (Number(applied.rows[0]?.n ?? 0) > 0) return;
      await sql.raw(postgresSql(migration)).execute(tx);
      await sql`INSERT INTO schema_migrations (version, description, applied_at) VALUES (${migration.version}, ${migration.description}, ${new Date().toISOString()})`.execute(tx);
    });
  }
};

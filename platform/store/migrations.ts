import type { Db } from './sqlite';

interface Migration {
  version: number;
  description: string;
  sql: string;
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

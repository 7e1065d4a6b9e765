import { GENESIS_HASH, revisionHash } from '@shared/review/historyChain';
import type { Db } from './database';

export interface Migration {
  /** 1, 2, 3 ... in order; the database's user_version is the last one applied. */
  version: number;
  description: string;
  up(db: Db): void;
}

/**
 * Forward-only. Never edit a migration that has shipped: add the next one. Snapshots from the platform
 * (tasks) live apart from local work (task_state, drafts, outbox, submissions), so a pull never
 * overwrites what the expert wrote.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'tasks, full-text search, local work, outbox, settings',
    up(db) {
      db.exec(`
        CREATE TABLE tasks (
          id TEXT PRIMARY KEY,
          -- Stable rowid for tasks_fts: an implicit rowid may change on VACUUM.
          search_id INTEGER NOT NULL UNIQUE,
          project TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('ranking', 'reasoning', 'trajectory')),
          version INTEGER NOT NULL,
          title TEXT NOT NULL,
          guidelines TEXT NOT NULL,
          payload_json TEXT NOT NULL,
          lease_json TEXT,
          excerpt TEXT NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('demo', 'import', 'platform')),
          received_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX tasks_project ON tasks(project);

        CREATE VIRTUAL TABLE tasks_fts USING fts5(title, prompt, tokenize = 'unicode61 remove_diacritics 2');

        CREATE TABLE task_state (
          task_id TEXT PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
          status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'submitted', 'returned', 'accepted')),
          updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE drafts (
          task_id TEXT PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
          revision INTEGER NOT NULL CHECK (revision >= 1),
          annotation_json TEXT NOT NULL,
          active_seconds REAL NOT NULL DEFAULT 0,
          saved_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE draft_revisions (
          task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
          revision INTEGER NOT NULL,
          annotation_json TEXT NOT NULL,
          active_seconds REAL NOT NULL DEFAULT 0,
          saved_at TEXT NOT NULL,
          UNIQUE (task_id, revision)
        ) STRICT;

        -- AUTOINCREMENT: a client mutation id is never reused, even after the newest entry is deleted.
        CREATE TABLE outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          op TEXT NOT NULL CHECK (op IN ('save_draft', 'submit')),
          task_id TEXT NOT NULL,
          payload_json TEXT NOT NULL,
          idempotency_key TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed'))
        ) STRICT;

        CREATE TABLE submissions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
          revision INTEGER NOT NULL,
          annotation_json TEXT NOT NULL,
          idempotency_key TEXT NOT NULL UNIQUE,
          submitted_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX submissions_task ON submissions(task_id, id);

        CREATE TABLE reviews (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
          verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'returned', 'fixed')),
          comments_json TEXT NOT NULL,
          reviewer TEXT NOT NULL,
          reviewed_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX reviews_task ON reviews(task_id, reviewed_at);

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value_json TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    description: 'indexes for the sync loop (pending outbox in order) and the inbox (status, recency)',
    up(db) {
      db.exec(`
        CREATE INDEX outbox_state_id ON outbox(state, id);
        CREATE INDEX task_state_status ON task_state(status, updated_at);
      `);
    },
  },
  {
    version: 3,
    description: 'sync with the platform: cursor and account, per-task assignment flags, quarantine, outbox outcomes, remote reviews',
    up(db) {
      db.exec(`
        -- Small named values of the sync engine (cursor, client id, account, snapshot progress), JSON-encoded.
        -- The account's API token lives here: the whole file is encrypted with the key the KeyProvider seals.
        CREATE TABLE sync_meta (
          key TEXT PRIMARY KEY,
          value_json TEXT NOT NULL
        ) STRICT;

        -- What the platform says about a task the expert holds; kept apart from the snapshot and from local work.
        CREATE TABLE task_sync (
          task_id TEXT PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
          assignment_id TEXT,
          assignment_state TEXT,
          last_submission_id TEXT,
          -- Set when the platform revoked or reassigned the task while this computer still held unsynced work.
          revoked_reason TEXT,
          revoked_at TEXT
        ) STRICT;

        -- Work or data set aside, never discarded: a change the app could not read, or work the platform refused
        -- because the lease was lost. No foreign key: an unreadable task may not exist locally at all.
        CREATE TABLE sync_quarantine (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          task_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('invalid_change', 'lease_lost')),
          message TEXT NOT NULL,
          raw_json TEXT,
          remote_id TEXT,
          created_at TEXT NOT NULL,
          resolved_at TEXT
        ) STRICT;
        CREATE INDEX sync_quarantine_open ON sync_quarantine(resolved_at, task_id);

        -- How an outbox entry ended: applied, duplicate, coalesced, lease_lost, rejected, retried; and the
        -- platform's submission id for an applied submit.
        ALTER TABLE outbox ADD COLUMN resolution TEXT;
        ALTER TABLE outbox ADD COLUMN remote_id TEXT;
        CREATE INDEX outbox_task_state ON outbox(task_id, state);

        -- Reviews pulled from the platform are stored once, by their platform id.
        ALTER TABLE reviews ADD COLUMN remote_id TEXT;
        ALTER TABLE reviews ADD COLUMN submission_id TEXT;
        ALTER TABLE reviews ADD COLUMN fixed_annotation_json TEXT;
        CREATE UNIQUE INDEX reviews_remote_id ON reviews(remote_id) WHERE remote_id IS NOT NULL;
      `);
    },
  },
  {
    version: 4,
    description: 'a contentless search index (no second copy of every prompt), merged less eagerly',
    up(db) {
      // tasks_fts kept its own copy of every title and prompt, which nothing reads: the inbox asks it for rowids
      // only. A contentless table (deletable by rowid) indexes the same words without the copy, and a higher
      // automerge rewrites fewer index pages per sync page. The old table's content fills the new one.
      db.exec(`
        CREATE VIRTUAL TABLE tasks_fts_v4 USING fts5(title, prompt, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO tasks_fts_v4 (tasks_fts_v4, rank) VALUES ('automerge', 16);
        INSERT INTO tasks_fts_v4 (rowid, title, prompt) SELECT rowid, title, substr(prompt, 1, 8192) FROM tasks_fts;
        DROP TABLE tasks_fts;
        ALTER TABLE tasks_fts_v4 RENAME TO tasks_fts;
      `);
    },
  },
  {
    version: 5,
    description: 'task versions pinned per draft: the payload a draft, submission or unsynced change was made against is kept',
    up(db) {
      // tasks holds the latest version; task_versions keeps an older one while local work refers to it. Each draft
      // revision and submission records its version; existing ones were made against the version stored now
      // (older payloads were not kept before this migration).
      db.exec(`
        CREATE TABLE task_versions (
          task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          project TEXT NOT NULL,
          title TEXT NOT NULL,
          guidelines TEXT NOT NULL,
          payload_json TEXT NOT NULL,
          received_at TEXT NOT NULL,
          PRIMARY KEY (task_id, version)
        ) STRICT;
        ALTER TABLE drafts ADD COLUMN task_version INTEGER;
        -- The newest task version the expert chose to keep working past (on the draft's own version).
        ALTER TABLE drafts ADD COLUMN kept_through_version INTEGER;
        ALTER TABLE draft_revisions ADD COLUMN task_version INTEGER;
        ALTER TABLE submissions ADD COLUMN task_version INTEGER;
        UPDATE drafts SET task_version = (SELECT version FROM tasks WHERE tasks.id = drafts.task_id);
        UPDATE draft_revisions SET task_version = (SELECT version FROM tasks WHERE tasks.id = draft_revisions.task_id);
        UPDATE submissions SET task_version = (SELECT version FROM tasks WHERE tasks.id = submissions.task_id);
      `);
    },
  },
  {
    version: 6,
    description: 'the inbox order as an index (status, recency, id): windows of the inbox by keyset instead of sorting every task',
    up(db) {
      // The inbox sorts by status (returned, in progress, new, submitted, accepted), then by the later of the
      // task's arrival and its last local change, newest first. Both halves live in two tables, so no index could
      // serve the old ORDER BY: every listing sorted every task. `recency` (minus epoch ms, so ascending is newest
      // first) is kept by triggers from both tables, and one index in inbox order makes a window a range scan.
      db.exec(`
        ALTER TABLE task_state ADD COLUMN status_rank INTEGER GENERATED ALWAYS AS (
          CASE status WHEN 'returned' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'new' THEN 2 WHEN 'submitted' THEN 3 ELSE 4 END
        ) VIRTUAL;
        ALTER TABLE task_state ADD COLUMN recency INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX task_state_inbox ON task_state(status_rank, recency, task_id);

        CREATE TRIGGER task_state_recency_insert AFTER INSERT ON task_state BEGIN
          UPDATE task_state SET recency = -CAST(round((julianday(max(NEW.updated_at,
            (SELECT received_at FROM tasks WHERE id = NEW.task_id))) - 2440587.5) * 86400000) AS INTEGER)
          WHERE task_id = NEW.task_id;
        END;
        CREATE TRIGGER task_state_recency_update AFTER UPDATE OF updated_at ON task_state BEGIN
          UPDATE task_state SET recency = -CAST(round((julianday(max(NEW.updated_at,
            (SELECT received_at FROM tasks WHERE id = NEW.task_id))) - 2440587.5) * 86400000) AS INTEGER)
          WHERE task_id = NEW.task_id;
        END;
        CREATE TRIGGER tasks_recency_update AFTER UPDATE OF received_at ON tasks BEGIN
          UPDATE task_state SET recency = -CAST(round((julianday(max(updated_at, NEW.received_at)) - 2440587.5) * 86400000) AS INTEGER)
          WHERE task_id = NEW.id;
        END;

        UPDATE task_state SET recency = -CAST(round((julianday(max(updated_at,
          (SELECT received_at FROM tasks WHERE id = task_state.task_id))) - 2440587.5) * 86400000) AS INTEGER);
      `);
    },
  },
  {
    version: 7,
    description: 'a staging table for imports read in chunks: nothing reaches tasks until the whole file was read',
    up(db) {
      // Tasks of a file still being read wait here, in the encrypted file rather than in memory; the last step moves
      // them into tasks in one transaction, so a cancelled, failed or interrupted import leaves tasks as they were.
      db.exec(`
        CREATE TABLE import_staging (
          import_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          task_json TEXT NOT NULL,
          PRIMARY KEY (import_id, seq)
        ) STRICT, WITHOUT ROWID;
      `);
    },
  },
  {
    version: 8,
    description: 'a trajectory keeps its whole payload apart; the tasks row holds the copy a workspace opens',
    up(db) {
      // A 20 MB run in tasks.payload_json made every read of the row walk (and decrypt) its overflow pages, even
      // for columns stored after it (lease, excerpt, source). Rows written before keep their whole payload in
      // tasks.payload_json and have no row here; reads handle both.
      db.exec(`
        CREATE TABLE task_payloads (
          task_id TEXT PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
          payload_json TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 9,
    description: 'the hash chain of draft revisions; the review queue and the verdicts waiting to be sent',
    up(db) {
      db.exec(`
        ALTER TABLE draft_revisions ADD COLUMN author TEXT;
        ALTER TABLE draft_revisions ADD COLUMN chain_hash TEXT;

        -- A reviewer's queue as the platform last served it (server-owned; replaced at every pull).
        CREATE TABLE review_queue (
          submission_id TEXT PRIMARY KEY,
          project TEXT NOT NULL,
          task_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          title TEXT NOT NULL,
          expert TEXT NOT NULL,
          submitted_at TEXT NOT NULL,
          item_json TEXT NOT NULL,
          fetched_at TEXT NOT NULL
        ) STRICT;

        -- A reviewer's verdicts: local work, sent once each (the idempotency key makes a resend harmless).
        CREATE TABLE review_outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          submission_id TEXT NOT NULL UNIQUE,
          task_id TEXT NOT NULL,
          verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'returned', 'fixed')),
          request_json TEXT NOT NULL,
          idempotency_key TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
          review_json TEXT
        ) STRICT;
      `);
      // Revisions written before get their chain now: from here on a change to any of them is caught.
      const rows = db
        .prepare<[], { task_id: string; revision: number; annotation_json: string; active_seconds: number; saved_at: string; task_version: number | null }>(
          'SELECT task_id, revision, annotation_json, active_seconds, saved_at, task_version FROM draft_revisions ORDER BY task_id, revision',
        )
        .all();
      const update = db.prepare<[string, string, number]>('UPDATE draft_revisions SET chain_hash = ? WHERE task_id = ? AND revision = ?');
      let task = '';
      let previous = GENESIS_HASH;
      for (const row of rows) {
        if (row.task_id !== task) [task, previous] = [row.task_id, GENESIS_HASH];
        previous = revisionHash(previous, {
          taskId: row.task_id,
          revision: row.revision,
          taskVersion: row.task_version,
          activeSeconds: row.active_seconds,
          savedAt: row.saved_at,
          author: null,
          annotation: JSON.parse(row.annotation_json) as unknown,
        });
        update.run(previous, row.task_id, row.revision);
      }
    },
  },
  {
    version: 10,
    description: "activity signals (large pastes: size and time, never content); an expert's replies to review comments waiting to be sent",
    up(db) {
      db.exec(`
        CREATE TABLE paste_signals (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          task_id TEXT NOT NULL,
          target TEXT NOT NULL,
          chars INTEGER NOT NULL,
          at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX paste_signals_task ON paste_signals(task_id);

        -- An expert's replies: local work, sent once each (the idempotency key makes a resend harmless).
        CREATE TABLE reply_outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          task_id TEXT NOT NULL,
          review_id TEXT NOT NULL,
          comment_id TEXT NOT NULL,
          body TEXT NOT NULL,
          idempotency_key TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed'))
        ) STRICT;
        CREATE INDEX reply_outbox_task ON reply_outbox(task_id);
      `);
    },
  },
  {
    version: 11,
    description: 'the inbox recency triggers stand aside when a write sets the recency itself (imports, saves); one status index less',
    up(db) {
      // The triggers of migration 6 wrote each new or touched task_state row a second time (an UPDATE after the
      // INSERT, with its index entry moved). Writers that compute the recency in the same statement now skip them;
      // any other writer (a recency left at 0, or unchanged by an update of updated_at) still gets it from the trigger.
      db.exec(`
        DROP TRIGGER task_state_recency_insert;
        DROP TRIGGER task_state_recency_update;
        -- The per-status counts read the inbox index (status_rank) now: one index less to move on every save.
        DROP INDEX task_state_status;
        CREATE TRIGGER task_state_recency_insert AFTER INSERT ON task_state WHEN NEW.recency = 0 BEGIN
          UPDATE task_state SET recency = -CAST(round((julianday(max(NEW.updated_at,
            (SELECT received_at FROM tasks WHERE id = NEW.task_id))) - 2440587.5) * 86400000) AS INTEGER)
          WHERE task_id = NEW.task_id;
        END;
        CREATE TRIGGER task_state_recency_update AFTER UPDATE OF updated_at ON task_state WHEN NEW.recency = OLD.recency BEGIN
          UPDATE task_state SET recency = -CAST(round((julianday(max(NEW.updated_at,
            (SELECT received_at FROM tasks WHERE id = NEW.task_id))) - 2440587.5) * 86400000) AS INTEGER)
          WHERE task_id = NEW.task_id;
        END;
      `);
    },
  },
  {
    version: 12,
    description: 'imports write each task once (pending until they land) and are indexed for search after they land',
    up(db) {
      // Indexing 100,000 prompts cost as much as writing their rows; a large import now lands without it and the
      // core indexes the backlog in small batches afterwards (searchIndexer.ts). The list is durable: an index left
      // half done by a quit or a crash is finished at the next start.
      // import_pending names the tasks rows an import wrote before it landed (no status row yet: out of the inbox),
      // or holds a task already stored that it will replace (pendingImport.ts); import_staging is no longer used.
      db.exec(`
        CREATE TABLE search_backlog (search_id INTEGER PRIMARY KEY) STRICT;
        CREATE TABLE import_pending (
          import_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          task_id TEXT NOT NULL,
          -- A task the import wrote: its search id. Null: task_json holds a task already stored, replaced on landing.
          search_id INTEGER,
          task_json TEXT,
          -- Set when another write (a sync) took the row over before the import landed: that writer's source.
          taken_by TEXT,
          PRIMARY KEY (import_id, seq)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX import_pending_search_id ON import_pending(search_id) WHERE search_id IS NOT NULL;
        DROP TABLE import_staging;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations.length;

export class StoreTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `Your data was written by a newer version of Assay (schema ${found}; this version knows up to ${known}). ` +
        'Install the latest Assay to open it. Nothing was changed.',
    );
    this.name = 'StoreTooNewError';
  }
}

export const schemaVersionOf = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

/** Applies every migration above the database's version, each in its own transaction. */
export const migrate = (db: Db, target: number = LATEST_SCHEMA_VERSION): number => {
  const current = schemaVersionOf(db);
  if (current > LATEST_SCHEMA_VERSION) throw new StoreTooNewError(current, LATEST_SCHEMA_VERSION);
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      // user_version lives in the file header, written by the same transaction: both land or neither.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersionOf(db);
};

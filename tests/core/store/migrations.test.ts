import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase, type Db } from '../../../electron/core/store/database';
import { LATEST_SCHEMA_VERSION, migrate, migrations, schemaVersionOf, StoreTooNewError } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/openStore';
import { putTasks, saveDraft } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

const schemaOf = (db: Db): string[] =>
  db
    .prepare<[], string>("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .pluck()
    .all();

/** Raw SQL in the shape of schema 1, so the test does not lean on today's repositories. */
const seedVersion1 = (db: Db): void => {
  db.exec(`
    INSERT INTO tasks (id, search_id, project, kind, version, title, guidelines, payload_json, lease_json, excerpt, source, received_at)
    VALUES ('old', 1, 'p', 'ranking', 1, 'Old task', '', '${JSON.stringify(rankingTask('old').payload)}', NULL, 'x', 'import', '2026-01-01T00:00:00.000Z');
    INSERT INTO tasks_fts (rowid, title, prompt) VALUES (1, 'Old task', 'an ancient prompt');
    INSERT INTO task_state VALUES ('old', 'in_progress', '2026-01-02T00:00:00.000Z');
    INSERT INTO drafts VALUES ('old', 1, '${JSON.stringify(rankingAnnotation('from v1'))}', 12, '2026-01-02T00:00:00.000Z');
    INSERT INTO draft_revisions VALUES ('old', 1, '${JSON.stringify(rankingAnnotation('from v1'))}', 12, '2026-01-02T00:00:00.000Z');
    INSERT INTO outbox (op, task_id, payload_json, idempotency_key, created_at) VALUES ('save_draft', 'old', '{}', 'k-1', '2026-01-02T00:00:00.000Z');
  `);
};

describe('migrations', () => {
  it('are numbered 1, 2, 3 ... without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });

  it('build the latest schema from an empty database', () => {
    const db = openEncryptedDatabase(join(tempDir(), 'a.db'), randomBytes(32));
    expect(schemaVersionOf(db)).toBe(0);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  for (let from = 1; from < LATEST_SCHEMA_VERSION; from += 1) {
    it(`upgrade a version ${from} database to the same schema as a fresh one, keeping its data`, () => {
      const dir = tempDir();
      const key = randomBytes(32);
      const path = join(dir, 'old.db');
      const old = openEncryptedDatabase(path, key);
      migrate(old, from);
      expect(schemaVersionOf(old)).toBe(from);
      if (from === 1) seedVersion1(old);
      old.close();

      const { store } = openStore(path, key);
      expect(schemaVersionOf(store.db)).toBe(LATEST_SCHEMA_VERSION);
      const fresh = openEncryptedDatabase(join(dir, 'fresh.db'), randomBytes(32));
      migrate(fresh);
      expect(schemaOf(store.db)).toEqual(schemaOf(fresh));
      fresh.close();

      if (from === 1) {
        expect(store.drafts.get('old')).toMatchObject({ revision: 1, activeSeconds: 12, annotation: { justification: 'from v1' } });
        expect(store.tasks.list({ query: 'ancient' }).map((t) => t.id)).toEqual(['old']);
        expect(store.outbox.pendingCount()).toBe(1);
        putTasks(store, [rankingTask('new')], 'import');
        saveDraft(store, { taskId: 'old', annotation: rankingAnnotation('after upgrade'), activeSeconds: 13 });
        expect(store.outbox.pending().map((e) => e.id)).toEqual([1, 2]);
      }
      store.close();
    });
  }

  it('roll a failed migration back whole, leaving the version where it was', () => {
    const db = openEncryptedDatabase(join(tempDir(), 'a.db'), randomBytes(32));
    migrate(db, 1);
    db.exec('CREATE INDEX outbox_state_id ON outbox(id)'); // makes migration 2 collide halfway
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(schemaVersionOf(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'task_state_status'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuse a database written by a newer app, and leave it untouched', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const path = join(dir, 'future.db');
    const db = openEncryptedDatabase(path, key);
    migrate(db);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();

    expect(() => openStore(path, key)).toThrow(StoreTooNewError);
    expect(() => openStore(path, key)).toThrow(/newer version of Assay/);
    const again = openEncryptedDatabase(path, key);
    expect(schemaVersionOf(again)).toBe(LATEST_SCHEMA_VERSION + 1);
    again.close();
  });
});

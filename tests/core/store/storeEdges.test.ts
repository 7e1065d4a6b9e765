import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnreadableDatabaseError, openEncryptedDatabase, sqliteCodeOf } from '../../../electron/core/store/database';
import { moveDatabaseAside } from '../../../electron/core/store/moveAside';
import { BATCH_CHECKPOINT_PAGES } from '../../../electron/core/store/store';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';
import { seededRandom } from '../../support/seed';

const tempDir = useTempDirs();
const coded = (code: unknown): Error => Object.assign(new Error('x'), { code });

describe('the store, at its edges', () => {
  it('restores the usual autocheckpoint after nested batches, not the batch setting', async () => {
    const { store } = openTestStore(tempDir());
    try {
      const usual = store.db.pragma('wal_autocheckpoint', { simple: true });
      expect(usual).not.toBe(BATCH_CHECKPOINT_PAGES);
      await store.withBatchedCheckpoints(() => store.withBatchedCheckpoints(async () => undefined));
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(usual);
    } finally {
      store.close();
    }
  });

  it('closes its database, and a second close is harmless', () => {
    const { store } = openTestStore(tempDir());
    store.close();
    expect(store.db.open).toBe(false);
    expect(() => store.close()).not.toThrow();
  });

  it('tells an unreadable database (not a database, corrupt) from other failures', () => {
    for (const code of ['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX']) expect(isUnreadableDatabaseError(coded(code)), code).toBe(true);
    for (const code of ['SQLITE_BUSY', 'SQLITE_CANTOPEN', 'EACCES']) expect(isUnreadableDatabaseError(coded(code)), code).toBe(false);
    expect(isUnreadableDatabaseError(new Error('no code'))).toBe(false);
    expect(isUnreadableDatabaseError({ code: 'SQLITE_NOTADB' })).toBe(false);
    expect(sqliteCodeOf(coded(7))).toBeNull();
    expect(sqliteCodeOf(coded('SQLITE_FULL'))).toBe('SQLITE_FULL');
  });

  it('opens read-only without switching the journal (a probe must not write), and closes what it failed to open', () => {
    const dir = tempDir();
    const key = Buffer.alloc(32, 7);
    const path = join(dir, 'a.db');
    openEncryptedDatabase(path, key).close();
    const probe = openEncryptedDatabase(path, key, { readonly: true });
    expect(probe.readonly).toBe(true);
    probe.close();
    expect(() => openEncryptedDatabase(path, Buffer.alloc(32, 8))).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
    // The failed open let go of the file: it can be moved aside at once.
    const moved = moveDatabaseAside(path, new Date('2026-01-01T00:00:00.000Z'));
    expect(existsSync(moved)).toBe(true);
    expect(() => openEncryptedDatabase(path, Buffer.alloc(31))).toThrow('A database key must be 32 bytes, got 31.');
  });

  it('never moves a database onto an earlier moved copy: each move in the same instant gets its own name', () => {
    const dir = tempDir();
    const path = join(dir, 'x.db');
    const at = new Date('2026-01-01T00:00:00.000Z');
    const random = seededRandom();
    const contents: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = `copy ${i} ${random()}`;
      contents.push(body);
      writeFileSync(path, body);
      if (i === 1) writeFileSync(`${path}-wal`, `wal ${i}`);
      moveDatabaseAside(path, at);
    }
    const moved = readdirSync(dir).sort();
    expect(moved).toEqual([
      'x.db.corrupt-2026-01-01T00-00-00-000Z',
      'x.db.corrupt-2026-01-01T00-00-00-000Z-1',
      'x.db.corrupt-2026-01-01T00-00-00-000Z-1-wal',
      'x.db.corrupt-2026-01-01T00-00-00-000Z-2',
    ]);
    expect(readFileSync(join(dir, 'x.db.corrupt-2026-01-01T00-00-00-000Z'), 'utf8')).toBe(contents[0]);
    expect(readFileSync(join(dir, 'x.db.corrupt-2026-01-01T00-00-00-000Z-2'), 'utf8')).toBe(contents[2]);
    // A leftover side file alone also takes the name: the database must not be paired with someone else's WAL.
    writeFileSync(join(dir, 'y.db'), 'y');
    writeFileSync(join(dir, 'y.db.corrupt-2026-01-01T00-00-00-000Z-wal'), 'stray wal');
    expect(moveDatabaseAside(join(dir, 'y.db'), at)).toBe(join(dir, 'y.db.corrupt-2026-01-01T00-00-00-000Z-1'));
    // With nothing there, nothing is made up.
    expect(moveDatabaseAside(join(dir, 'absent.db'), at)).toBe(join(dir, 'absent.db.corrupt-2026-01-01T00-00-00-000Z'));
    expect(existsSync(join(dir, 'absent.db.corrupt-2026-01-01T00-00-00-000Z'))).toBe(false);
  });
});

import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../electron/core/store/database';
import { openStore } from '../../../electron/core/store/openStore';
import { putTasks } from '../../../electron/core/store/workflow';
import { rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();
const at = new Date('2026-11-23T08:30:00.000Z');

const makeStoreWithTask = (dir: string, key: Buffer): string => {
  const path = join(dir, 'acct.assay.db');
  const { store } = openStore(path, key);
  putTasks(store, [rankingTask('precious')], 'import');
  store.close();
  return path;
};

describe('opening the store at startup', () => {
  it('opens an existing healthy store with no notice', () => {
    const key = randomBytes(32);
    const path = makeStoreWithTask(tempDir(), key);
    const { store, notice } = openStore(path, key);
    expect(notice).toBeNull();
    expect(store.tasks.get('precious')).not.toBeNull();
    store.close();
  });

  it('moves a garbled file aside (never deleting it), starts fresh and explains what to do', () => {
    const dir = tempDir();
    const path = join(dir, 'acct.assay.db');
    const garbage = randomBytes(64 * 1024);
    writeFileSync(path, garbage);
    writeFileSync(`${path}-wal`, 'left-over wal');

    const { store, notice } = openStore(path, randomBytes(32), () => at);

    const aside = `${path}.corrupt-2026-11-23T08-30-00-000Z`;
    expect(readFileSync(aside).equals(garbage)).toBe(true);
    expect(readFileSync(`${aside}-wal`, 'utf8')).toBe('left-over wal');
    expect(notice).toContain(aside);
    expect(notice).toMatch(/Nothing was deleted/);
    expect(notice).toMatch(/contact support/);
    expect(store.tasks.count()).toBe(0);
    putTasks(store, [rankingTask('fresh')], 'import');
    expect(store.tasks.count()).toBe(1);
    store.close();
  });

  it('moves aside a store that cannot be read with this key, WAL included, so the old key can still recover it', () => {
    const dir = tempDir();
    const oldKey = randomBytes(32);
    const path = join(dir, 'acct.assay.db');
    const { store: live } = openStore(join(dir, 'live.db'), oldKey);
    live.db.pragma('wal_checkpoint(TRUNCATE)');
    putTasks(live, [rankingTask('precious')], 'import');
    // Copy while open: the task exists only in the WAL, as after a crash.
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(join(dir, `live.db${suffix}`), `${path}${suffix}`);
    live.close();

    const { store, notice } = openStore(path, randomBytes(32), () => at);
    store.close();

    expect(notice).toMatch(/different key/);
    const aside = `${path}.corrupt-2026-11-23T08-30-00-000Z`;
    expect(existsSync(`${aside}-wal`)).toBe(true);
    const recovered = openEncryptedDatabase(aside, oldKey);
    expect(recovered.prepare('SELECT id FROM tasks').pluck().all()).toEqual(['precious']);
    recovered.close();
  });

  it('moves aside a store whose pages are damaged though its header still opens', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const path = join(dir, 'acct.assay.db');
    const { store: first } = openStore(path, key);
    putTasks(first, Array.from({ length: 300 }, (_, i) => rankingTask(`t${i}`, `prompt ${i} `.repeat(50))), 'import');
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    first.close();
    const bytes = readFileSync(path);
    // Scribble over pages past the first, leaving page 1 (schema) readable.
    randomBytes(bytes.length - 8192).copy(bytes, 8192);
    writeFileSync(path, bytes);

    const { store, notice } = openStore(path, key, () => at);
    store.close();
    expect(notice).toMatch(/damaged/);
    expect(existsSync(`${path}.corrupt-2026-11-23T08-30-00-000Z`)).toBe(true);
  });

  it('never overwrites an earlier moved-aside file', () => {
    const dir = tempDir();
    const path = join(dir, 'acct.assay.db');
    for (let i = 0; i < 2; i += 1) {
      writeFileSync(path, randomBytes(8192));
      openStore(path, randomBytes(32), () => at).store.close();
    }
    const aside = readdirSync(dir).filter((f) => f.includes('.corrupt-') && !f.endsWith('-wal') && !f.endsWith('-shm'));
    expect(aside.sort()).toEqual(['acct.assay.db.corrupt-2026-11-23T08-30-00-000Z', 'acct.assay.db.corrupt-2026-11-23T08-30-00-000Z-1']);
  });
});

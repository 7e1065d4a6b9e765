import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../electron/core/store/database';
import { Database } from '../../../electron/core/store/sqliteDriver';
import { putTasks, saveDraft } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();

const containsText = (path: string, text: string): boolean => {
  if (!existsSync(path)) return false;
  const bytes = readFileSync(path);
  return bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));
};

describe('the database at rest', () => {
  it('holds no plaintext of prompts or drafts, in the file or its WAL', () => {
    const secretPrompt = `prompt-${randomUUID()}`;
    const secretDraft = `draft-${randomUUID()}`;
    const { store, path } = openTestStore(tempDir());
    putTasks(store, [rankingTask('t1', `Please review ${secretPrompt} carefully.`)], 'import');
    saveDraft(store, { taskId: 't1', annotation: rankingAnnotation(secretDraft), activeSeconds: 1 });
    // Self-check: the strings really are in the database, so their absence below means something.
    expect(store.tasks.list({ query: secretPrompt }).map((t) => t.id)).toEqual(['t1']);

    expect(existsSync(`${path}-wal`)).toBe(true);
    for (const file of [path, `${path}-wal`]) {
      expect(containsText(file, secretPrompt), file).toBe(false);
      expect(containsText(file, secretDraft), file).toBe(false);
    }
    store.close();
    expect(containsText(path, secretPrompt)).toBe(false);
    expect(containsText(path, secretDraft)).toBe(false);
    expect(readFileSync(path).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('does not open without the key or with another key', () => {
    const { store, path, key } = openTestStore(tempDir());
    putTasks(store, [rankingTask('t1')], 'import');
    store.close();

    const plain = new Database(path);
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
    plain.close();
    expect(() => openEncryptedDatabase(path, randomBytes(32))).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));

    const right = openEncryptedDatabase(path, key);
    expect(right.prepare('SELECT id FROM tasks').pluck().all()).toEqual(['t1']);
    right.close();
  });
});

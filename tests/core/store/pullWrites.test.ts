import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { plainTextOf } from '../../../shared/markdown/plainText';
import { BATCH_CHECKPOINT_PAGES, type Store } from '../../../electron/core/store/store';
import { FTS_PROMPT_CHARS } from '../../../electron/core/store/searchPrompt';
import { excerptOf } from '../../../electron/core/store/taskColumns';
import { rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';
import { startSyncPlatform } from '../../support/sync/syncHarness';
import { createPlatformClient } from '../../../electron/core/sync/platformClient';
import { pull } from '../../../electron/core/sync/pull';

const tempDir = useTempDirs();
let store: Store;
let dbPath: string;
beforeEach(() => {
  const opened = openTestStore(tempDir());
  store = opened.store;
  dbPath = opened.path;
});
afterEach(() => store.close());

/**
 * Counts the explicit WAL checkpoints run on the store's connection. The database file only grows when a
 * checkpoint copies pages from the WAL back into it, so its size tells whether one really ran, without the
 * test running one itself.
 */
const watchCheckpoints = () => {
  const pragma = vi.spyOn(store.db, 'pragma');
  return () => pragma.mock.calls.filter(([source]) => /^\s*wal_checkpoint/i.test(source)).length;
};
const dbFileSize = (): number => statSync(dbPath).size;

const receivedAt = (id: string): string =>
  store.db.prepare<[string], string>('SELECT received_at FROM tasks WHERE id = ?').pluck().get(id) ?? '';
const search = (q: string): string[] => store.tasks.list({ query: q }).map((t) => t.id);

describe('what a pull writes', () => {
  it('writes nothing for a task identical to the stored one, and everything for a changed one', () => {
    const task = rankingTask('t1', 'Why is the sky blue?');
    store.transaction(() => store.tasks.upsert(task, 'platform', '2026-01-01T00:00:00.000Z'));
    const changesBefore = store.db.prepare<[], number>('SELECT total_changes()').pluck().get() ?? 0;
    expect(store.transaction(() => store.tasks.upsert(task, 'platform', '2026-02-01T00:00:00.000Z'))).toBe(false);
    expect(store.db.prepare<[], number>('SELECT total_changes()').pluck().get()).toBe(changesBefore);
    expect(receivedAt('t1')).toBe('2026-01-01T00:00:00.000Z');
    expect(search('sky')).toEqual(['t1']);

    const changed = { ...task, version: task.version + 1, payload: { ...task.payload, conversation: [{ role: 'user' as const, content: 'Why is grass green?' }] } };
    store.transaction(() => store.tasks.upsert(changed, 'platform', '2026-03-01T00:00:00.000Z'));
    expect(receivedAt('t1')).toBe('2026-03-01T00:00:00.000Z');
    expect(store.tasks.get('t1')?.version).toBe(task.version + 1);
    expect(search('sky')).toEqual([]);
    expect(search('grass')).toEqual(['t1']);

    // A new lease alone is a change too.
    const leased = { ...changed, lease: { holder: 'me', expiresAt: '2026-04-01T00:00:00.000Z' } };
    store.transaction(() => store.tasks.upsert(leased, 'platform', '2026-03-02T00:00:00.000Z'));
    expect(store.tasks.get('t1')?.lease).toEqual(leased.lease);
  });

  it('indexes the title and the start of a long prompt, and keeps no second copy of the text', () => {
    const long = `opening words ${'filler '.repeat(FTS_PROMPT_CHARS / 7)} farawayword`;
    store.transaction(() => store.tasks.upsert(rankingTask('long', long), 'platform', '2026-01-01T00:00:00.000Z'));
    expect(search('opening')).toEqual(['long']);
    expect(search('Ranking long')).toEqual(['long']);
    expect(search('farawayword')).toEqual([]);
    expect(store.db.prepare('SELECT title, prompt FROM tasks_fts').all()).toEqual([{ title: null, prompt: null }]);
  });

  it('makes the same excerpt as flattening the whole prompt', () => {
    const texts = [
      'Why is the sky blue?\n\n   Explain   Rayleigh scattering.',
      `  ${'word '.repeat(400)}`,
      `${'a'.repeat(199)}   b`,
      `${'x '.repeat(99)}y${' '.repeat(1000)}z`,
      `plain ${'text '.repeat(100)} then **bold** and \`code\``,
      '',
      '   ',
      `${'long\tline\n'.repeat(300)}`,
    ];
    for (const text of texts) {
      const flat = plainTextOf(text);
      expect(excerptOf(text)).toBe(flat.length <= 200 ? flat : `${flat.slice(0, 199).trimEnd()}…`);
    }
  });

  it('checkpoints once after a batch and restores the usual autocheckpoint, even when the batch fails', async () => {
    const usual = store.db.pragma('wal_autocheckpoint', { simple: true });
    let inside: unknown = null;
    await expect(
      store.withBatchedCheckpoints(async () => {
        inside = store.db.pragma('wal_autocheckpoint', { simple: true });
        store.transaction(() => store.tasks.upsert(rankingTask('t2'), 'platform', '2026-01-01T00:00:00.000Z'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(inside).toBe(BATCH_CHECKPOINT_PAGES);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(usual);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('runs the closing checkpoint exactly once, after the outermost batch, even when the batch fails', async () => {
    const checkpoints = watchCheckpoints();
    const sizeBefore = dbFileSize();
    await expect(
      store.withBatchedCheckpoints(async () => {
        await store.withBatchedCheckpoints(async () => {
          for (let i = 0; i < 50; i++) store.transaction(() => store.tasks.upsert(rankingTask(`t${i}`, 'x'.repeat(2000)), 'platform', '2026-01-01T00:00:00.000Z'));
        });
        expect(checkpoints()).toBe(0);
        // Still inside the batch: everything is in the WAL, the database file has not grown.
        expect(dbFileSize()).toBe(sizeBefore);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(checkpoints()).toBe(1);
    expect(dbFileSize()).toBeGreaterThan(sizeBefore);
  });

  it('a pull checkpoints the WAL exactly once, at its end', async () => {
    const platform = await startSyncPlatform();
    try {
      const { token } = await platform.seedExpert('ann', 'pw', 24);
      const client = createPlatformClient({ baseUrl: platform.server.url, token, timeoutMs: 5_000 });
      const checkpoints = watchCheckpoints();
      const sizeBefore = dbFileSize();
      const outcome = await pull({ store, client, pageSize: 5 });
      expect(outcome.pages).toBeGreaterThan(3);
      expect(store.tasks.list({}).length).toBe(24);
      expect(checkpoints()).toBe(1);
      expect(dbFileSize()).toBeGreaterThan(sizeBefore);
    } finally {
      await platform.close();
    }
  });
});

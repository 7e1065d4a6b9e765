import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importTasksFromText } from '@shared/formats/importTasks';
import { createChunkedImports } from '../../../electron/core/import/chunkedImport';
import { INDEX_AT_ONCE_UP_TO } from '../../../electron/core/import/pendingImport';
import { createSearchIndexer } from '../../../electron/core/store/searchIndexer';
import type { Store } from '../../../electron/core/store/store';
import { putTasks } from '../../../electron/core/store/workflow';
import { rankingTask, reasoningTask, toJsonl, trajectoryTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
let dir: string;
let key: Buffer;
beforeEach(() => {
  dir = tempDir();
  ({ store, key } = openTestStore(dir));
});
afterEach(() => store.close());

/** More tasks than an import indexes in its own transaction, each findable by its own word and by a shared one. */
const MANY = INDEX_AT_ONCE_UP_TO + 150;
const WORD = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa'];
const wordOf = (i: number): string => `${WORD[i % 10]}${WORD[Math.floor(i / 10) % 10]}${WORD[Math.floor(i / 100) % 10]}${WORD[Math.floor(i / 1000) % 10]}`;
const many = Array.from({ length: MANY }, (_, i) =>
  i % 50 === 0 ? trajectoryTask(`t${i}`, `Fix ${wordOf(i)} in the enzyme parser.`) : i % 7 === 0 ? reasoningTask(`m${i}`, `Prove ${wordOf(i)} about the enzyme.`) : rankingTask(`r${i}`, `Explain ${wordOf(i)} and its enzyme.`),
);

const importFile = async (s: Store, tasks = many) => {
  const imports = createChunkedImports(s, importTasksFromText);
  const { importId } = imports.begin('many.jsonl');
  await imports.append(importId, toJsonl(tasks));
  return imports.finish(importId);
};

const searchIds = (s: Store, query: string): string[] => s.tasks.list({ query }).map((t) => t.id);
const ftsRows = (s: Store): number => s.db.prepare<[], number>('SELECT count(*) FROM tasks_fts_docsize').pluck().get() ?? -1;

/** Runs an indexer to the end, as the core does between its other calls. */
const indexAll = (s: Store, batch = 300): Promise<number[]> =>
  new Promise((resolve) => {
    const told: number[] = [];
    const indexer = createSearchIndexer(s, {
      batch,
      progressMs: 0,
      onProgress: (pending) => {
        told.push(pending);
        if (pending === 0) resolve(told);
      },
    });
    indexer.kick();
  });

describe('the search backlog of a large import', () => {
  it('lands the tasks at once, searchable only once indexed, then finds exactly what one upsert per task finds', async () => {
    const outcome = await importFile(store);
    expect(outcome.imported).toBe(MANY);
    expect(store.tasks.count()).toBe(MANY);
    expect(store.searchBacklog.pending()).toBe(MANY);
    expect(searchIds(store, 'enzyme')).toEqual([]);
    expect(ftsRows(store)).toBe(0);

    const told = await indexAll(store);
    expect(told[0]).toBe(MANY);
    expect(told[told.length - 1]).toBe(0);
    expect(told.length).toBeGreaterThan(2); // it went in batches, telling how many were left
    expect(store.searchBacklog.pending()).toBe(0);
    expect(ftsRows(store)).toBe(MANY);

    const oracle = openTestStore(join(dir, 'oracle')).store;
    try {
      putTasks(oracle, many, 'import');
      for (const query of ['enzyme', wordOf(7), wordOf(1234), wordOf(50), 'Fix', 'Prove', 'Ranking r2149', 'nothingmatches']) {
        expect(searchIds(store, query).sort()).toEqual(searchIds(oracle, query).sort());
      }
      expect(searchIds(store, 'enzyme')).toHaveLength(MANY);
    } finally {
      oracle.close();
    }
  });

  it('indexes a small import in its own transaction, even behind a long backlog', async () => {
    await importFile(store);
    await importFile(store, [rankingTask('small', 'A lonely zymurgy question.')]);
    expect(searchIds(store, 'zymurgy')).toEqual(['small']);
    expect(store.searchBacklog.pending()).toBe(MANY);
  });

  it('gives a task replaced while it waits one entry, and forgets a task removed while it waits', async () => {
    await importFile(store);
    putTasks(store, [rankingTask('r1', 'Explain the replaced prompt.')], 'import');
    expect(searchIds(store, 'replaced')).toEqual(['r1']);
    store.transaction(() => store.sync.purgeTask('r2'));
    expect(store.searchBacklog.pending()).toBe(MANY - 2);
    await indexAll(store);
    expect(searchIds(store, 'replaced')).toEqual(['r1']);
    expect(searchIds(store, wordOf(1))).toEqual([]); // r1's old prompt is gone from the index
    expect(searchIds(store, wordOf(2))).toEqual([]); // r2 is gone
    expect(ftsRows(store)).toBe(MANY - 1);
  });

  it('keeps the backlog through a restart and finishes it then', async () => {
    await importFile(store);
    store.transaction(() => store.searchBacklog.indexNext(500));
    store.close();
    store = openTestStore(dir, key).store;
    expect(store.searchBacklog.pending()).toBe(MANY - 500);
    expect(searchIds(store, 'enzyme')).toHaveLength(500); // the newest, indexed first
    await indexAll(store);
    expect(searchIds(store, 'enzyme')).toHaveLength(MANY);
    expect(ftsRows(store)).toBe(MANY);
  });
});

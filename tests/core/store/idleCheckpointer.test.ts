import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIdleCheckpointer } from '../../../electron/core/store/idleCheckpointer';
import type { Store } from '../../../electron/core/store/store';
import { putTasks, saveDraft } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
let path: string;
beforeEach(() => {
  const opened = openTestStore(tempDir());
  store = opened.store;
  path = opened.path;
  putTasks(store, [rankingTask('r1')], 'import');
});
afterEach(() => store.close());

const save = (i: number) => saveDraft(store, { taskId: 'r1', annotation: rankingAnnotation(`Justification number ${i}. ${'x'.repeat(3000)}`), activeSeconds: i });

describe('checkpoints off the save path', () => {
  it('never checkpoints inside a save: the WAL grows past the automatic threshold until the core checkpoints', () => {
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (let i = 0; i < 700; i++) save(i);
    // SQLite's default would have restarted the WAL at 1,000 pages (about 4 MB).
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(1000 * 4096);
  });

  it('checkpoints once the store is idle, and not while saves keep coming', () => {
    let clock = 0;
    const checkpointer = createIdleCheckpointer(store.db, { idleMs: 750, maxDelayMs: 30_000, now: () => clock });
    checkpointer.tick();
    expect(checkpointer.count()).toBe(0); // nothing written yet

    for (let t = 0; t < 10; t++) {
      save(t);
      clock += 300;
      checkpointer.tick();
    }
    expect(checkpointer.count()).toBe(0);
    clock += 800;
    checkpointer.tick();
    expect(checkpointer.count()).toBe(1);
    clock += 5000;
    checkpointer.tick();
    expect(checkpointer.count()).toBe(1); // nothing new to copy
  });

  it('checkpoints at least every maxDelayMs under a steady stream of saves, so the WAL stays bounded', () => {
    let clock = 0;
    const checkpointer = createIdleCheckpointer(store.db, { idleMs: 750, maxDelayMs: 30_000, now: () => clock });
    for (let t = 0; t < 200; t++) {
      save(t);
      clock += 300;
      checkpointer.tick();
    }
    // 60 s of saves every 300 ms: never idle, two forced checkpoints.
    expect(checkpointer.count()).toBe(2);
  });

  it('lets the saves after an idle checkpoint overwrite the WAL from its start instead of growing the file', () => {
    // A commit that grows the WAL makes the file system record a new size and new blocks at every fsync; a commit into
    // the WAL already there writes data only. That is most of the autosave's tail (scripts/bench/inbox.ts).
    let clock = 0;
    const checkpointer = createIdleCheckpointer(store.db, { now: () => clock });
    for (let i = 0; i < 40; i++) save(i);
    const grown = statSync(`${path}-wal`).size;
    for (let i = 40; i < 50; i++) save(i);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(grown);
    clock += 60_000;
    checkpointer.tick();
    expect(checkpointer.count()).toBe(1);
    const high = statSync(`${path}-wal`).size;
    for (let i = 50; i < 90; i++) save(i);
    expect(statSync(`${path}-wal`).size).toBe(high);
    expect(store.drafts.verifyHistory('r1')).toMatchObject({ intact: true, revisions: 90 });
  });
});

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskSummary } from '@shared/domain';
import { openEncryptedDatabase } from '../../../electron/core/store/database';
import type { Store } from '../../../electron/core/store/store';
import type { TaskFilter } from '../../../electron/core/store/taskListing';
import { putTasks, saveDraft, submitTask } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask, reasoningAnnotation, reasoningTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
let currentStore: { path: string; keyOf: Buffer };
beforeEach(() => {
  const opened = openTestStore(tempDir());
  store = opened.store;
  currentStore = { path: opened.path, keyOf: opened.key };
});
afterEach(() => store.close());

const pad = (n: number) => String(n).padStart(4, '0');

/** Walks the whole inbox window by window with keyset cursors, calling `between` after each window. */
const scrollAll = (filter: TaskFilter, limit: number, between?: (page: number) => void): TaskSummary[] => {
  const seen: TaskSummary[] = [];
  let after: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const window = store.tasks.window(filter, { limit, ...(after ? { after } : {}) });
    // Rows that arrive before the cursor move the window down; without changes it starts where the last one ended.
    if (!between) expect(window.offset).toBe(seen.length);
    seen.push(...window.tasks);
    if (window.tasks.length < limit) return seen;
    after = window.tasks[window.tasks.length - 1]!.cursor;
    between?.(page);
  }
  throw new Error('the inbox never ended');
};

describe('inbox windows', () => {
  it('walks every row exactly once through ties, in the same order as one big listing', () => {
    // One putTasks call stamps every task with the same time: the whole inbox is one tie, broken by id.
    putTasks(store, Array.from({ length: 137 }, (_, i) => rankingTask(`t${pad(i)}`)), 'import');
    for (const id of ['t0005', 't0100', 't0042']) saveDraft(store, { taskId: id, annotation: rankingAnnotation(), activeSeconds: 1 });
    const all = store.tasks.list({});
    expect(all).toHaveLength(137);
    for (const limit of [1, 7, 50, 137, 200]) expect(scrollAll({}, limit).map((t) => t.id)).toEqual(all.map((t) => t.id));
    // In-progress first, newest change first: t0042 was saved last.
    expect(all.slice(0, 3).map((t) => t.id)).toEqual(['t0042', 't0100', 't0005']);
    expect(all.slice(3, 6).map((t) => t.id)).toEqual(['t0000', 't0001', 't0002']);
  });

  it('neither skips nor repeats a row while tasks arrive and change between windows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 12 }), (limit, touches) => {
        const dir = tempDir();
        const s = openTestStore(dir).store;
        try {
          putTasks(s, Array.from({ length: 60 }, (_, i) => rankingTask(`a${pad(i)}`)), 'import');
          store = s;
          const before = new Set(s.tasks.list({}).map((t) => t.id));
          let arrivals = 0;
          const seen = scrollAll({ status: 'new' }, limit, (page) => {
            // A new task arrives (it sorts first among the new ones: newer), and one already passed is opened.
            putTasks(s, [rankingTask(`z${pad(page)}`)], 'platform');
            arrivals++;
            const touched = touches[page % Math.max(1, touches.length)];
            if (touched !== undefined && touched < 60) saveDraft(s, { taskId: `a${pad(touched)}`, annotation: rankingAnnotation(), activeSeconds: 1 });
          });
          const ids = seen.map((t) => t.id);
          expect(new Set(ids).size).toBe(ids.length);
          // Every task that was new from start to end was seen; none of those that arrived mid-scroll sort after the cursor.
          const stillNew = new Set(s.tasks.list({ status: 'new' }).map((t) => t.id));
          for (const id of before) if (stillNew.has(id)) expect(ids).toContain(id);
          expect(arrivals).toBeGreaterThan(0);
        } finally {
          s.close();
        }
      }),
      { numRuns: 15, seed: Number(process.env.ASSAY_SEED ?? 20261130), verbose: 1 },
    );
  });

  it('counts per status for the current filters, apart from the window', () => {
    putTasks(store, [rankingTask('r1'), rankingTask('r2'), reasoningTask('m1'), reasoningTask('m2')], 'import');
    saveDraft(store, { taskId: 'r1', annotation: rankingAnnotation(), activeSeconds: 1 });
    submitTask(store, 'r1');
    saveDraft(store, { taskId: 'm1', annotation: reasoningAnnotation(), activeSeconds: 1 });
    const w = store.tasks.window({}, { limit: 1 });
    expect(w.tasks).toHaveLength(1);
    expect(w.matching).toBe(4);
    expect(w.counts).toEqual({ new: 2, in_progress: 1, submitted: 1, returned: 0, accepted: 0 });
    expect(store.tasks.window({ kind: 'ranking' }, { limit: 200 }).counts).toEqual({ new: 1, in_progress: 0, submitted: 1, returned: 0, accepted: 0 });
    expect(store.tasks.window({ status: 'new' }, { limit: 200 }).tasks.map((t) => t.id).sort()).toEqual(['m2', 'r2']);
  });

  it('jumps to an offset and matches what scrolling there would show', () => {
    putTasks(store, Array.from({ length: 90 }, (_, i) => rankingTask(`t${pad(i)}`)), 'import');
    const all = store.tasks.list({}).map((t) => t.id);
    expect(store.tasks.window({}, { offset: 40, limit: 10 }).tasks.map((t) => t.id)).toEqual(all.slice(40, 50));
    const w = store.tasks.window({}, { after: store.tasks.window({}, { offset: 39, limit: 1 }).tasks[0]!.cursor!, limit: 10 });
    expect(w.offset).toBe(40);
    expect(w.tasks.map((t) => t.id)).toEqual(all.slice(40, 50));
  });

  it('refreshes the rows a change names, and leaves out ids it does not know', () => {
    putTasks(store, [rankingTask('r1'), rankingTask('r2')], 'import');
    saveDraft(store, { taskId: 'r2', annotation: rankingAnnotation(), activeSeconds: 1 });
    const rows = store.tasks.summaries(['r2', 'nope']);
    expect(rows.map((r) => [r.id, r.status])).toEqual([['r2', 'in_progress']]);
  });
});

describe('search windows', () => {
  beforeEach(() => {
    putTasks(
      store,
      [
        rankingTask('weak', `${'Filler words about chemistry. '.repeat(40)} One mention of enthalpy at the very end.`),
        rankingTask('strong', 'Enthalpy, enthalpy, enthalpy: define enthalpy of formation.'),
        { ...rankingTask('titled', 'Nothing else here.'), title: 'Enthalpy in the title' },
        rankingTask('none', 'Unrelated prompt about haiku.'),
      ],
      'import',
    );
  });

  it('puts the best matches first and counts every match', () => {
    const w = store.tasks.window({ query: 'enthalpy' }, { limit: 2 });
    expect(w.matching).toBe(3);
    expect(w.tasks.map((t) => t.id)).toEqual(['titled', 'strong']);
    expect(store.tasks.window({ query: 'enthalpy' }, { offset: 2, limit: 2 }).tasks.map((t) => t.id)).toEqual(['weak']);
  });

  it('takes the excerpt around the first match and marks every match in it and in the title', () => {
    const [weak] = store.tasks.window({ query: 'enthal' }, { offset: 2, limit: 1 }).tasks;
    expect(weak!.id).toBe('weak');
    expect(weak!.excerpt.startsWith('…')).toBe(true);
    const marked = weak!.excerptMatches!.map(([s, e]) => weak!.excerpt.slice(s, e));
    expect(marked).toEqual(['enthalpy']);
    const [titled] = store.tasks.window({ query: 'ENTHALPY' }, { limit: 1 }).tasks;
    expect(titled!.titleMatches!.map(([s, e]) => titled!.title.slice(s, e))).toEqual(['Enthalpy']);
  });

  it('keeps hostile prompts as plain text in excerpts, with offsets inside them', () => {
    const hostile = '<img src=x onerror=alert(1)> enthalpy <script>alert("x")</script> ‮RTL‬ 𝕳𝖊𝖑𝖑𝖔';
    putTasks(store, [rankingTask('hostile', hostile)], 'import');
    const row = store.tasks.list({ query: 'onerror enthalpy' }).find((t) => t.id === 'hostile')!;
    expect(row.excerpt).toContain('<img src=x onerror=alert(1)>');
    for (const [s, e] of row.excerptMatches!) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThanOrEqual(row.excerpt.length);
    }
    expect(row.excerptMatches!.map(([s, e]) => row.excerpt.slice(s, e))).toEqual(['onerror', 'enthalpy']);
  });
});

describe('cached counts', () => {
  it('follow every write, whether through this connection or another one on the same file', () => {
    putTasks(store, [rankingTask('r1'), rankingTask('r2')], 'import');
    expect(store.tasks.window({}, { limit: 1 }).counts.new).toBe(2);
    saveDraft(store, { taskId: 'r1', annotation: rankingAnnotation(), activeSeconds: 1 });
    expect(store.tasks.window({}, { limit: 1 }).counts).toMatchObject({ new: 1, in_progress: 1 });
    const other = openEncryptedDatabase(currentStore.path, currentStore.keyOf);
    try {
      other.prepare("UPDATE task_state SET status = 'submitted' WHERE task_id = 'r2'").run();
    } finally {
      other.close();
    }
    expect(store.tasks.window({}, { limit: 1 }).counts).toMatchObject({ new: 0, in_progress: 1, submitted: 1 });
  });
});

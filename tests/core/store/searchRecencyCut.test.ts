import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/store';
import { createTaskListing } from '../../../electron/core/store/taskListing';
import { putTasks } from '../../../electron/core/store/workflow';
import { rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
afterEach(() => store?.close());

const pad = (i: number) => String(i).padStart(2, '0');

/** 12 tasks with "enzyme", imported one by one (t00 oldest); the oldest is by far the best match. */
const storeWithMatches = (): Store => {
  store = openTestStore(tempDir()).store;
  for (let i = 0; i < 12; i++) {
    const task = rankingTask(`t${pad(i)}`, i === 0 ? 'enzyme enzyme enzyme' : `A long prompt about kinetics that names the enzyme once, case ${i}, with many other words around it.`);
    putTasks(store, [i === 0 ? { ...task, title: 'Enzyme enzyme enzyme' } : task], 'import');
  }
  putTasks(store, [rankingTask('other', 'Nothing to see.')], 'import');
  return store;
};

describe('a search for a word in more tasks than the ranking covers', () => {
  it('ranks the newest matches by bm25, then lists the older ones newest first', () => {
    storeWithMatches();
    const everything = createTaskListing(store.db).window({ query: 'enzyme' }, { limit: -1 }).tasks.map((t) => t.id);
    expect(everything[0]).toBe('t00'); // ranked over all matches, the oldest task wins

    const cut = createTaskListing(store.db, { rankedNewest: 5 });
    const list = cut.window({ query: 'enzyme' }, { limit: -1 }).tasks.map((t) => t.id);
    expect(list.slice(0, 5).sort()).toEqual(['t07', 't08', 't09', 't10', 't11']);
    expect(list.slice(5)).toEqual(['t06', 't05', 't04', 't03', 't02', 't01', 't00']);
    expect(new Set(list).size).toBe(12);
  });

  it('gives every match once across windows, whatever their size', () => {
    storeWithMatches();
    const cut = createTaskListing(store.db, { rankedNewest: 5 });
    const whole = cut.window({ query: 'enzyme' }, { limit: -1 }).tasks.map((t) => t.id);
    for (const size of [1, 2, 3, 4, 5, 7, 20]) {
      const seen: string[] = [];
      for (let offset = 0; offset < 12; offset += size) {
        const window = cut.window({ query: 'enzyme' }, { offset, limit: size });
        expect(window.offset).toBe(offset);
        expect(window.matching).toBe(12);
        seen.push(...window.tasks.map((t) => t.id));
      }
      expect(seen, `windows of ${size}`).toEqual(whole);
    }
  });

  it('ranks every match when there are no more than the ranking covers', () => {
    storeWithMatches();
    const cut = createTaskListing(store.db, { rankedNewest: 12 });
    expect(cut.window({ query: 'enzyme' }, { limit: 3 }).tasks[0]!.id).toBe('t00');
  });
});

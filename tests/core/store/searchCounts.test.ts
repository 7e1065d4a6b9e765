import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/store/database';
import type { Store } from '../../../electron/core/store/store';
import { createTaskListing } from '../../../electron/core/store/taskListing';
import { putTasks } from '../../../electron/core/store/workflow';
import { rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
afterEach(() => store?.close());

/** The store's connection, with every run of a search-count statement counted. */
const countingDb = (db: Db) => {
  const counted = { runs: 0 };
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const statement = target.prepare(sql);
          if (!/count\(\*\) AS n FROM tasks_fts/.test(sql)) return statement;
          return new Proxy(statement, {
            get(st, name) {
              const value = Reflect.get(st, name, st) as unknown;
              if (name !== 'get' || typeof value !== 'function') return typeof value === 'function' ? value.bind(st) : value;
              return (...args: unknown[]) => {
                counted.runs += 1;
                return (value as (...a: unknown[]) => unknown).apply(st, args);
              };
            },
          });
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, counted };
};

describe('counting the matches of a search', () => {
  it('counts once per change of the store, however often the same words are asked for or scrolled', () => {
    store = openTestStore(tempDir()).store;
    putTasks(store, Array.from({ length: 30 }, (_, i) => rankingTask(`t${i}`, `The enzyme number ${i}.`)), 'import');
    const { db, counted } = countingDb(store.db);
    const listing = createTaskListing(db);

    expect(listing.window({ query: 'enzyme' }, { limit: 10 }).matching).toBe(30);
    expect(listing.window({ query: 'enzyme' }, { limit: 10 }).matching).toBe(30);
    expect(listing.window({ query: 'enzyme' }, { offset: 10, limit: 10 }).matching).toBe(30);
    expect(counted.runs).toBe(1);

    putTasks(store, [rankingTask('late', 'A late enzyme.')], 'import');
    expect(listing.window({ query: 'enzyme' }, { limit: 10 }).matching).toBe(31);
    expect(counted.runs).toBe(2);
    expect(listing.window({ query: 'enzyme', project: 'alpha' }, { limit: 10 }).matching).toBe(31);
    expect(counted.runs).toBe(3);
  });

  it('does not count when the first window holds every match', () => {
    store = openTestStore(tempDir()).store;
    putTasks(store, [rankingTask('a', 'One enzyme.'), rankingTask('b', 'Two enzymes.'), rankingTask('c', 'No match.')], 'import');
    const { db, counted } = countingDb(store.db);
    const listing = createTaskListing(db);
    expect(listing.window({ query: 'enzym' }, { limit: 10 })).toMatchObject({ matching: 2, offset: 0 });
    expect(counted.runs).toBe(0);
    expect(listing.window({ query: 'enzym' }, { limit: 1 }).matching).toBe(2);
    expect(counted.runs).toBe(1);
  });
});

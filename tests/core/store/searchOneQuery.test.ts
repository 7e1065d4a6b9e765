import { afterEach, describe, expect, it } from 'vitest';
import { promptTextOf, type Task, type TaskSummary } from '@shared/domain';
import type { Db } from '../../../electron/core/store/database';
import type { Store } from '../../../electron/core/store/store';
import { createTaskListing } from '../../../electron/core/store/taskListing';
import { putTasks } from '../../../electron/core/store/workflow';
import { rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { previousExcerptCut, previousMatchRanges, previousPlainText } from '../../support/previousSearchText';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});
const open = (dir = tempDir(), key?: Buffer) => {
  const opened = openTestStore(dir, key);
  stores.push(opened.store);
  return { ...opened, dir };
};

const seeded = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** Tasks imported one by one (each a newer search rowid): 40 that match "enzyme" with scores that differ, and 5 that do not. */
const matchingTasks = (longerTerm: boolean): Task[] => {
  const tasks: Task[] = [];
  for (let i = 0; i < 40; i++) {
    const word = longerTerm && i % 3 === 0 ? 'enzymes' : 'enzyme';
    tasks.push(rankingTask(`m${String(i).padStart(2, '0')}`, `${`${word} `.repeat(1 + (i % 5))}${'filler '.repeat(i)}end`));
    if (i % 8 === 0) tasks.push(rankingTask(`x${i}`, 'Nothing to find here.'));
  }
  return tasks;
};

/**
 * The search list as the previous implementation made it, asked of the index directly: the rankedNewest-th newest
 * match (a cut, by rowid), the matches from it on ranked by bm25 over the typed prefix, the older ones newest first.
 */
const previousList = (db: Db, match: string, rankedNewest: number): { id: string; score: number }[] => {
  const cutoff = db.prepare<[string, number], number>('SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?').pluck().get(match, rankedNewest - 1);
  const ranked = db
    .prepare<[string, number], { id: string; score: number }>(
      `SELECT t.id, f.score FROM (SELECT rowid, bm25(tasks_fts, 4.0, 1.0) AS score FROM tasks_fts WHERE tasks_fts MATCH ? AND rowid >= ?) f
       JOIN tasks t ON t.search_id = f.rowid ORDER BY f.score, t.id`,
    )
    .all(match, cutoff ?? 0);
  if (cutoff === undefined) return ranked;
  const older = db
    .prepare<[string, number], { id: string; score: number }>(
      'SELECT t.id, 0 AS score FROM tasks_fts f JOIN tasks t ON t.search_id = f.rowid WHERE tasks_fts MATCH ? AND f.rowid < ? ORDER BY f.rowid DESC',
    )
    .all(match, cutoff);
  return [...ranked, ...older];
};

const scoreOf = (row: TaskSummary): number => (JSON.parse(row.cursor!) as [string, number, string])[1];

describe('a search window cut in one query', () => {
  for (const longerTerm of [false, true]) {
    const seed = longerTerm ? 4101 : 4100;
    it(`gives the previous list, scores included, in windows of any size across the ranked edge (${longerTerm ? 'a longer term shares the prefix' : 'the word alone'}; seed ${seed})`, () => {
      const { store } = open();
      for (const task of matchingTasks(longerTerm)) putTasks(store, [task], 'import');
      const scores = previousList(store.db, '"enzyme"*', 1000).map((r) => r.score);
      expect(new Set(scores).size, 'the fixture has no tied scores').toBe(40);

      const random = seeded(seed);
      for (const rankedNewest of [1, 7, 13, 39, 40, 41, 100]) {
        const listing = createTaskListing(store.db, { rankedNewest });
        const expected = previousList(store.db, '"enzyme"*', rankedNewest);
        const whole = listing.window({ query: 'enzyme' }, { limit: -1 }).tasks;
        expect(whole.map((t) => t.id), `rankedNewest ${rankedNewest}`).toEqual(expected.map((r) => r.id));
        expect(whole.map(scoreOf)).toEqual(expected.map((r) => r.score));
        for (let round = 0; round < 12; round++) {
          const size = 1 + Math.floor(random() * 15);
          const seen: string[] = [];
          for (let offset = 0; offset < 45; offset += size) {
            const window = listing.window({ query: 'enzyme' }, { offset, limit: size });
            expect(window.matching).toBe(40);
            expect(window.offset).toBe(offset);
            seen.push(...window.tasks.map((t) => t.id));
          }
          expect(seen, `seed ${seed}, rankedNewest ${rankedNewest}, windows of ${size}`).toEqual(expected.map((r) => r.id));
        }
        // A window that starts past the ranked edge, or past the end.
        expect(listing.window({ query: 'enzyme' }, { offset: Math.min(rankedNewest, 40), limit: 3 }).tasks.map((t) => t.id)).toEqual(
          expected.slice(Math.min(rankedNewest, 40), Math.min(rankedNewest, 40) + 3).map((r) => r.id),
        );
        expect(listing.window({ query: 'enzyme' }, { offset: 40, limit: 10 }).tasks).toEqual([]);
      }
    });
  }

  it('lists equal scores newest first, each once, however the windows fall', () => {
    const { store } = open();
    for (let i = 0; i < 9; i++) putTasks(store, [rankingTask(`same${i}`, 'The same enzyme prompt.')], 'import');
    for (const rankedNewest of [4, 9, 100]) {
      const listing = createTaskListing(store.db, { rankedNewest });
      const whole = listing.window({ query: 'enzyme' }, { limit: -1 }).tasks.map((t) => t.id);
      expect(whole).toEqual(['same8', 'same7', 'same6', 'same5', 'same4', 'same3', 'same2', 'same1', 'same0']);
      for (const size of [1, 2, 4, 5]) {
        const seen: string[] = [];
        for (let offset = 0; offset < 9; offset += size) seen.push(...listing.window({ query: 'enzyme' }, { offset, limit: size }).tasks.map((t) => t.id));
        expect(seen, `rankedNewest ${rankedNewest}, windows of ${size}`).toEqual(whole);
      }
    }
  });
});

/** The store's connection, with the words of every ranked search query (`asked`) and every count (`counted`) it runs recorded. */
const recordingDb = (db: Db) => {
  const asked: string[] = [];
  const counted: string[] = [];
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const statement = target.prepare(sql);
          const log = sql.includes('bm25') ? { method: 'all', into: asked } : /count\(\*\) AS n FROM tasks_fts/.test(sql) ? { method: 'get', into: counted } : null;
          if (!log) return statement;
          return new Proxy(statement, {
            get(st, name) {
              const value = Reflect.get(st, name, st) as unknown;
              if (name !== log.method || typeof value !== 'function') return typeof value === 'function' ? value.bind(st) : value;
              return (params: { match: string }) => {
                log.into.push(params.match);
                return (value as (p: unknown) => unknown).call(st, params);
              };
            },
          });
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, asked, counted };
};

describe('the last typed word, asked as the one indexed term it starts', () => {
  it('asks for the term itself only while it is the only one the word starts, and follows every write, from any connection', () => {
    const { store, dir, key } = open();
    putTasks(store, [rankingTask('a', 'One enzyme here.'), rankingTask('b', 'Another Enzyme.'), rankingTask('c', 'No match.')], 'import');
    const { db, asked } = recordingDb(store.db);
    const listing = createTaskListing(db);
    const ids = (typed: string) => listing.window({ query: typed }, { limit: 10 }).tasks.map((t) => t.id).sort();

    expect(ids('ENZYME')).toEqual(['a', 'b']);
    expect(asked.pop()).toBe('"enzyme"');
    expect(ids('enzy')).toEqual(['a', 'b']);
    expect(asked.pop()).toBe('"enzyme"');
    expect(ids('one Enz')).toEqual(['a']);
    expect(asked.pop()).toBe('"one" "enzyme"');
    expect(ids('enzymes')).toEqual([]);
    expect(asked.pop()).toBe('"enzymes"*');

    putTasks(store, [rankingTask('d', 'Two enzymes.')], 'import');
    expect(ids('ENZYME')).toEqual(['a', 'b', 'd']);
    expect(asked.pop()).toBe('"ENZYME"*');
    expect(ids('enzymes')).toEqual(['d']);
    expect(asked.pop()).toBe('"enzymes"');

    // Another connection on the same file: a longer word arrives, then every longer one goes away.
    const other = open(dir, key).store;
    putTasks(other, [rankingTask('e', 'Enzymatic enzymeology.')], 'import');
    expect(ids('ENZYM')).toEqual(['a', 'b', 'd', 'e']);
    expect(asked.pop()).toBe('"ENZYM"*');
    other.db.prepare("DELETE FROM tasks_fts WHERE rowid IN (SELECT search_id FROM tasks WHERE id IN ('d', 'e'))").run();
    expect(ids('ENZYM')).toEqual(['a', 'b']);
    expect(asked.pop()).toBe('"enzyme"');
  });

  it('counts a prefix that starts a few terms as their OR (the same rows), and one that starts many as the prefix', () => {
    const { store } = open();
    const words = ['enzyme', 'enzymes', 'Enzymatic', 'enzyme', 'the enzyme', 'the enzymes', 'one two enzymology', 'two one enzymology'];
    const many = Array.from({ length: 17 }, (_, i) => `ab${String.fromCharCode(97 + i)}`);
    putTasks(store, [...words, ...many, ...many].map((w, i) => rankingTask(`t${i}`, `Text: ${w}.`)), 'import');
    const { db, asked, counted } = recordingDb(store.db);
    const listing = createTaskListing(db);
    const prefixCount = (typed: string, fts: string) => {
      const n = store.db.prepare<[string], number>('SELECT count(*) FROM tasks_fts WHERE tasks_fts MATCH ?').pluck().get(fts)!;
      expect(listing.window({ query: typed }, { limit: 1 }).matching, typed).toBe(n);
      expect(n).toBeGreaterThan(1);
      return { asked: asked.pop(), counted: counted.pop() };
    };
    expect(prefixCount('enzym', '"enzym"*')).toEqual({ asked: '"enzym"*', counted: '("enzymatic" OR "enzyme" OR "enzymes" OR "enzymology")' });
    expect(prefixCount('the ENZYME', '"the" "enzyme"*')).toEqual({ asked: '"the" "ENZYME"*', counted: '"the" AND ("enzyme" OR "enzymes")' });
    expect(prefixCount('one two enzymo', '"one" "two" "enzymo"*')).toEqual({ asked: '"one" "two" "enzymology"', counted: '"one" "two" "enzymology"' });
    expect(prefixCount('two', '"two"*')).toEqual({ asked: '"two"', counted: '"two"' });
    expect(prefixCount('ab', '"ab"*')).toEqual({ asked: '"ab"*', counted: '"ab"*' });
  });

  it.each([
    ['quiz', ['quiz', 'quizzes'], 'a word that ends in z'],
    ['a9', ['a9', 'a99'], 'a word that ends in 9'],
    ['top', ['top', 'topz'], 'a longer word that goes on with z'],
    ['café', ['café', 'cafés'], 'a word with an accent (asked as typed)'],
    ['cafe', ['café', 'CAFÉS'], 'accents and case folded by the index'],
    ['naïve', ['naive', 'naïveté'], 'a longer word with an accent'],
    ['straße', ['straße', 'STRASSE', 'Straßen'], 'a sharp s (not folded to ss by the index)'],
    ['stra', ['straße', 'STRASSE'], 'the start of a term that is not plain ASCII'],
    ['enzy', ['enzyme', 'ENZYME'], 'the start of one indexed term only'],
    ['caf', ['café', 'Cafe'], 'the start of one term, folded from an accent'],
  ])('finds every word the prefix %j starts (%s)', (typed, words) => {
    const { store } = open();
    putTasks(store, [...words.map((word, i) => rankingTask(`w${i}`, `Text with ${word} inside.`)), rankingTask('none', 'Nothing.')], 'import');
    const expected = store.db
      .prepare<[string], string>(`SELECT t.id FROM tasks_fts f JOIN tasks t ON t.search_id = f.rowid WHERE tasks_fts MATCH ? ORDER BY t.id`)
      .pluck()
      .all(`"${typed}"*`);
    expect(expected.length).toBeGreaterThan(1);
    expect(store.tasks.window({ query: typed }, { limit: 10 }).tasks.map((t) => t.id).sort()).toEqual(expected);
  });

  it('ranks a whole word exactly as the prefix would', () => {
    const { store } = open();
    putTasks(store, Array.from({ length: 12 }, (_, i) => rankingTask(`t${i}`, `${'lemma '.repeat(1 + (i % 4))}${'word '.repeat(i * 3)}.`)), 'import');
    const rows = store.tasks.window({ query: 'lemma' }, { limit: -1 }).tasks;
    const expected = previousList(store.db, '"lemma"*', 1000);
    expect(rows.map((t) => [t.id, scoreOf(t)])).toEqual(expected.map((r) => [r.id, r.score]));
  });
});

// The excerpt and its marks as the previous implementation made them: flattened with /\s+/g, every word scanned with
// matchAll, folded through NFD.
const oldPlainText = previousPlainText;
const oldExcerpt = (text: string, typed: string, length: number) => ({
  ...previousExcerptCut(text, previousMatchRanges(text, typed), length),
  titleMatches: (title: string) => previousMatchRanges(title, typed),
});

describe('excerpts of a search window', () => {
  it('are the ones the previous implementation made, on hostile prompts and titles', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const naughty = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/big-list-of-naughty-strings.json'), 'utf8')) as string[];
    const seed = 4242;
    const random = seeded(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const spaces = [' ', '  ', '\n', '\n\n', '\t', '\u00a0', '\u2028', '\u3000', ' \r\n '];
    const tasks: Task[] = [];
    for (let i = 0; i < 120; i++) {
      const words = Array.from({ length: 1 + Math.floor(random() * 300) }, () => (random() < 0.3 ? pick(naughty) : pick(['enzyme', 'Énzymes', 'ENZYMATIC', 'rate', '*bold*', '`code`', '$x$', 'naïve', 'the'])));
      let prompt = '';
      for (const word of words) prompt += word + pick(spaces);
      if (i % 10 === 0) prompt = `${'x '.repeat(4200)}enzyme`; // the match past the searched 8,192 characters
      tasks.push({ ...rankingTask(`h${i}`, prompt.trim() === '' ? 'enzyme' : prompt), title: `${pick(naughty)} enzyme ${pick(naughty)}`.slice(0, 200) });
    }
    const { store } = open();
    putTasks(store, tasks, 'import');
    const byId = new Map(tasks.map((t) => [t.id, t]));
    for (const typed of ['enzyme', 'enz', 'the enzym', 'ÉNZYME', 'naive']) {
      const rows = store.tasks.window({ query: typed }, { limit: -1 }).tasks;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const task = byId.get(row.id)!;
        const old = oldExcerpt(oldPlainText(promptTextOf(task.payload).slice(0, 8192)), typed, 200);
        const where = `seed ${seed}, task ${row.id}, typed ${JSON.stringify(typed)}`;
        expect(row.excerpt, where).toBe(old.text);
        expect(row.excerptMatches, where).toEqual(old.matches);
        expect(row.titleMatches, where).toEqual(old.titleMatches(task.title));
      }
    }
  });
});

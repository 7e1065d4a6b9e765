import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../electron/core/store/ftsQuery';
import type { Store } from '../../../electron/core/store/store';
import { putTasks, saveDraft, submitTask } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask, reasoningTask, trajectoryTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
beforeEach(() => {
  store = openTestStore(tempDir()).store;
  putTasks(
    store,
    [
      rankingTask('r1', 'Why is the sky blue?\n\n   Explain   Rayleigh scattering.', 'alpha'),
      rankingTask('r2', 'Write a haiku about autumn leaves.', 'alpha'),
      reasoningTask('m1', 'Prove that the square root of two is irrational.', 'beta'),
      trajectoryTask('s1', 'The parser crashes on empty café menus.', 'gamma'),
    ],
    'import',
  );
});
afterEach(() => store.close());

const ids = (filter: Parameters<Store['tasks']['list']>[0]): string[] => store.tasks.list(filter).map((t) => t.id);

describe('full-text search', () => {
  it('finds a task by a word of its prompt or title, and by the start of the last word typed', () => {
    expect(ids({ query: 'Rayleigh' })).toEqual(['r1']);
    expect(ids({ query: 'haiku autumn' })).toEqual(['r2']);
    expect(ids({ query: 'irrat' })).toEqual(['m1']);
    expect(ids({ query: 'Reasoning' })).toEqual(['m1']);
    expect(ids({ query: 'cafe' })).toEqual(['s1']);
    expect(ids({ query: 'sky haiku' })).toEqual([]);
  });

  it.each(['"', 'AND (', '*', 'NEAR(', 'sky OR', '"unbalanced', '-', 'col:umn', '^', '((()))', "'; DROP TABLE tasks; --"])(
    'survives the query %j',
    (query) => {
      expect(() => store.tasks.list({ query })).not.toThrow();
      expect(store.tasks.count()).toBe(4);
    },
  );

  it('treats FTS operators as words and a query with no words as no query', () => {
    expect(toFtsQuery('sky AND (blue')).toBe('"sky" "AND" "blue"*');
    expect(toFtsQuery('" * ( )')).toBeNull();
    expect(ids({ query: '"' })).toHaveLength(4);
    expect(ids({ query: 'sky AND' })).toEqual([]);
  });

  it('follows a changed prompt when a task is updated', () => {
    putTasks(store, [rankingTask('r2', 'A limerick about winter.', 'alpha')], 'platform');
    expect(ids({ query: 'haiku' })).toEqual([]);
    expect(ids({ query: 'limerick' })).toEqual(['r2']);
  });
});

describe('listing', () => {
  it('filters by kind, project and status', () => {
    saveDraft(store, { taskId: 'r2', annotation: rankingAnnotation(), activeSeconds: 1 });
    expect(ids({ kind: 'ranking' }).sort()).toEqual(['r1', 'r2']);
    expect(ids({ project: 'beta' })).toEqual(['m1']);
    expect(ids({ status: 'in_progress' })).toEqual(['r2']);
    expect(ids({ kind: 'ranking', status: 'new', query: 'sky' })).toEqual(['r1']);
    expect(store.tasks.projects()).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('puts work in progress first, then new, then submitted; newest first within a status', async () => {
    saveDraft(store, { taskId: 'r1', annotation: rankingAnnotation(), activeSeconds: 1 });
    submitTask(store, 'r1');
    await new Promise((resolve) => setTimeout(resolve, 5));
    saveDraft(store, { taskId: 'r2', annotation: rankingAnnotation(), activeSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    putTasks(store, [reasoningTask('m2', 'Newest problem.', 'beta')], 'platform');

    const rows = store.tasks.list({});
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['r2', 'in_progress'],
      ['m2', 'new'],
      ['m1', 'new'],
      ['s1', 'new'],
      ['r1', 'submitted'],
    ]);
  });

  it('summarises each task with a short, whitespace-collapsed excerpt', () => {
    putTasks(store, [rankingTask('long', `${'word '.repeat(100)}\n\n\tend`)], 'import');
    const [r1] = store.tasks.list({ query: 'Rayleigh' });
    expect(r1).toMatchObject({ kind: 'ranking', project: 'alpha', source: 'import', status: 'new', title: 'Ranking r1' });
    expect(r1?.excerpt).toBe('Why is the sky blue? Explain Rayleigh scattering.');
    const long = store.tasks.list({}).find((t) => t.id === 'long');
    expect(long?.excerpt.length).toBeLessThanOrEqual(200);
    expect(long?.excerpt).not.toMatch(/\s{2}/);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importTasksFromText } from '@shared/formats/importTasks';
import { createChunkedImports, type ChunkedImports } from '../../../electron/core/import/chunkedImport';
import type { Store } from '../../../electron/core/store/store';
import { putTasks } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask, reasoningTask, toJsonl, trajectoryTask } from '../../support/taskFixtures';
import { saveDraft } from '../../../electron/core/store/workflow';
import { openTestStore as openAnother } from '../../support/testStore';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
let imports: ChunkedImports;
beforeEach(() => {
  store = openTestStore(tempDir()).store;
  // Tasks are written as soon as a line is read, so that what waits in the store can be looked at.
  imports = createChunkedImports(store, importTasksFromText, undefined, { stageBatchChars: 1 });
});
afterEach(() => store.close());

/** Tasks an import wrote that have not landed (pendingImport.ts): its list, and task rows without a status. */
const stagedRows = (): number =>
  (store.db.prepare<[], number>('SELECT count(*) FROM import_pending').pluck().get() ?? 0) +
  (store.db.prepare<[], number>('SELECT count(*) FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM task_state s WHERE s.task_id = t.id)').pluck().get() ?? 0);
const cut = (text: string, sizes: readonly number[]): string[] => {
  const chunks: string[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
};
const importInChunks = async (fileName: string, chunks: readonly string[]) => {
  const { importId } = imports.begin(fileName);
  for (const chunk of chunks) await imports.append(importId, chunk);
  return imports.finish(importId);
};

const tasks = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? reasoningTask(`m${i}`, `Prove ${i} — ∑ 𝛼\r\nwith “quotes”`) : rankingTask(`r${i}`)));
const file = `\uFEFF${toJsonl(tasks).replace(/\n/g, '\r\n')}`;

describe('imports read in chunks', () => {
  it('read the same tasks as the whole file, however the chunks cut lines', async () => {
    const whole = importTasksFromText('whole.jsonl', file);
    expect(whole.ok).toBe(true);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 7, max: 400 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
        const dir = tempDir();
        const s = openTestStore(dir).store;
        try {
          const chunked = createChunkedImports(s, importTasksFromText);
          const { importId } = chunked.begin('tasks.jsonl');
          for (const chunk of cut(file, sizes)) await chunked.append(importId, chunk);
          expect(s.tasks.count()).toBe(0); // nothing reaches the inbox before the end
          const outcome = await chunked.finish(importId);
          expect(outcome.imported).toBe(40);
          for (const task of whole.ok ? whole.value.tasks : []) expect(s.tasks.get(task.id)).toEqual(task);
        } finally {
          s.close();
        }
      }),
      { numRuns: 12, seed: Number(process.env.ASSAY_SEED ?? 1130), verbose: 1 },
    );
  });

  it('report how many tasks were read as chunks arrive, and stage them outside the inbox', async () => {
    const { importId } = imports.begin('tasks.jsonl');
    const chunks = cut(toJsonl(tasks), [2000]);
    const counts: number[] = [];
    for (const chunk of chunks) counts.push((await imports.append(importId, chunk)).tasksRead);
    expect(counts[counts.length - 1]).toBeGreaterThan(counts[0]!);
    expect(stagedRows()).toBeGreaterThan(0);
    expect(store.tasks.count()).toBe(0);
    await imports.finish(importId);
    expect(store.tasks.count()).toBe(40);
    expect(stagedRows()).toBe(0);
  });

  it('leave the store as it was when cancelled', async () => {
    putTasks(store, [rankingTask('kept')], 'import');
    const { importId } = imports.begin('tasks.jsonl');
    for (const chunk of cut(toJsonl(tasks), [1500])) await imports.append(importId, chunk);
    expect(imports.cancel(importId)).toEqual({ cancelled: true });
    expect(store.tasks.list({}).map((t) => t.id)).toEqual(['kept']);
    expect(stagedRows()).toBe(0);
    await expect(imports.finish(importId)).rejects.toThrow(/no longer running/);
    expect(imports.cancel(importId)).toEqual({ cancelled: false });
  });

  it('import nothing from a file with a bad line, and name the line and field', async () => {
    const lines = toJsonl(tasks).split('\n');
    lines[29] = lines[29]!.replace('"project":', '"project":7,"x":');
    const chunks = cut(lines.join('\n'), [700]);
    await expect(importInChunks('tasks.jsonl', chunks)).rejects.toThrow(/Line 30: project/);
    expect(store.tasks.count()).toBe(0);
    expect(stagedRows()).toBe(0);
  });

  it('name a duplicate id across chunks by both lines', async () => {
    const text = toJsonl([rankingTask('a'), rankingTask('b'), rankingTask('a')]);
    await expect(importInChunks('dup.jsonl', cut(text, [50]))).rejects.toThrow(/Line 3: id: duplicate task id "a" \(already used on line 1\)/);
  });

  it('refuse to replace a task the platform assigned, importing nothing', async () => {
    putTasks(store, [rankingTask('r1')], 'platform');
    await expect(importInChunks('tasks.jsonl', cut(toJsonl(tasks), [900]))).rejects.toThrow(/assigned by your platform/);
    expect(store.tasks.count()).toBe(1);
    expect(stagedRows()).toBe(0);
  });

  it('read whole-file formats in chunks through the same importers', async () => {
    const alpaca = readFileSync(resolve(__dirname, '../../fixtures/preference/alpaca-eval-gpt4-pairwise.first20.json'), 'utf8');
    const outcome = await importInChunks('pairs.json', cut(alpaca, [333]));
    expect(outcome.format).toBe('alpaca-eval');
    expect(outcome.imported).toBe(importTasksFromText('pairs.json', alpaca).ok ? 20 : -1);
    expect(store.tasks.count()).toBe(20);
  });

  it('drop what an interrupted import left staged when the core starts again', async () => {
    const { importId } = imports.begin('tasks.jsonl');
    await imports.append(importId, toJsonl(tasks));
    expect(stagedRows()).toBeGreaterThan(0);
    createChunkedImports(store, importTasksFromText); // the next start of the core
    expect(stagedRows()).toBe(0);
    expect(store.tasks.count()).toBe(0);
  });

  it('say an empty file is empty', async () => {
    await expect(importInChunks('empty.jsonl', ['\n', '  \n'])).rejects.toThrow(/empty/);
  });

  it('write the same rows, search entries and statuses as one upsert per task, new and already stored tasks alike', async () => {
    const before = [rankingTask('x1', 'Old prompt of x1.'), trajectoryTask('s1'), rankingTask('same')];
    const file = [rankingTask('x1', 'New prompt of x1, about enzymes.'), rankingTask('same'), trajectoryTask('s2', 'Fix the enzyme parser.'), ...tasks];
    const other = openAnother(join(dirname(store.db.name), 'other')).store;
    try {
      for (const s of [store, other]) {
        putTasks(s, before, 'import');
        saveDraft(s, { taskId: 'x1', annotation: rankingAnnotation('kept'), activeSeconds: 1 });
      }
      await importInChunks('tasks.jsonl', cut(toJsonl(file), [1000]));
      putTasks(other, file, 'import');
      const snapshot = (s: Store) => ({
        tasks: s.db.prepare('SELECT id, project, kind, version, title, guidelines, payload_json, lease_json, excerpt, source FROM tasks ORDER BY id').all(),
        payloads: s.db.prepare('SELECT task_id, payload_json FROM task_payloads ORDER BY task_id').all(),
        versions: s.db.prepare('SELECT task_id, version, payload_json FROM task_versions ORDER BY task_id, version').all(),
        // Each row's recency is its own arrival or change (the two stores did the same work at different moments).
        state: s.db
          .prepare(
            `SELECT s.task_id, s.status, s.recency = -CAST(round((julianday(max(s.updated_at, t.received_at)) - 2440587.5) * 86400000) AS INTEGER) AS right
             FROM task_state s JOIN tasks t ON t.id = s.task_id ORDER BY s.task_id`,
          )
          .all(),
        search: ['enzyme', 'Prove', 'beginner', 'Fix', 'Old'].map((q) => s.tasks.list({ query: q }).map((t) => [t.id, t.excerpt])),
        inbox: s.tasks.list({}).map((t) => t.id).sort(),
      });
      const chunked = snapshot(store);
      expect(chunked).toEqual(snapshot(other));
      expect(chunked.versions).toHaveLength(1);
      expect((chunked.state as { right: number }[]).every((row) => row.right === 1)).toBe(true);
      expect(chunked.search[0]!.map(([id]) => id).sort()).toEqual(['s2', 'x1']);
    } finally {
      other.close();
    }
  });

  it('keep the tasks waiting encrypted in the store, out of the inbox, its counts, projects and search', async () => {
    putTasks(store, [rankingTask('kept')], 'import');
    const { importId } = imports.begin('tasks.jsonl');
    await imports.append(importId, toJsonl([rankingTask('secret', 'PLAINTEXT-MARKER-4711 in a prompt.')]) + toJsonl(tasks));
    expect(stagedRows()).toBe(2 * 41);
    expect(store.tasks.count()).toBe(1);
    expect(store.tasks.list({}).map((t) => t.id)).toEqual(['kept']);
    expect(store.tasks.list({ query: 'PLAINTEXT' })).toEqual([]);
    expect(store.tasks.window({}, { limit: 100 }).counts.new).toBe(1);
    const dir = dirname(store.db.name);
    for (const name of readdirSync(dir).filter((n) => n.startsWith(basename(store.db.name)))) {
      expect(readFileSync(join(dir, name)).includes(Buffer.from('PLAINTEXT-MARKER-4711'))).toBe(false);
    }
    imports.cancel(importId);
    expect(stagedRows()).toBe(0);
    expect(store.db.prepare('SELECT id FROM tasks').pluck().all()).toEqual(['kept']);
  });

  it('fail when the platform assigns a staged task before the import lands, leaving the platform task and nothing else', async () => {
    const { importId } = imports.begin('tasks.jsonl');
    await imports.append(importId, toJsonl(tasks));
    putTasks(store, [rankingTask('r1', 'From the platform.')], 'platform'); // a sync in between
    await expect(imports.finish(importId)).rejects.toThrow(/"r1" was assigned by your platform/);
    expect(stagedRows()).toBe(0);
    expect(store.tasks.list({}).map((t) => t.id)).toEqual(['r1']);
    expect(store.tasks.get('r1')?.payload).toEqual(rankingTask('r1', 'From the platform.').payload);
  });
});

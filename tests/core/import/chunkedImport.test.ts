import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importTasksFromText } from '@shared/formats/importTasks';
import { createChunkedImports, type ChunkedImports } from '../../../electron/core/import/chunkedImport';
import type { Store } from '../../../electron/core/store/store';
import { putTasks } from '../../../electron/core/store/workflow';
import { rankingTask, reasoningTask, toJsonl } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
let imports: ChunkedImports;
beforeEach(() => {
  store = openTestStore(tempDir()).store;
  imports = createChunkedImports(store, importTasksFromText);
});
afterEach(() => store.close());

const stagedRows = (): number => store.db.prepare<[], number>('SELECT count(*) FROM import_staging').pluck().get() ?? 0;
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
const importInChunks = (fileName: string, chunks: readonly string[]) => {
  const { importId } = imports.begin(fileName);
  for (const chunk of chunks) imports.append(importId, chunk);
  return imports.finish(importId);
};

const tasks = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? reasoningTask(`m${i}`, `Prove ${i} — ∑ 𝛼\r\nwith “quotes”`) : rankingTask(`r${i}`)));
const file = `\uFEFF${toJsonl(tasks).replace(/\n/g, '\r\n')}`;

describe('imports read in chunks', () => {
  it('read the same tasks as the whole file, however the chunks cut lines', () => {
    const whole = importTasksFromText('whole.jsonl', file);
    expect(whole.ok).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 7, max: 400 }), { minLength: 1, maxLength: 8 }), (sizes) => {
        const dir = tempDir();
        const s = openTestStore(dir).store;
        try {
          const chunked = createChunkedImports(s, importTasksFromText);
          const { importId } = chunked.begin('tasks.jsonl');
          for (const chunk of cut(file, sizes)) chunked.append(importId, chunk);
          expect(s.tasks.count()).toBe(0); // nothing reaches the inbox before the end
          const outcome = chunked.finish(importId);
          expect(outcome.imported).toBe(40);
          for (const task of whole.ok ? whole.value.tasks : []) expect(s.tasks.get(task.id)).toEqual(task);
        } finally {
          s.close();
        }
      }),
      { numRuns: 12, seed: Number(process.env.ASSAY_SEED ?? 1130), verbose: 1 },
    );
  });

  it('report how many tasks were read as chunks arrive, and stage them outside the inbox', () => {
    const { importId } = imports.begin('tasks.jsonl');
    const chunks = cut(toJsonl(tasks), [2000]);
    const counts = chunks.map((chunk) => imports.append(importId, chunk).tasksRead);
    expect(counts[counts.length - 1]).toBeGreaterThan(counts[0]!);
    expect(stagedRows()).toBeGreaterThan(0);
    expect(store.tasks.count()).toBe(0);
    imports.finish(importId);
    expect(store.tasks.count()).toBe(40);
    expect(stagedRows()).toBe(0);
  });

  it('leave the store as it was when cancelled', () => {
    putTasks(store, [rankingTask('kept')], 'import');
    const { importId } = imports.begin('tasks.jsonl');
    for (const chunk of cut(toJsonl(tasks), [1500])) imports.append(importId, chunk);
    expect(imports.cancel(importId)).toEqual({ cancelled: true });
    expect(store.tasks.list({}).map((t) => t.id)).toEqual(['kept']);
    expect(stagedRows()).toBe(0);
    expect(() => imports.finish(importId)).toThrow(/no longer running/);
    expect(imports.cancel(importId)).toEqual({ cancelled: false });
  });

  it('import nothing from a file with a bad line, and name the line and field', () => {
    const lines = toJsonl(tasks).split('\n');
    lines[29] = lines[29]!.replace('"project":', '"project":7,"x":');
    const chunks = cut(lines.join('\n'), [700]);
    expect(() => importInChunks('tasks.jsonl', chunks)).toThrow(/Line 30: project/);
    expect(store.tasks.count()).toBe(0);
    expect(stagedRows()).toBe(0);
  });

  it('name a duplicate id across chunks by both lines', () => {
    const text = toJsonl([rankingTask('a'), rankingTask('b'), rankingTask('a')]);
    expect(() => importInChunks('dup.jsonl', cut(text, [50]))).toThrow(/Line 3: id: duplicate task id "a" \(already used on line 1\)/);
  });

  it('refuse to replace a task the platform assigned, importing nothing', () => {
    putTasks(store, [rankingTask('r1')], 'platform');
    expect(() => importInChunks('tasks.jsonl', cut(toJsonl(tasks), [900]))).toThrow(/assigned by your platform/);
    expect(store.tasks.count()).toBe(1);
    expect(stagedRows()).toBe(0);
  });

  it('read whole-file formats in chunks through the same importers', () => {
    const alpaca = readFileSync(resolve(__dirname, '../../fixtures/preference/alpaca-eval-gpt4-pairwise.first20.json'), 'utf8');
    const outcome = importInChunks('pairs.json', cut(alpaca, [333]));
    expect(outcome.format).toBe('alpaca-eval');
    expect(outcome.imported).toBe(importTasksFromText('pairs.json', alpaca).ok ? 20 : -1);
    expect(store.tasks.count()).toBe(20);
  });

  it('drop what an interrupted import left staged when the core starts again', () => {
    const { importId } = imports.begin('tasks.jsonl');
    imports.append(importId, toJsonl(tasks));
    expect(stagedRows()).toBeGreaterThan(0);
    createChunkedImports(store, importTasksFromText); // the next start of the core
    expect(stagedRows()).toBe(0);
    expect(store.tasks.count()).toBe(0);
  });

  it('say an empty file is empty', () => {
    expect(() => importInChunks('empty.jsonl', ['\n', '  \n'])).toThrow(/empty/);
  });
});

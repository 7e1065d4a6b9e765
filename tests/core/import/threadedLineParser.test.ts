import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTasksFromText } from '@shared/formats/importTasks';
import { DEFAULT_IMPORT_LIMITS } from '@shared/formats/limits';
import { createChunkedImports } from '../../../electron/core/import/chunkedImport';
import { lineParserFromSource } from '../../../scripts/lineParserFromSource';
import { startLineParserThread, type LineParserThread } from '../../../electron/core/import/threadedLineParser';
import type { Store } from '../../../electron/core/store/store';
import { rankingTask, reasoningTask, toJsonl, trajectoryTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const root = resolve(__dirname, '../../..');
const tempDir = useTempDirs();
let thread: LineParserThread;
beforeAll(() => {
  thread = startLineParserThread(lineParserFromSource(root), { ...DEFAULT_IMPORT_LIMITS, maxTasks: 60 });
});
afterAll(() => thread.close());

const tasks = Array.from({ length: 45 }, (_, i) =>
  i % 9 === 0 ? trajectoryTask(`t${i}`, `Fix ${i} <script>alert(1)</script>`) : i % 3 === 0 ? reasoningTask(`m${i}`, `Prove ${i} — ∑ 𝛼\r\nwith “quotes”`) : rankingTask(`r${i}`),
);
const file = `\uFEFF${toJsonl(tasks).replace(/\n/g, '\r\n')}`;
const cut = (text: string, size: number): string[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

/** The same file through the core's own reader and through the thread: the stores must come out the same. */
const importBoth = async (text: string, size: number) => {
  const outcomes: unknown[] = [];
  const stores: Store[] = [];
  for (const lineParser of [null, thread]) {
    const store = openTestStore(tempDir()).store;
    stores.push(store);
    const imports = createChunkedImports(store, importTasksFromText, { ...DEFAULT_IMPORT_LIMITS, maxTasks: 60 }, { lineParser, stageBatchChars: 3000 });
    const { importId } = imports.begin('tasks.jsonl');
    try {
      for (const chunk of cut(text, size)) await imports.append(importId, chunk);
      outcomes.push(await imports.finish(importId));
    } catch (error) {
      outcomes.push(error instanceof Error ? `failed: ${error.message}` : error);
    }
  }
  const rows = stores.map((s) => s.db.prepare('SELECT id, project, kind, version, title, payload_json, excerpt FROM tasks ORDER BY id').all());
  const payloads = stores.map((s) => s.db.prepare('SELECT task_id, payload_json FROM task_payloads ORDER BY task_id').all());
  stores.forEach((s) => s.close());
  return { outcomes, rows, payloads };
};

describe('reading an import on the line parser thread', () => {
  it('writes what the core reading itself writes, however the chunks cut the lines', async () => {
    for (const size of [7, 333, 5000, file.length]) {
      const { outcomes, rows, payloads } = await importBoth(file, size);
      expect(outcomes[1]).toEqual(outcomes[0]);
      expect((outcomes[0] as { imported: number }).imported).toBe(45);
      expect(rows[1]).toEqual(rows[0]);
      expect(payloads[1]).toEqual(payloads[0]);
    }
  });

  it('fails the same way on a bad line, a duplicate id and too many tasks, importing nothing', async () => {
    const lines = toJsonl(tasks).split('\n');
    const bad = [...lines];
    bad[30] = bad[30]!.replace('"project":', '"project":7,"x":');
    const duplicate = toJsonl([...tasks, rankingTask('r1')]);
    const tooMany = toJsonl(Array.from({ length: 61 }, (_, i) => rankingTask(`x${i}`)));
    for (const [text, message] of [
      [bad.join('\n'), /Line 31: project/],
      [duplicate, /duplicate task id "r1"/],
      [tooMany, /more than 60 tasks/],
    ] as const) {
      const { outcomes, rows } = await importBoth(text, 900);
      expect(outcomes[0]).toMatch(message);
      expect(outcomes[1]).toEqual(outcomes[0]);
      expect(rows).toEqual([[], []]);
    }
  });

  it('fails an import with a clear message when the thread cannot run, and leaves nothing', async () => {
    const broken = startLineParserThread({ path: join(root, 'no-such-parser.js') }, DEFAULT_IMPORT_LIMITS);
    const store = openTestStore(tempDir()).store;
    try {
      const imports = createChunkedImports(store, importTasksFromText, undefined, { lineParser: broken });
      const { importId } = imports.begin('tasks.jsonl');
      const reading = (async () => {
        for (const chunk of cut(file, 500)) await imports.append(importId, chunk);
        return imports.finish(importId);
      })();
      await expect(reading).rejects.toThrow(/Reading the file stopped .*Nothing was imported/);
      expect(store.db.prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(0);
    } finally {
      store.close();
      await broken.close();
    }
  });
});

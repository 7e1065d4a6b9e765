/** The inbox rows that need the core thread or the harness (see inbox.ts). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Task } from '../../shared/domain';
import { createFileKeyProvider } from '../../electron/core/vault/fileKeyProvider';
import type { CoreWorkerInit } from '../../electron/core/worker/coreWorkerProtocol';
import { connectWorkerCore } from '../../electron/core/worker/workerBackend';
import { lineParserFromSource } from '../lineParserFromSource';
import { launchChromium, root, startHarness, type BenchContext } from './support';

const CHUNK_CHARS = 4 * 1024 * 1024;

const chunksOf = (tasks: readonly Task[]): string[] => {
  const chunks: string[] = [];
  let current = '';
  for (const task of tasks) {
    current += `${JSON.stringify(task)}\n`;
    if (current.length >= CHUNK_CHARS) {
      chunks.push(current);
      current = '';
    }
  }
  if (current) chunks.push(current);
  return chunks;
};

/** A 100,000-task import the way the app does it (chunks to the core thread), timing the import and this thread's stalls. */
export async function measureCoreThreadImport(tasks: readonly Task[], ctx: BenchContext) {
  const dataDir = mkdtempSync(join(tmpdir(), 'assay-bench-thread-'));
  // The harness's key provider, so the harness can open the same data afterwards.
  const key = createFileKeyProvider(dataDir).loadOrCreateKey('local');
  const worker = new Worker(join(root, 'electron/core/worker/coreWorker.ts'), {
    workerData: { dataDir, accountId: 'local', key, shell: 'test', version: '0.0.0-bench', importLineParser: lineParserFromSource(root) } satisfies CoreWorkerInit,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') },
  });
  const core = connectWorkerCore(worker);
  await core.ready;
  const chunks = chunksOf(tasks);
  let longestStallMs = 0;
  let last = performance.now();
  const watch = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const { importId } = await core.handlers.beginImport({ fileName: 'bench.jsonl', size: 0 });
  let progressEvents = 0;
  for (const text of chunks) {
    await core.handlers.appendImport({ importId, text });
    progressEvents++;
  }
  // Search entries follow the import on the core thread (searchIndexer.ts): timed to the last, the watch still on.
  const indexed = new Promise<void>((resolve) => {
    const off = core.events.on((event) => {
      if (event.type === 'searchIndex' && event.pending === 0) {
        off();
        resolve();
      }
    });
  });
  const outcome = await core.handlers.finishImport({ importId });
  const importMs = performance.now() - started;
  await indexed;
  const searchableMs = performance.now() - started;
  clearInterval(watch);
  if (outcome.imported !== tasks.length) throw new Error(`The core thread imported ${outcome.imported} of ${tasks.length} tasks.`);
  ctx.log(`core thread: ${tasks.length} tasks in ${Math.round(importMs)} ms, all searchable after ${Math.round(searchableMs)} ms, longest stall here ${longestStallMs.toFixed(1)} ms`);
  await core.close();
  return { dataDir, importMs, searchableMs, longestStallMs, progressEvents };
}

/** Loads the harness on a data folder in Chromium (once to warm it) and times navigation to the first task rows painted. */
export async function measureHarnessOpen(dataDir: string, ctx: BenchContext): Promise<number> {
  const harness = await startHarness(dataDir);
  const browser = await launchChromium(ctx);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const samples: number[] = [];
    for (let run = 0; run < 4; run++) {
      const t0 = performance.now();
      await page.goto(harness.url);
      await page.locator('[role="option"]').first().waitFor({ state: 'visible' });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      samples.push(performance.now() - t0);
    }
    const warm = samples.slice(1).sort((a, b) => a - b);
    return warm[Math.floor(warm.length / 2)]!;
  } finally {
    await browser.close();
    await harness.stop();
  }
}

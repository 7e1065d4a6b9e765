import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '@shared/domain';
import { dispatch, type AppEvent } from '@shared/ipc';
import type { CoreWorkerInit } from '../../../electron/core/worker/coreWorkerProtocol';
import { connectWorkerCore, type WorkerBackend } from '../../../electron/core/worker/workerBackend';
import { rankingTask, toJsonl } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';

const repoRoot = resolve(__dirname, '../../..');
const tempDir = useTempDirs();
const running: WorkerBackend[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.close()));
});

/** The real core thread (electron/core/worker/coreWorker.ts), compiled by tsx's loader as in the crash tests. */
const startCoreThread = (init: Partial<CoreWorkerInit> = {}, openExternal?: (url: string) => Promise<boolean>) => {
  const dataDir = init.dataDir ?? tempDir();
  const key = init.key ?? randomBytes(32);
  const worker = new Worker(join(repoRoot, 'electron/core/worker/coreWorker.ts'), {
    workerData: { dataDir, accountId: 'local', key, shell: 'test', version: '0.0.0-test', ...init } satisfies CoreWorkerInit,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.node.json') },
  });
  const backend = connectWorkerCore(worker, openExternal ? { openExternal } : {});
  running.push(backend);
  return { backend, dataDir, key, worker };
};

describe('the core in its own thread', () => {
  it('answers every operation through the contract, announces changes, and keeps the data on disk', async () => {
    const { backend, dataDir, key } = startCoreThread();
    await backend.ready;
    const events: AppEvent[] = [];
    backend.events.on((e) => events.push(e));

    const imported = await dispatch(backend.handlers, 'importTasks', { fileName: 'two.jsonl', text: toJsonl([rankingTask('w1'), rankingTask('w2')]) });
    expect(imported).toMatchObject({ ok: true, value: { imported: 2 } });
    const listed = await dispatch(backend.handlers, 'listTasks', {});
    expect(listed.ok && (listed.value as { matching: number }).matching).toBe(2);
    await expect.poll(() => events.some((e) => e.type === 'tasksChanged' && e.taskIds.includes('w1'))).toBe(true);

    // A failure in the thread arrives as the same Result an in-process core gives.
    const missing = await dispatch(backend.handlers, 'openTask', { id: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });

    await backend.close();
    const reopened = startCoreThread({ dataDir, key });
    await reopened.backend.ready;
    const again = await dispatch(reopened.backend.handlers, 'listTasks', {});
    expect(again.ok && (again.value as { tasks: { id: string }[] }).tasks.map((t) => t.id).sort()).toEqual(['w1', 'w2']);
  });

  it('asks the main thread to open links, which alone has the dialog', async () => {
    const asked: string[] = [];
    const { backend } = startCoreThread({}, async (url) => {
      asked.push(url);
      return true;
    });
    await backend.ready;
    const opened = await dispatch(backend.handlers, 'openExternal', { url: 'https://example.org/guidelines' });
    expect(opened).toEqual({ ok: true, value: { opened: true } });
    expect(asked).toEqual(['https://example.org/guidelines']);
  });

  it('opens with a notice when the key does not fit the file (the old file moved aside, never deleted)', async () => {
    const dataDir = tempDir();
    const first = startCoreThread({ dataDir });
    await first.backend.ready;
    await first.backend.close();
    const wrong = startCoreThread({ dataDir, key: randomBytes(32) });
    // A wrong key: the store is moved aside and a fresh one opens, with a notice (never deleted, never a crash).
    await wrong.backend.ready;
    const info = await dispatch(wrong.backend.handlers, 'getAppInfo', {});
    expect(info.ok && (info.value as { storeNotice: string | null }).storeNotice).toMatch(/./);
  });

  it('keeps the calling thread free while it imports 20,000 tasks', async () => {
    const { backend } = startCoreThread();
    await backend.ready;
    const text = toJsonl(Array.from({ length: 20_000 }, (_, i) => rankingTask(`big-${i}`)));
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const result = await dispatch(backend.handlers, 'importTasks', { fileName: 'big.jsonl', text });
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(result.ok).toBe(true);
    // The import itself takes seconds; this thread kept ticking through it. (Not a speed target: a thread that
    // blocked would show one gap as long as the import.)
    expect(took).toBeGreaterThan(longestGap * 3);
  });

  it('fails pending and later calls with a plain reason when the thread dies', async () => {
    const { backend, worker } = startCoreThread();
    await backend.ready;
    const text = toJsonl(Array.from({ length: 5_000 }, (_, i) => rankingTask(`big-${i}`)));
    const pending = backend.handlers.importTasks({ fileName: 'big.jsonl', text });
    await worker.terminate();
    await expect(pending).rejects.toThrow(/The core stopped/);
    await expect(Promise.resolve().then(() => backend.handlers.getAppInfo({}))).rejects.toBeInstanceOf(AppFailure);
  });
});

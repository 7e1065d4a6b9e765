import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type OperationName, type OutputOf } from '@shared/ipc';
import type { CoreWorkerInit } from '../../../electron/core/worker/coreWorkerProtocol';
import { connectWorkerCore, type WorkerBackend, type WorkerBackendOptions } from '../../../electron/core/worker/workerBackend';
import { rankingAnnotation, rankingTask, toJsonl } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';

const repoRoot = resolve(__dirname, '../../..');
const tempDir = useTempDirs();
const running: WorkerBackend[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.close()));
});

/** The real core thread of the desktop app (coreWorker.ts under tsx), this thread playing the main process. */
const startCoreThread = async (init: Partial<CoreWorkerInit>, options: WorkerBackendOptions) => {
  const worker = new Worker(join(repoRoot, 'electron/core/worker/coreWorker.ts'), {
    workerData: { dataDir: tempDir(), accountId: 'local', key: randomBytes(32), shell: 'test', version: '0.0.0-test', ...init } satisfies CoreWorkerInit,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.node.json') },
  });
  const backend = connectWorkerCore(worker, options);
  running.push(backend);
  await backend.ready;
  const call = async <N extends OperationName>(name: N, input: unknown): Promise<OutputOf<N>> => {
    const result = await dispatch(backend.handlers, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as OutputOf<N>;
  };
  const tasks = Array.from({ length: 150 }, (_, i) => rankingTask(`x${String(i).padStart(3, '0')}`));
  await call('importTasks', { fileName: 'x.jsonl', text: toJsonl(tasks) });
  for (const task of tasks) {
    await call('saveDraft', { taskId: task.id, annotation: rankingAnnotation('x'), activeSeconds: 1 });
    await call('submitTask', { taskId: task.id });
  }
  return { backend, call };
};

describe('an export from the core thread to the file chosen in the main thread', () => {
  it('asks the main thread for the path, writes it chunk by chunk there, and the file equals the whole export', async () => {
    const folder = tempDir();
    const asked: string[] = [];
    const { call } = await startCoreThread(
      { saveDialog: true },
      {
        chooseSavePath: async (suggestedName) => {
          asked.push(suggestedName);
          return join(folder, 'picked.jsonl');
        },
      },
    );
    const { exportId, fileName } = await call('beginExport', { format: 'dpo-jsonl' });
    expect(await call('chooseExportFile', { exportId })).toEqual({ status: 'chosen', fileName: 'picked.jsonl' });
    expect(asked).toEqual([fileName]);
    let chunks = 0;
    for (;;) {
      const step = await call('writeExport', { exportId });
      chunks += 1;
      if (step.done) {
        expect(step).toMatchObject({ saved: true, exported: 150 });
        break;
      }
    }
    expect(chunks).toBe(2);
    expect(readdirSync(folder)).toEqual(['picked.jsonl']);
    expect(readFileSync(join(folder, 'picked.jsonl'), 'utf8')).toBe((await call('exportAnnotations', { format: 'dpo-jsonl' })).text);
  });

  it('answers dismissed when the dialog was closed, and unavailable when the main thread offers no dialog', async () => {
    const dismissed = await startCoreThread({ saveDialog: true }, { chooseSavePath: async () => null });
    const first = await dismissed.call('beginExport', { format: 'dpo-jsonl' });
    expect(await dismissed.call('chooseExportFile', { exportId: first.exportId })).toEqual({ status: 'dismissed' });

    const without = await startCoreThread({}, {});
    const second = await without.call('beginExport', { format: 'dpo-jsonl' });
    expect(await without.call('chooseExportFile', { exportId: second.exportId })).toEqual({ status: 'unavailable' });
  });
});

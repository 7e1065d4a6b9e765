import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskInput } from '@shared/domain';
import { createPlatformServer, type PlatformServer, type PlatformServerOptions } from '../../../platform';
import { createStoreLocation, type EngineName } from '../postgres/engines';
import type { Store } from '../../../electron/core/store/store';
import { createPlatformClient } from '../../../electron/core/sync/platformClient';
import type { ClientFactory } from '../../../electron/core/sync/syncEngine';
import { openStore, storePathFor } from '../../../electron/core/store/openStore';
import { createFileKeyProvider } from '../../../electron/core/vault/fileKeyProvider';
import { startTestCore, type TestCore } from '../testCore';
import { startFaultProxy, type FaultProxy } from './faultProxy';

export const DAY_MS = 24 * 60 * 60 * 1000;

export const tempDir = (prefix = 'assay-sync-'): string => mkdtempSync(join(tmpdir(), prefix));

export interface SyncPlatform {
  server: PlatformServer;
  proxy: FaultProxy;
  clock: { now: number; advance(ms: number): void };
  /** Adds an expert, imports `count` reasoning tasks `${prefix}-1..n` into their own project and assigns them. */
  seedExpert(name: string, prefix: string, count: number): Promise<{ token: string; taskIds: string[] }>;
  close(): Promise<void>;
}

export const reasoningTasks = (prefix: string, count: number): TaskInput[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i + 1}`,
    project: prefix,
    title: `Problem ${prefix} ${i + 1}`,
    payload: { kind: 'reasoning', problem: `What is ${i} + ${i}?`, modelSteps: [{ id: 's1', content: `${i} + ${i} = ${2 * i}` }] },
  }));

export const toJsonl = (tasks: readonly TaskInput[]): string => tasks.map((t) => JSON.stringify(t)).join('\n') + '\n';

/** A real platform server on 127.0.0.1 (with a clock the test moves) behind a fault proxy. */
export const startSyncPlatform = async (options: Partial<PlatformServerOptions> & { engine?: EngineName } = {}): Promise<SyncPlatform> => {
  const { engine = 'sqlite', ...serverOptions } = options;
  const where = await createStoreLocation(engine);
  const dir = where.location;
  const clock = {
    now: Date.parse('2030-01-01T00:00:00.000Z'),
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const server = await createPlatformServer({
    ...(engine === 'sqlite' ? { dataDir: dir } : { database: dir }),
    port: 0,
    now: () => clock.now,
    log: () => undefined,
    ...serverOptions,
  });
  const proxy = await startFaultProxy(server.url);
  return {
    server,
    proxy,
    clock,
    async seedExpert(name, prefix, count) {
      const { token } = await server.store.addUser(name, 'expert');
      await server.store.importTasks({ project: prefix, fileName: `${prefix}.jsonl`, text: toJsonl(reasoningTasks(prefix, count)) });
      const { assigned } = await server.store.assign({ user: name, project: prefix, count });
      return { token, taskIds: assigned };
    },
    async close() {
      await proxy.close();
      await server.close();
      await where.remove();
    },
  };
};

/** Clients the engine makes go through the proxy with a per-request timeout the test can change. */
export const proxiedClientFactory = (timeout: { ms: number }): ClientFactory => (credentials, signal, appVersion) =>
  createPlatformClient({ baseUrl: credentials.platformUrl, token: credentials.token, signal, timeoutMs: timeout.ms, ...(appVersion === undefined ? {} : { appVersion }) });

export interface ClientOptions {
  timeout?: { ms: number };
  autoSync?: boolean;
  pageSize?: number;
  /** The app version the client reports (default the test core's 0.0.0-test). */
  version?: string;
}

/** A real core in `dataDir`, its sync scripted by the test unless autoSync is asked for. */
export const startSyncClient = (dataDir: string, options: ClientOptions = {}): TestCore =>
  startTestCore(dataDir, {
    ...(options.version === undefined ? {} : { version: options.version }),
    sync: {
      createClient: proxiedClientFactory(options.timeout ?? { ms: 5_000 }),
      autoSync: options.autoSync ?? false,
      random: () => 0.5,
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    },
  });

export const reasoningAnnotationOf = (finalAnswer: string) => ({
  kind: 'reasoning' as const,
  stepRatings: { s1: 1 as const },
  firstErrorStepId: null,
  authoredSteps: [],
  finalAnswer,
  finishReason: null,
});

export interface ServerSubmission {
  id: string;
  task_id: string;
  revision: number;
  annotation_json: string;
  idempotency_key: string;
}

export const serverSubmissions = (server: PlatformServer, taskIds: readonly string[]): Promise<ServerSubmission[]> =>
  server.store.db.query<ServerSubmission>(
    `SELECT id, task_id, revision, annotation_json, idempotency_key FROM submissions WHERE task_id IN (${taskIds.map(() => '?').join(',')}) ORDER BY submitted_at, id`,
    taskIds,
  );

export const serverDraft = async (server: PlatformServer, taskId: string): Promise<{ revision: number; annotation_json: string } | undefined> =>
  (
    await server.store.db.query<{ revision: number; annotation_json: string }>(
      'SELECT d.revision, d.annotation_json FROM drafts d JOIN assignments a ON a.id = d.assignment_id WHERE a.task_id = ? ORDER BY a.id DESC LIMIT 1',
      [taskId],
    )
  )[0];

/** Opens a client's store directly (the core must be closed), for checks the IPC surface does not expose. */
export const withLocalStore = <T>(dataDir: string, work: (store: Store) => T): T => {
  const key = createFileKeyProvider(join(dataDir, 'keys')).loadOrCreateKey('local');
  const { store } = openStore(storePathFor(dataDir, 'local'), key);
  try {
    return work(store);
  } finally {
    store.close();
  }
};

export const withLocalStoreAsync = async <T>(dataDir: string, work: (store: Store) => Promise<T>): Promise<T> => {
  const key = createFileKeyProvider(join(dataDir, 'keys')).loadOrCreateKey('local');
  const { store } = openStore(storePathFor(dataDir, 'local'), key);
  try {
    return await work(store);
  } finally {
    store.close();
  }
};

/**
 * One platform for a test file, behind its fault proxy; the clients and folders a test makes are closed and
 * removed after it, and the proxy forgets its faults. `onStart` receives the platform once it listens.
 */
export const useSyncPlatform = (onStart: (platform: SyncPlatform) => void): { cores: TestCore[]; dirs: string[] } => {
  let platform: SyncPlatform | null = null;
  const cores: TestCore[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    platform = await startSyncPlatform();
    onStart(platform);
  });
  afterAll(() => platform?.close());
  afterEach(() => {
    for (const core of cores.splice(0)) core.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    platform?.proxy.clear();
  });
  return { cores, dirs };
};

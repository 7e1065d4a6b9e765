import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskInput } from '../../shared/domain';
import type { MutationInput } from '../../shared/sync/protocol';
import { createPlatformServer, type PlatformServer, type PlatformServerOptions } from '../../platform';
import { createStoreLocation, type EngineName } from '../support/postgres/engines';

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'assay-platform-'));

/** Reasoning tasks small enough to make by the hundred: ids t0001, t0002 ... */
export const makeTasks = (count: number, project = 'math', from = 1): TaskInput[] =>
  Array.from({ length: count }, (_, i) => {
    const n = String(from + i).padStart(4, '0');
    return {
      id: `t${n}`,
      project,
      title: `Problem ${n}`,
      payload: { kind: 'reasoning', problem: `What is ${i} + ${i}?`, modelSteps: [{ id: 's1', content: `${i} + ${i} = ${2 * i}` }] },
    };
  });

export const toJsonl = (tasks: readonly TaskInput[]): string => tasks.map((t) => JSON.stringify(t)).join('\n') + '\n';

export const reasoningAnnotation = (finalAnswer = '42') => ({ kind: 'reasoning' as const, stepRatings: { s1: 1 as const }, finalAnswer });

let keyCounter = 0;
export const mutation = (fields: Partial<MutationInput> & { id: number; taskId: string }): MutationInput => ({
  idempotencyKey: `key-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2)}`,
  type: 'submit',
  revision: 1,
  annotation: reasoningAnnotation(),
  activeSeconds: 30,
  clientTime: new Date().toISOString(),
  ...fields,
});

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

const parseOrUndefined = (text: string): unknown => {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const request = async (url: string, init: RequestInit & { token?: string | null } = {}): Promise<ApiResponse> => {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: parseOrUndefined(text), text };
};

export const client = (base: string, token: string | null) => ({
  get: (path: string) => request(`${base}${path}`, { token }),
  post: (path: string, body: unknown) =>
    request(`${base}${path}`, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  put: (path: string, data: Uint8Array<ArrayBuffer>) => request(`${base}${path}`, { method: 'PUT', token, headers: { 'content-type': 'application/octet-stream' }, body: data }),
});

export interface TestPlatform {
  server: PlatformServer;
  /** The data folder, or the PostgreSQL URL. */
  dir: string;
  engine: EngineName;
  clock: { now: number; advance(ms: number): void };
  close(): Promise<void>;
}

/** A real server on 127.0.0.1 with a clock the test moves, on the engine given (SQLite unless told). */
export const startPlatform = async (options: Partial<PlatformServerOptions> & { engine?: EngineName } = {}): Promise<TestPlatform> => {
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
  return {
    server,
    dir,
    engine,
    clock,
    close: async () => {
      await server.close();
      await where.remove();
    },
  };
};

export const DAY_MS = 24 * 60 * 60 * 1000;

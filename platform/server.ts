import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestHandler } from './http/handler';
import { createRateLimiter, type RateLimitOptions } from './http/rateLimit';
import { openPlatformStore, type PlatformStore } from './store';

export interface PlatformServerOptions {
  dataDir: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** 127.0.0.1 unless told otherwise: a lab opens it to its network on purpose. */
  host?: string;
  /** Milliseconds of change history kept; a cursor pointing before it gets 410 cursor_expired. Default 30 days. */
  cursorRetention?: number;
  /** Default 14 days. */
  leaseSeconds?: number;
  /** Off unless given. */
  rateLimit?: RateLimitOptions;
  maxJsonBodyBytes?: number;
  maxBlobBytes?: number;
  /** A controllable clock for tests (milliseconds since the epoch). */
  now?: () => number;
  log?: (message: string) => void;
}

export interface PlatformServer {
  /** e.g. http://127.0.0.1:8787 (no trailing slash). */
  url: string;
  store: PlatformStore;
  close(): Promise<void>;
}

export const createPlatformServer = async (options: PlatformServerOptions): Promise<PlatformServer> => {
  const now = options.now ?? Date.now;
  const store = openPlatformStore(options.dataDir, {
    now,
    ...(options.leaseSeconds === undefined ? {} : { leaseSeconds: options.leaseSeconds }),
    ...(options.cursorRetention === undefined ? {} : { cursorRetentionMs: options.cursorRetention }),
  });
  const handler = createRequestHandler({
    store,
    rateLimiter: options.rateLimit ? createRateLimiter(options.rateLimit, now) : null,
    limits: {
      ...(options.maxJsonBodyBytes === undefined ? {} : { maxJsonBodyBytes: options.maxJsonBodyBytes }),
      ...(options.maxBlobBytes === undefined ? {} : { maxBlobBytes: options.maxBlobBytes }),
    },
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const server = createServer((req, res) => {
    void handler(req, res);
  });
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
};

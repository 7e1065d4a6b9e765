import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestHandler, type RequestLogEntry } from './http/handler';
import { createRateLimiter, type RateLimitOptions } from './http/rateLimit';
import { openPlatformStore, type PlatformStore } from './store';
import type { PostgresOptions } from './store/database';

export interface PlatformServerOptions {
  /** The embedded engine: the folder holding platform.sqlite. Either this or `database`. */
  dataDir?: string;
  /** PostgreSQL: a postgres:// URL. Several processes may serve the same database. */
  database?: string;
  /** Pool size and statement timeout on PostgreSQL. */
  postgres?: PostgresOptions;
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
  /** One structured entry per request; off unless given (`platform serve` writes them as JSON lines). */
  requestLog?: (entry: RequestLogEntry) => void;
  /** How long close() lets requests in flight finish before it cuts their connections (default 10 s). */
  shutdownGraceMs?: number;
  /**
   * How long an idle keep-alive connection stays open (default 65 s): longer than a load balancer's idle
   * timeout (60 s on the common ones), so the balancer, not this server, closes it and never sends a request
   * down a connection this server is closing.
   */
  keepAliveTimeoutMs?: number;
}

export interface PlatformServer {
  /** e.g. http://127.0.0.1:8787 (no trailing slash). */
  url: string;
  store: PlatformStore;
  /** Where the data is: a folder, or the database URL without its password. */
  location: string;
  /**
   * Graceful: stops accepting connections, answers 503 at /readyz, lets requests in flight finish (up to
   * the grace period), closes idle keep-alive connections, then the store.
   */
  close(): Promise<void>;
}

export const createPlatformServer = async (options: PlatformServerOptions): Promise<PlatformServer> => {
  const location = options.database ?? options.dataDir;
  if (location === undefined) throw new Error('createPlatformServer needs dataDir or database');
  const now = options.now ?? Date.now;
  const store = await openPlatformStore(location, {
    now,
    ...(options.leaseSeconds === undefined ? {} : { leaseSeconds: options.leaseSeconds }),
    ...(options.cursorRetention === undefined ? {} : { cursorRetentionMs: options.cursorRetention }),
    ...(options.postgres === undefined ? {} : { postgres: options.postgres }),
  });
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | null = null;
  const handler = createRequestHandler({
    store,
    rateLimiter: options.rateLimit ? createRateLimiter(options.rateLimit, now) : null,
    limits: {
      ...(options.maxJsonBodyBytes === undefined ? {} : { maxJsonBodyBytes: options.maxJsonBodyBytes }),
      ...(options.maxBlobBytes === undefined ? {} : { maxBlobBytes: options.maxBlobBytes }),
    },
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.requestLog === undefined ? {} : { requestLog: options.requestLog }),
    draining: () => draining,
  });
  const server = createServer((req, res) => {
    inFlight += 1;
    if (draining) res.setHeader('connection', 'close');
    void handler(req, res).finally(() => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 65_000;
  server.headersTimeout = server.keepAliveTimeout + 1_000;
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
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    store,
    location: store.db.location,
    close: () =>
      (closing ??= (async () => {
        draining = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, options.shutdownGraceMs ?? 10_000);
            idle = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        server.closeAllConnections();
        await closed;
        await store.close();
      })()),
  };
};

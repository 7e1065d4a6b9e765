import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_VERSION_HEADER, decideClientVersion } from '../../shared/sync/appVersion';
import { PROTOCOL_LIMITS } from '../../shared/sync/protocol';
import type { PlatformStore } from '../store';
import { isBusy, isUnavailable } from '../store/database';
import { PlatformError } from '../store/errors';
import { authenticate } from './auth';
import type { RateLimiter } from './rateLimit';
import { errorReply, jsonReply, type Reply } from './reply';
import { matchRoute } from './routes';

export interface HandlerOptions {
  store: PlatformStore;
  rateLimiter: RateLimiter | null;
  limits?: { maxJsonBodyBytes?: number; maxBlobBytes?: number };
  log?: (message: string) => void;
  /** One structured entry per request (method, path, status, duration, user id): never a body, a query or a token. */
  requestLog?: (entry: RequestLogEntry) => void;
  /** True once the server is shutting down: /readyz answers 503 so a load balancer stops sending. */
  draining?: () => boolean;
}

export interface RequestLogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  msg: 'request';
  method: string;
  path: string;
  status: number;
  ms: number;
  user: string | null;
  bytes: number;
}

const replyForError = (error: unknown, log: (message: string) => void): Reply => {
  if (error instanceof PlatformError) {
    return errorReply(error.code, error.message, {
      ...(error.detail === undefined ? {} : { detail: error.detail }),
      ...(error.status === undefined ? {} : { status: error.status }),
    });
  }
  if (isBusy(error)) {
    return errorReply('server_error', 'The store is busy; try again shortly', { status: 503, headers: { 'retry-after': '1' } });
  }
  if (isUnavailable(error)) {
    log(`database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return errorReply('server_error', 'The database is unavailable; try again shortly', { status: 503, headers: { 'retry-after': '2' } });
  }
  log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return errorReply('server_error', 'The server failed to handle this request; it has been logged');
};

const send = (res: ServerResponse, reply: Reply, closeAfter: boolean): number => {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  res.writeHead(reply.status, {
    'content-type': reply.contentType,
    'content-length': String(body.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(closeAfter ? { connection: 'close' } : {}),
    ...reply.headers,
  });
  res.end(body);
  return body.length;
};

/** Unauthenticated probes for a load balancer: the process is up; the database answers and its schema is current. */
const probe = async (pathname: string, store: PlatformStore, draining: () => boolean): Promise<Reply | null> => {
  if (pathname === '/healthz') return jsonReply(200, { ok: true });
  if (pathname !== '/readyz') return null;
  const readiness = await store.readiness();
  const ready = readiness.ready && !draining();
  return jsonReply(ready ? 200 : 503, { ...readiness, ready, ...(draining() ? { draining: true } : {}) });
};

/** Authenticate, rate-limit, route, authorize by role, run, and turn every failure into an error body. */
export const createRequestHandler = ({ store, rateLimiter, limits = {}, log = (m) => console.error(m), requestLog, draining = () => false }: HandlerOptions) => {
  const effectiveLimits = {
    maxJsonBodyBytes: limits.maxJsonBodyBytes ?? PROTOCOL_LIMITS.maxJsonBodyBytes,
    maxBlobBytes: limits.maxBlobBytes ?? PROTOCOL_LIMITS.maxBlobBytes,
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    let userId: string | null = null;
    let reply: Reply;
    const finish = (r: Reply, closeAfter: boolean): void => {
      const bytes = send(res, r, closeAfter);
      requestLog?.({
        time: new Date().toISOString(),
        level: r.status >= 500 ? 'error' : r.status >= 400 ? 'warn' : 'info',
        msg: 'request',
        method: req.method ?? '',
        path: pathname.slice(0, 200),
        status: r.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        user: userId,
        bytes,
      });
    };
    try {
      const probed = req.method === 'GET' ? await probe(pathname, store, draining) : null;
      if (probed !== null) {
        finish(probed, false);
        return;
      }
      // Both reads at once (on PostgreSQL, one round trip of latency instead of two).
      const [user, minAppVersion] = await Promise.all([authenticate(req, store), store.minAppVersion.get()]);
      if (user === null) {
        finish(errorReply('unauthorized', 'A valid API token is required (Authorization: Bearer <token>)', { headers: { 'www-authenticate': 'Bearer realm="assay"' } }), false);
        req.resume();
        return;
      }
      userId = user.id;
      const waitMs = rateLimiter?.check(user.id) ?? null;
      const header = req.headers[APP_VERSION_HEADER];
      // The update feed stays open to apps below the minimum: it is how they get above it.
      const updating = (req.url ?? '').startsWith('/v1/updates/');
      const version = updating ? { allowed: true as const } : decideClientVersion(minAppVersion, Array.isArray(header) ? header[0] : header);
      if (!version.allowed) {
        // Refused before anything is read or applied: the app keeps all its queued work and says to update.
        reply = errorReply('upgrade_required', version.message, { detail: 'appVersion' });
      } else if (waitMs !== null) {
        reply = errorReply('rate_limited', 'Too many requests; wait and try again', { headers: { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) } });
      } else {
        const url = new URL(req.url ?? '/', 'http://platform.invalid');
        const match = matchRoute(req.method ?? 'GET', url.pathname);
        if (match === null) {
          reply = errorReply('not_found', `No endpoint ${req.method ?? ''} ${url.pathname} in protocol v1`);
        } else if (!match.route.roles.includes(user.role)) {
          reply = errorReply('forbidden', `A ${user.role} may not use ${req.method ?? ''} ${url.pathname}`);
        } else {
          reply = await match.route.handle({ req, url, user, params: match.params, store, limits: effectiveLimits });
        }
      }
    } catch (error) {
      reply = replyForError(error, log);
    }
    // An unread request body (a refused upload) would otherwise be parsed as the next request.
    const unread = !req.complete;
    finish(reply, unread);
    if (unread) req.resume();
  };
};

import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_VERSION_HEADER, decideClientVersion } from '../../shared/sync/appVersion';
import { PROTOCOL_LIMITS } from '../../shared/sync/protocol';
import type { PlatformStore } from '../store';
import { PlatformError } from '../store/errors';
import { authenticate } from './auth';
import type { RateLimiter } from './rateLimit';
import { errorReply, type Reply } from './reply';
import { matchRoute } from './routes';

export interface HandlerOptions {
  store: PlatformStore;
  rateLimiter: RateLimiter | null;
  limits?: { maxJsonBodyBytes?: number; maxBlobBytes?: number };
  log?: (message: string) => void;
}

const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT']);
const sqliteCode = (error: unknown): string | null => (error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null);

const replyForError = (error: unknown, log: (message: string) => void): Reply => {
  if (error instanceof PlatformError) {
    return errorReply(error.code, error.message, {
      ...(error.detail === undefined ? {} : { detail: error.detail }),
      ...(error.status === undefined ? {} : { status: error.status }),
    });
  }
  const code = sqliteCode(error);
  if (code !== null && BUSY.has(code)) {
    return errorReply('server_error', 'The store is busy; try again shortly', { status: 503, headers: { 'retry-after': '1' } });
  }
  log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return errorReply('server_error', 'The server failed to handle this request; it has been logged');
};

const send = (res: ServerResponse, reply: Reply, closeAfter: boolean): void => {
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
};

/** Authenticate, rate-limit, route, authorize by role, run, and turn every failure into an error body. */
export const createRequestHandler = ({ store, rateLimiter, limits = {}, log = (m) => console.error(m) }: HandlerOptions) => {
  const effectiveLimits = {
    maxJsonBodyBytes: limits.maxJsonBodyBytes ?? PROTOCOL_LIMITS.maxJsonBodyBytes,
    maxBlobBytes: limits.maxBlobBytes ?? PROTOCOL_LIMITS.maxBlobBytes,
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let reply: Reply;
    try {
      const user = authenticate(req, store);
      if (user === null) {
        send(res, errorReply('unauthorized', 'A valid API token is required (Authorization: Bearer <token>)', { headers: { 'www-authenticate': 'Bearer realm="assay"' } }), false);
        req.resume();
        return;
      }
      const waitMs = rateLimiter?.check(user.id) ?? null;
      const header = req.headers[APP_VERSION_HEADER];
      // The update feed stays open to apps below the minimum: it is how they get above it.
      const updating = (req.url ?? '').startsWith('/v1/updates/');
      const version = updating ? { allowed: true as const } : decideClientVersion(store.minAppVersion.get(), Array.isArray(header) ? header[0] : header);
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
    send(res, reply, unread);
    if (unread) req.resume();
  };
};

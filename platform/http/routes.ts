import type { IncomingMessage } from 'node:http';
import {
  API_PREFIX,
  PROTOCOL_LIMITS,
  PROTOCOL_VERSION,
  changesQuerySchema,
  postCommentReplyRequestSchema,
  postReviewRequestSchema,
  pushRequestSchema,
  reviewQueueQuerySchema,
  sha256HexSchema,
  snapshotQuerySchema,
  type MeResponse,
  type PlatformUser,
  type Role,
} from '../../shared/sync/protocol';
import { idSchema } from '../../shared/domain';
import type { PlatformStore } from '../store';
import { PlatformError } from '../store/errors';
import { releaseChannelSchema, releaseFileNameSchema } from '../../shared/updates/releaseFiles';
import { decodeCursor } from '../store/feed';
import { agreementReportQuerySchema } from '../../shared/sync/reviewQuality';
import { parseJsonBody, parseWith, readBody } from './body';
import { bytesReply, jsonReply, rawJsonReply, type Reply } from './reply';

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  user: PlatformUser;
  params: Record<string, string>;
  store: PlatformStore;
  limits: { maxJsonBodyBytes: number; maxBlobBytes: number };
}

interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: RegExp;
  /** Names of the path's capture groups, in order. */
  params?: readonly string[];
  roles: readonly Role[];
  handle(ctx: RequestContext): Promise<Reply> | Reply;
}

const ALL: readonly Role[] = ['expert', 'reviewer', 'admin'];
const query = (url: URL): Record<string, string> => Object.fromEntries(url.searchParams);

const jsonBody = async (ctx: RequestContext): Promise<unknown> => parseJsonBody(await readBody(ctx.req, ctx.limits.maxJsonBodyBytes));

const me = ({ user, store, limits }: RequestContext): Reply => {
  const body: MeResponse = {
    protocolVersion: PROTOCOL_VERSION,
    user,
    serverTime: new Date(store.now()).toISOString(),
    leaseSeconds: store.leaseSeconds,
    limits: { maxPageSize: PROTOCOL_LIMITS.maxPageSize, maxMutationsPerPush: PROTOCOL_LIMITS.maxMutationsPerPush, ...limits },
  };
  return jsonReply(200, body);
};

const changes = async ({ url, user, store }: RequestContext): Promise<Reply> => {
  const q = parseWith(changesQuerySchema, query(url), 'query');
  const after = q.cursor === undefined ? 0 : decodeCursor(q.cursor);
  await store.feed.prune();
  await store.feed.checkCursor(after);
  // Renewed before the page is read, so the lease_extended changes travel in this very pull.
  await store.assignments.renewAll(user.id);
  return rawJsonReply(200, (await store.feed.pageJson(user.id, after, q.limit)).json);
};

const snapshot = async ({ url, user, store }: RequestContext): Promise<Reply> => {
  const q = parseWith(snapshotQuerySchema, query(url), 'query');
  if (q.page === undefined) {
    await store.feed.prune();
    await store.assignments.renewAll(user.id);
  }
  return jsonReply(200, await store.assignments.snapshotPage(user, q.page, q.limit));
};

const mutations = async (ctx: RequestContext): Promise<Reply> => {
  const request = parseWith(pushRequestSchema, await jsonBody(ctx), 'request body');
  return jsonReply(200, await ctx.store.mutations.push(ctx.user, request));
};

const shaParam = (ctx: RequestContext): string => parseWith(sha256HexSchema, ctx.params.sha256, 'blob name');

const putBlob = async (ctx: RequestContext): Promise<Reply> => {
  const sha256 = shaParam(ctx);
  const data = await readBody(ctx.req, ctx.limits.maxBlobBytes);
  const result = await ctx.store.blobs.put(sha256, data);
  return jsonReply(result.created ? 201 : 200, result);
};

const getBlob = async (ctx: RequestContext): Promise<Reply> => {
  const sha256 = shaParam(ctx);
  const data = await ctx.store.blobs.get(sha256);
  if (data === null) throw new PlatformError('not_found', `No blob ${sha256}`);
  return bytesReply(200, data, { etag: `"${sha256}"`, 'cache-control': 'private, max-age=31536000, immutable' });
};

const reviewQueue = async ({ url, user, store }: RequestContext): Promise<Reply> => {
  const q = parseWith(reviewQueueQuerySchema, query(url), 'query');
  return jsonReply(200, { items: await store.reviews.queue(user, q.project, q.limit) });
};

const postReview = async (ctx: RequestContext): Promise<Reply> => {
  const request = parseWith(postReviewRequestSchema, await jsonBody(ctx), 'request body');
  const { review, duplicate } = await ctx.store.reviews.post(ctx.user, request);
  return duplicate ? jsonReply(200, { review, duplicate: true }) : jsonReply(201, { review });
};

const postCommentReply = async (ctx: RequestContext): Promise<Reply> => {
  const request = parseWith(postCommentReplyRequestSchema, await jsonBody(ctx), 'request body');
  const { reply, duplicate } = await ctx.store.commentReplies.post(ctx.user, request);
  return duplicate ? jsonReply(200, { reply, duplicate: true }) : jsonReply(201, { reply });
};

/** One task's judgements side by side, each with its hash chain and gold score (reviewers only). */
const taskJudgements = async (ctx: RequestContext): Promise<Reply> => {
  const taskId = parseWith(idSchema, ctx.params.taskId, 'task id');
  return jsonReply(200, await ctx.store.agreement.taskJudgements(taskId));
};

const agreementReport = async ({ url, store }: RequestContext): Promise<Reply> => {
  const q = parseWith(agreementReportQuerySchema, query(url), 'query');
  return jsonReply(200, await store.agreement.report(q.project));
};

/** electron-updater's generic provider: `<platform>/v1/updates/<channel>/latest.yml`, then the file it names. */
const updateFile = async (ctx: RequestContext): Promise<Reply> => {
  const channel = parseWith(releaseChannelSchema, ctx.params.channel, 'channel');
  const name = parseWith(releaseFileNameSchema, ctx.params.file, 'file name');
  const data = await ctx.store.releases.get(channel, name);
  if (data === null) throw new PlatformError('not_found', `No file ${name} on the ${channel} channel`);
  return bytesReply(200, data, { 'cache-control': 'no-store' });
};

const p = (suffix: string): RegExp => new RegExp(`^${API_PREFIX}${suffix}$`);

export const routes: readonly Route[] = [
  { method: 'GET', path: p('/me'), roles: ALL, handle: me },
  { method: 'GET', path: p('/changes'), roles: ALL, handle: changes },
  { method: 'GET', path: p('/snapshot'), roles: ALL, handle: snapshot },
  { method: 'POST', path: p('/mutations'), roles: ['expert'], handle: mutations },
  { method: 'PUT', path: p('/blobs/([^/]+)'), params: ['sha256'], roles: ALL, handle: putBlob },
  { method: 'GET', path: p('/blobs/([^/]+)'), params: ['sha256'], roles: ALL, handle: getBlob },
  { method: 'GET', path: p('/updates/([^/]+)/([^/]+)'), params: ['channel', 'file'], roles: ALL, handle: updateFile },
  { method: 'GET', path: p('/review/queue'), roles: ['reviewer', 'admin'], handle: reviewQueue },
  { method: 'POST', path: p('/reviews'), roles: ['reviewer', 'admin'], handle: postReview },
  { method: 'POST', path: p('/comment-replies'), roles: ['expert'], handle: postCommentReply },
  { method: 'GET', path: p('/review/tasks/([^/]+)/judgements'), params: ['taskId'], roles: ['reviewer', 'admin'], handle: taskJudgements },
  { method: 'GET', path: p('/review/agreement'), roles: ['reviewer', 'admin'], handle: agreementReport },
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** The route for this method and path; a known path with another method is a 404 too (no 405 in v1). */
export const matchRoute = (method: string, pathname: string): RouteMatch | null => {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.path.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    (route.params ?? []).forEach((name, i) => {
      const raw = match[i + 1] ?? '';
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        // A malformed percent-escape (`%zz`, a lone `%`, bad UTF-8) is the client's mistake, not a server error.
        throw new PlatformError('invalid', `The path segment "${raw.slice(0, 100)}" has a malformed percent-escape`, name);
      }
    });
    return { route, params };
  }
  return null;
};

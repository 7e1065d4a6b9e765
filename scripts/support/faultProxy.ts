import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does with one request:
 * - pass: forward and relay the answer;
 * - drop_before: close the connection without forwarding (the server never sees the request);
 * - drop_after: forward, let the server answer (it has committed), then close the connection instead of relaying;
 * - status: answer this status (500, 503 ...) without forwarding;
 * - stall: hold the request until the client gives up; with afterForward the server has handled it;
 * - truncate: forward, then send the headers and only part of the body before closing;
 * - rewrite: forward and relay a changed body (a payload that fails the schema, malformed JSON ...).
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'drop_before' }
  | { kind: 'drop_after' }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'stall'; afterForward?: boolean }
  | { kind: 'truncate'; keep?: number }
  | { kind: 'rewrite'; transform: (body: string, status: number) => string };

export type FaultKind = Fault['kind'];

export interface ProxiedRequest {
  method: string;
  path: string;
  fault: FaultKind;
  /** The status the proxy answered itself, for a `status` fault. */
  injectedStatus: number | null;
  /** The upstream status, when the request was forwarded. */
  upstreamStatus: number | null;
}

export type FaultRule = (method: string, path: string, n: number) => Fault | null;

export interface FaultProxy {
  url: string;
  /** Faults for the next requests, in order; when the queue is empty, the rule (or pass) decides. */
  enqueue(...faults: Fault[]): void;
  /** Faults only for requests whose path starts with `prefix` (e.g. '/v1/mutations'), before the general queue. */
  enqueueFor(prefix: string, ...faults: Fault[]): void;
  setRule(rule: FaultRule | null): void;
  /** Empties the queues and removes the rule: everything passes. */
  clear(): void;
  log: ProxiedRequest[];
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

const readAll = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

/** A fault-injecting HTTP proxy on 127.0.0.1 in front of `target` (e.g. http://127.0.0.1:8787). */
export const startFaultProxy = async (target: string): Promise<FaultProxy> => {
  const upstreamUrl = new URL(target);
  const queue: Fault[] = [];
  const scoped: { prefix: string; fault: Fault }[] = [];
  let rule: FaultRule | null = null;
  let count = 0;
  const log: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: upstreamUrl.host, 'content-length': String(body.length) };
      delete headers.connection;
      const out = httpRequest(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, method: req.method, path: req.url, headers, agent: false },
        (res) => {
          readAll(res).then((data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }), reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const relayHeaders = (up: Upstream, length: number): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(up.headers)) {
      if (v === undefined || HOP_BY_HOP.has(k)) continue;
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    headers['content-length'] = String(length);
    return headers;
  };

  const pick = (method: string, path: string): Fault => {
    const i = scoped.findIndex((s) => path.startsWith(s.prefix));
    if (i >= 0) return scoped.splice(i, 1)[0]?.fault ?? { kind: 'pass' };
    const queued = queue.shift();
    if (queued) return queued;
    return rule?.(method, path, count) ?? { kind: 'pass' };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    count += 1;
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const fault = pick(method, path);
    const entry: ProxiedRequest = { method, path, fault: fault.kind, injectedStatus: fault.kind === 'status' ? fault.status : null, upstreamStatus: null };
    log.push(entry);
    const body = await readAll(req);
    const kill = (): void => {
      res.socket?.destroy();
    };
    switch (fault.kind) {
      case 'drop_before':
        kill();
        return;
      case 'status': {
        const text = fault.body ?? JSON.stringify({ error: { code: 'server_error', message: `injected ${fault.status}` } });
        res.writeHead(fault.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...fault.headers });
        res.end(text);
        return;
      }
      case 'stall':
        if (fault.afterForward === true) {
          try {
            entry.upstreamStatus = (await forward(req, body)).status;
          } catch {
            // the upstream failing changes nothing: the client sees a stall either way
          }
        }
        // Never answer; the socket goes when the client gives up or the proxy closes.
        return;
      default:
        break;
    }
    let up: Upstream;
    try {
      up = await forward(req, body);
    } catch {
      kill();
      return;
    }
    entry.upstreamStatus = up.status;
    switch (fault.kind) {
      case 'drop_after':
        kill();
        return;
      case 'truncate': {
        const keep = Math.max(0, Math.min(up.body.length - 1, fault.keep ?? Math.floor(up.body.length / 2)));
        res.writeHead(up.status, relayHeaders(up, up.body.length));
        res.write(up.body.subarray(0, keep), () => setTimeout(kill, 5));
        return;
      }
      case 'rewrite': {
        const text = Buffer.from(fault.transform(up.body.toString('utf8'), up.status), 'utf8');
        res.writeHead(up.status, relayHeaders(up, text.length));
        res.end(text);
        return;
      }
      default:
        res.writeHead(up.status, relayHeaders(up, up.body.length));
        res.end(up.body);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    enqueue: (...faults) => queue.push(...faults),
    enqueueFor: (prefix, ...faults) => scoped.push(...faults.map((fault) => ({ prefix, fault }))),
    setRule: (next) => {
      rule = next;
    },
    clear: () => {
      queue.length = 0;
      scoped.length = 0;
      rule = null;
    },
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
};

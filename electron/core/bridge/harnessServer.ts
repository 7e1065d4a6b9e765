import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { dispatch, type AppEvent, type CoreHandlers } from '@shared/ipc';
import { RENDERER_CSP } from '@shared/security/csp';

export interface HarnessServerOptions {
  handlers: CoreHandlers;
  subscribe(listener: (event: AppEvent) => void): () => void;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** A random per-run secret; only the served page carries it. */
  token: string;
  port?: number;
}

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

const sameSecret = (given: string | undefined, token: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': RENDERER_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
  res.end(body);
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * Serves the built renderer on loopback with the real core behind a bridge that speaks the IPC contract.
 * Only the page we serve knows the token, so no other page or local process can drive the core; the Host
 * check stops DNS-rebinding pages, and the JSON content type forces a CORS preflight we never grant.
 */
export async function startHarnessServer(options: HarnessServerOptions): Promise<HarnessServer> {
  const { handlers, subscribe, staticDir, token } = options;
  const indexHtml = (await readFile(join(staticDir, 'index.html'), 'utf8')).replace(
    /(<meta name="assay-bridge-token" content=")(")/,
    `$1${token}$2`,
  );
  let allowedHosts: Set<string> = new Set();

  const server = createServer((req, res) => {
    void (async () => {
      if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'Wrong host.');
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

      if (url.pathname === '/bridge/events') {
        if (!sameSecret(url.searchParams.get('token') ?? undefined, token)) return send(res, 401, 'Missing or wrong bridge token.');
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        const unsubscribe = subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
        req.on('close', unsubscribe);
        return;
      }

      if (url.pathname.startsWith('/bridge/')) {
        if (req.method !== 'POST') return send(res, 405, 'Use POST.');
        if (!sameSecret(req.headers['x-assay-token'] as string | undefined, token)) return send(res, 401, 'Missing or wrong bridge token.');
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return send(res, 403, 'Foreign origin.');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Send JSON.');
        let input: unknown;
        try {
          input = JSON.parse(await readBody(req));
        } catch (error) {
          const result = { ok: false, error: { code: 'invalid_input', message: `The request body is not valid JSON: ${String(error)}` } };
          return send(res, 400, JSON.stringify(result), 'application/json');
        }
        const result = await dispatch(handlers, decodeURIComponent(url.pathname.slice('/bridge/'.length)), input);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.');
      if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, indexHtml, CONTENT_TYPES['.html']);
      const file = normalize(join(staticDir, decodeURIComponent(url.pathname)));
      if (!file.startsWith(staticDir.endsWith(sep) ? staticDir : staticDir + sep)) return send(res, 404, 'Not found.');
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        });
        res.end(body);
      } catch {
        send(res, 404, 'Not found.');
      }
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `Harness error: ${String(error)}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

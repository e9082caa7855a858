/**
 * Browser mode: the built renderer and the API over HTTP, on 127.0.0.1 only. Every API call
 * needs the per-run token; Host and Origin are checked so a web page elsewhere cannot reach the
 * API through DNS rebinding; no CORS header is ever sent. Events from main (shared/events.ts)
 * stream on EVENTS_PATH, one JSON object per line, behind the same checks.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { TOKEN_HEADER } from '../../shared/api.js';
import { CSP } from '../../shared/csp.js';
import { EVENTS_PATH, type EventSource } from '../../shared/events.js';
import type { Dispatch } from '../services/handlers/dispatch.js';

const MAX_BODY = 10 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface ServerOptions {
  dispatch: Dispatch;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
  /** Main's events, streamed to each page that asks for EVENTS_PATH (none are sent without it). */
  events?: EventSource;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  /** The address it listens on: always 127.0.0.1. */
  address: string;
  close(): Promise<void>;
}

/** True when `a` equals `b`, in time that does not depend on where they differ. */
export function tokensMatch(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Starts the server on 127.0.0.1. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;
  // Open event streams never end by themselves: close() ends them so the server can stop.
  const streams = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: 'server error' } });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 403, 'forbidden', 'unexpected Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) return refuse(res, 403, 'forbidden', 'unexpected Origin');
    const url = new URL(req.url ?? '/', `http://${allowedHosts[0]}`);

    if (url.pathname === EVENTS_PATH) {
      if (req.method !== 'GET') return refuse(res, 405, 'forbidden', 'the event stream is read with GET');
      const given = req.headers[TOKEN_HEADER];
      if (typeof given !== 'string' || !tokensMatch(given, token)) return refuse(res, 401, 'forbidden', 'missing or wrong token');
      return streamEvents(res);
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'forbidden', 'API calls must be POST');
      const given = req.headers[TOKEN_HEADER];
      if (typeof given !== 'string' || !tokensMatch(given, token)) return refuse(res, 401, 'forbidden', 'missing or wrong token');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'invalid-args', 'send application/json');
      const body = await readBody(req);
      if (body === null) {
        res.setHeader('connection', 'close');
        return refuse(res, 413, 'invalid-args', `request too large (the limit is ${MAX_BODY / 1024 / 1024} MB)`);
      }
      let args: unknown;
      try {
        args = body.length ? JSON.parse(body) : {};
      } catch {
        return refuse(res, 400, 'invalid-args', 'body is not JSON');
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      return send(res, 200, await options.dispatch(method, args));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'forbidden', 'method not allowed');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return refuse(res, 400, 'invalid-args', 'bad path');
    }
    if (rel === '/') rel = '/index.html';
    const file = path.resolve(staticRoot, '.' + rel);
    if (!file.startsWith(staticRoot + path.sep) || rel.includes('\0')) return refuse(res, 404, 'not-found', 'not found');
    let data: Buffer;
    try {
      data = await fs.readFile(file);
    } catch {
      return refuse(res, 404, 'not-found', 'not found');
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  function streamEvents(res: http.ServerResponse): void {
    // `connection: close`: a stream's socket is not reused, so ending the stream frees it at once.
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', connection: 'close' });
    // The first line tells the page the stream is open, so it can read any state it may have missed.
    res.write('{"type":"stream-open"}\n');
    const off = options.events?.subscribe((event) => res.write(JSON.stringify(event) + '\n')) ?? (() => undefined);
    streams.add(res);
    res.on('close', () => {
      off();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const bound = server.address() as import('node:net').AddressInfo;
  port = bound.port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    address: bound.address,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const res of streams) res.end();
      }),
  };
}

/**
 * The request body as text, or null when it passes MAX_BODY. Past the limit the rest is read and
 * dropped rather than the socket cut: a client still sending when the socket closes sees a reset,
 * not the 413 answer (which is sent at once, with `connection: close`).
 */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > MAX_BODY) {
      req.resume();
      return resolve(null);
    }
    let chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) return;
      if (size <= MAX_BODY) return void chunks.push(chunk);
      over = true;
      chunks = [];
      resolve(null);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

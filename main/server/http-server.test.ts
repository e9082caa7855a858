import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tokensMatch, type RunningServer } from './http-server.js';

let server: RunningServer;
let calls: [string, unknown][] = [];

function request(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (headers: Record<string, string> = {}, body = '{}') =>
  request({ path: '/api/getSession', method: 'POST', headers: { 'content-type': 'application/json', 'x-quotebench-token': server.token, ...headers }, body });

beforeAll(async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-http-'));
  const staticDir = path.join(dir, 'static');
  await fs.mkdir(staticDir);
  await fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  await fs.writeFile(path.join(dir, 'secret.txt'), 'secret');
  server = await startServer({
    staticDir,
    dispatch: async (method, args) => {
      calls.push([method, args]);
      return { ok: true, value: { method } };
    },
  });
});
afterAll(() => server.close());

describe('browser-mode server', () => {
  it('answers an API call with the token', async () => {
    calls = [];
    const r = await api();
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { method: 'getSession' } });
    expect(calls).toEqual([['getSession', {}]]);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a missing or wrong token, a foreign Host or Origin, GET and non-JSON', async () => {
    calls = [];
    expect((await request({ path: '/api/getSession', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await api({ 'x-quotebench-token': 'x'.repeat(64) })).status).toBe(401);
    expect((await api({ host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await api({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await api({ origin: `http://localhost:${server.port}` })).status).toBe(200);
    expect((await request({ path: '/api/getSession', headers: { 'x-quotebench-token': server.token } })).status).toBe(405);
    expect((await api({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await api({}, '{not json')).status).toBe(400);
    expect(calls).toHaveLength(1);
  });

  it('serves the renderer with a CSP and refuses paths outside it', async () => {
    const index = await request({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await request({ path: '/../secret.txt' })).status).toBe(404);
    expect((await request({ path: '/%2e%2e/secret.txt' })).status).toBe(404);
    expect((await request({ path: '/..%2fsecret.txt' })).status).toBe(404);
  });

  it('listens on loopback only: another address of this machine is refused', async () => {
    expect(server.address).toBe('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (external) {
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        const req = http.request({ host: external, port: server.port, path: '/', headers: { host: `127.0.0.1:${server.port}` } }, () => resolve(null));
        req.on('error', (e) => resolve(e));
        req.end();
      });
      expect(error?.code, `reached the server on ${external}`).toBe('ECONNREFUSED');
    }
  });

  it('answers a CORS preflight without allowing anything', async () => {
    calls = [];
    const r = await request({ path: '/api/createSpan', method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-quotebench-token' } });
    expect(r.status).toBe(403);
    for (const h of ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-allow-credentials']) expect(r.headers[h], h).toBeUndefined();
    const own = await request({ path: '/api/createSpan', method: 'OPTIONS', headers: { origin: `http://127.0.0.1:${server.port}`, 'access-control-request-method': 'POST' } });
    expect(own.status).toBe(405);
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('answers 413 to a body over 10 MB, with or without its length, instead of cutting the socket', async () => {
    calls = [];
    const big = '"' + 'x'.repeat(10 * 1024 * 1024 + 10) + '"';
    const declared = await api({ 'content-length': String(Buffer.byteLength(big)) }, big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual({ ok: false, error: { code: 'invalid-args', message: 'request too large (the limit is 10 MB)' } });
    // Chunked, no length given: the limit is found while reading.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, path: '/api/getSession', method: 'POST', headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'x-quotebench-token': server.token, 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const piece = 'x'.repeat(1024 * 1024);
      for (let i = 0; i < 11; i += 1) req.write(piece);
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe('invalid-args');
    expect(calls).toEqual([]);
    // The server still answers.
    expect((await api()).status).toBe(200);
  });

  it('compares tokens by value and length', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abd')).toBe(false);
    expect(tokensMatch('abc', 'abcd')).toBe(false);
  });
});

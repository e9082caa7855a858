/**
 * The API boundary under random and malformed payloads: every method, thousands of calls, each
 * answering a clean Result (no throw, no stack trace, no file path in the message), and a refused
 * call writes nothing.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api.js';
import http from 'node:http';
import { startServer } from '../server/http-server.js';
import { createApp } from './app.js';
import { seededRandom } from '../../shared/random.js';


const NASTY_STRINGS = ['', ' ', '..', '../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini', 'a\u0000b', '__proto__', 'constructor', '👍🏽', '\uD800', 'x'.repeat(70_000), '%00', '\\', 'a/../b', 'a//b', '<script>', 'NaN', '-1', '1e309', 'true'];
const KEYS = ['docId', 'spanId', 'start', 'end', 'label', 'id', 'name', 'patch', 'annotators', 'format', 'source', 'query', 'keepId', 'mergeId', '__proto__', 'constructor', 'layer', 'key', 'action', 'labels', 'relationId', 'head', 'child', 'jobId', 'recentId', 'status'];

function value(r: () => number, depth = 0): unknown {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  switch (Math.floor(r() * (depth > 2 ? 6 : 9))) {
    case 0:
      return null;
    case 1:
      return pick([0, -1, 1, 2 ** 31, 2 ** 53, -0, 0.5, Number.MAX_SAFE_INTEGER, Infinity, NaN]);
    case 2:
      return pick(NASTY_STRINGS);
    case 3:
      return r() < 0.5;
    case 4:
      return undefined;
    case 5:
      return pick(['maria', 'a.txt', 'QUOTE', 'FAVOR', 'jsonl', 's_abc', 'sp_1']);
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 5); i > 0; i -= 1) o[pick(KEYS)] = value(r, depth + 1);
      return o;
    }
  }
}

async function snapshot(dir: string): Promise<string> {
  const out: string[] = [];
  async function walk(d: string) {
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(`${path.relative(dir, p)}:${(await fs.stat(p)).size}:${(await fs.readFile(p)).toString('base64').slice(0, 64)}`);
    }
  }
  await walk(dir);
  return out.sort().join('\n');
}

describe('API boundary fuzzing', () => {
  it('answers thousands of random and malformed calls to every method with a clean Result, writing nothing when it refuses', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-fuzz-'));
    const corpus = path.join(dir, 'corpus');
    await fs.mkdir(corpus);
    await fs.writeFile(path.join(corpus, 'a.txt'), 'Minister said: “We stay.”\n');
    const logged: unknown[] = [];
    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus, log: (_m, e) => logged.push(e) });
    await app.dispatch('setAnnotator', { name: 'maria' });
    await app.dispatch('createSpan', { docId: 'a.txt', start: 0, end: 8, label: 'SOURCE' });
    const r = seededRandom(20261124);
    let calls = 0;
    let refused = 0;
    const methods = [...API_METHODS, 'nope', '__proto__', 'constructor', 'toString'];
    for (let round = 0; round < 80; round += 1) {
      for (const method of methods) {
        const before = await snapshot(dir);
        const args = value(r);
        const result = await app.dispatch(method, args);
        calls += 1;
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          refused += 1;
          expect(typeof result.error.code).toBe('string');
          expect(result.error.message).not.toMatch(/\n\s+at |\/work\/|node_modules|\.ts:\d+/);
          // A refused call leaves every file as it was.
          expect(await snapshot(dir), `${method} ${JSON.stringify(args)?.slice(0, 200)}`).toBe(before);
        }
      }
    }
    expect(calls).toBeGreaterThan(2500);
    expect(refused).toBeGreaterThan(calls * 0.9);
    // Nothing reached the internal-error path: every refusal was a validation or domain answer.
    expect(logged).toEqual([]);
    await app.close();
  }, 120_000);
});

describe('HTTP boundary fuzzing', () => {
  it('answers malformed bodies, paths and headers with a clean refusal and keeps serving', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-fuzz-http-'));
    const corpus = path.join(dir, 'corpus');
    await fs.mkdir(corpus);
    await fs.writeFile(path.join(corpus, 'a.txt'), 'Text.\n');
    await fs.mkdir(path.join(dir, 'static'));
    await fs.writeFile(path.join(dir, 'static', 'index.html'), '<!doctype html>');
    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
    const server = await startServer({ staticDir: path.join(dir, 'static'), dispatch: app.dispatch });
    const send = (p: string, body: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: server.port, path: p, method: 'POST', headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'x-quotebench-token': server.token, ...headers } }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const r = seededRandom(7);
    const bodies = ['', '{', 'null', '[]', '"x"', '{"docId": 1}', '\u0000', '{"__proto__": {"polluted": true}}', 'x'.repeat(100_000), JSON.stringify({ a: Array.from({ length: 200 }, () => ({ b: [] })) })];
    const paths = ['/api/getDocument', '/api/nope', '/api/', '/api/../../etc/passwd', '/api/createSpan?x=1', '/api/%2e%2e%2f', '/api/getSession'];
    for (let i = 0; i < 400; i += 1) {
      const body = r() < 0.5 ? bodies[Math.floor(r() * bodies.length)]! : JSON.stringify(value(r)) ?? '';
      const res = await send(paths[Math.floor(r() * paths.length)]!, body);
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(500);
      expect(res.body).not.toMatch(/\n\s+at |node_modules/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await send('/api/getSession', '{}')).status).toBe(200);
    await server.close();
    await app.close();
  }, 60_000);
});

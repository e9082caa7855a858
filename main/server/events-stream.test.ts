import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../shared/events.js';
import { EventBus } from '../services/handlers/event-bus.js';
import { startServer, type RunningServer } from './http-server.js';

let server: RunningServer;
const bus = new EventBus();

/** Opens the event stream; answers the status, and the lines as they come. */
function open(headers: Record<string, string>, method = 'GET'): Promise<{ status: number; lines: string[]; res: http.IncomingMessage; next(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: EVENTS_PATH, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const lines: string[] = [];
      let buffered = '';
      let wake: (() => void) | null = null;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        lines.push(...parts);
        wake?.();
      });
      res.on('end', () => wake?.());
      resolve({ status: res.statusCode ?? 0, lines, res, next: () => new Promise<void>((r) => (wake = r)) });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const staticDir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-events-'));
  server = await startServer({ staticDir, events: bus, dispatch: async () => ({ ok: true, value: null }) });
});
afterAll(() => server.close());

describe('browser mode event stream', () => {
  it('refuses a request without the token, with a wrong one, by POST, or from another origin', async () => {
    for (const [headers, method, status] of [
      [{}, 'GET', 401],
      [{ 'x-quotebench-token': 'nope' }, 'GET', 401],
      [{ 'x-quotebench-token': server.token }, 'POST', 405],
      [{ 'x-quotebench-token': server.token, origin: 'http://evil.example' }, 'GET', 403],
    ] as const) {
      const stream = await open(headers, method);
      expect(stream.status).toBe(status);
      stream.res.destroy();
    }
    expect(bus.size).toBe(0);
  });

  it('streams every published event as a line of JSON, after stream-open, and unsubscribes when the page goes', async () => {
    const stream = await open({ 'x-quotebench-token': server.token });
    expect(stream.status).toBe(200);
    expect(stream.res.headers['content-type']).toContain('application/x-ndjson');
    while (stream.lines.length < 1) await stream.next();
    expect(bus.size).toBe(1);
    bus.publish({ type: 'corpus-progress', progress: { phase: 'reading', done: 1, total: 2 } });
    bus.publish({ type: 'corpus-progress', progress: null });
    while (stream.lines.length < 3) await stream.next();
    expect(stream.lines.map((l) => JSON.parse(l))).toEqual([
      { type: 'stream-open' },
      { type: 'corpus-progress', progress: { phase: 'reading', done: 1, total: 2 } },
      { type: 'corpus-progress', progress: null },
    ]);
    stream.res.destroy();
    await expect.poll(() => bus.size).toBe(0);
  });

  it('ends open streams on close, so the server stops', async () => {
    const stream = await open({ 'x-quotebench-token': server.token });
    while (stream.lines.length < 1) await stream.next();
    const ended = new Promise<void>((resolve) => stream.res.on('end', () => resolve()));
    await server.close();
    await ended;
  });
});

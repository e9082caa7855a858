/**
 * The API boundary under random and malformed payloads: every method, thousands of calls, each
 * answering a clean Result (no throw, no stack trace, no file path in the message), and a refused
 * call writes nothing.
 */
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS, apiArgs, type ApiMethod } from '../../shared/api.js';
import http from 'node:http';
import { startServer } from '../server/http-server.js';
import { createApp } from './app.js';
import { seededRandom } from '../../shared/random.js';
import { createHash } from 'node:crypto';


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
      else if (e.isSymbolicLink()) out.push(`${path.relative(dir, p)}:link:${await fs.readlink(p)}`);
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

/** What the shaped fuzz knows about the corpus as it goes: real ids to aim at. */
interface Live {
  spanId: string;
  speakerId: string;
  targetId: string;
  sha: string;
  recentId: string;
  jobId: string;
  importFile: string;
  secretFile: string;
}

/**
 * One valid call per method (checked against its schema below), built from live ids, so that a
 * mutated copy of it gets past validation often and reaches the handler behind it.
 */
function validArgs(m: ApiMethod, l: Live): Record<string, unknown> {
  const speaker = { name: 'Farhana Qureshi', aliases: ['Qureishi'], kind: 'person', affiliation: 'Ministry', role: 'Minister' };
  const span = { id: l.spanId, docId: 'a.txt', start: 0, end: 8, label: 'SOURCE', quote: 'Minister', prefix: '', suffix: ' said', attrs: {}, note: '', author: 'maria', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z' };
  const table: Record<ApiMethod, Record<string, unknown>> = {
    getSession: {},
    setAnnotator: { name: 'maria' },
    pickCorpus: {},
    openRecent: { recentId: l.recentId },
    closeCorpus: {},
    listDocuments: { provisional: true },
    getCorpusProgress: {},
    waitForChanges: { registry: -1, docId: 'a.txt', layers: ['maria', 'bob'], tokens: {}, timeoutMs: 0 },
    getProject: {},
    getDocument: { docId: 'a.txt', layer: 'bob' },
    createSpan: { docId: 'a.txt', start: 15, end: 24, label: 'QUOTE', docSha256: l.sha },
    deleteSpan: { docId: 'a.txt', spanId: l.spanId },
    setStatus: { docId: 'a.txt', status: 'done' },
    updateSpan: { docId: 'a.txt', spanId: l.spanId, patch: { note: 'n', label: 'CLAIM', speakerId: l.speakerId, fragments: [[0, 3], [5, 8]] }, docSha256: l.sha },
    addRelation: { docId: 'a.txt', head: l.spanId, child: l.spanId, label: 'source' },
    deleteRelation: { docId: 'a.txt', relationId: 'r_1' },
    listSpeakers: {},
    createSpeaker: speaker,
    updateSpeaker: { id: l.speakerId, patch: { name: 'F. Qureshi' } },
    deleteSpeaker: { id: l.speakerId },
    mergeSpeakers: { keepId: l.speakerId, mergeId: 'sp_other' },
    unmergeSpeakers: { keep: { id: l.speakerId, ...speaker }, merged: { id: 'sp_other', ...speaker }, rewired: [{ docId: 'a.txt', spanId: l.spanId }] },
    createTarget: { label: 'the reservoir plan' },
    updateTarget: { id: l.targetId, label: 'the plan' },
    deleteTarget: { id: l.targetId },
    updateSchema: { labels: [{ name: 'QUOTE', color: '#aa5500', key: 'q', attributes: [] }, { name: 'SOURCE', color: '#00aa55', key: 's', attributes: [] }], renames: [{ from: 'CLAIM', to: 'QUOTE' }] },
    searchCorpus: { query: 'stay', scope: 'text', limit: 10 },
    getOverview: {},
    exportData: { format: 'quotes-csv', bom: true },
    importData: { format: 'jsonl', source: l.importFile, annotator: 'bob', dryRun: false, replace: true },
    pickImportSource: { kind: 'file' },
    getJob: { jobId: l.jobId },
    cancelJob: { jobId: l.jobId },
    watchChanges: { watcher: 'fuzz-watcher-1', registry: -1, docId: 'a.txt', layers: ['maria'], tokens: {} },
    unwatchChanges: { watcher: 'fuzz-watcher-1' },
    listLayers: {},
    getReview: { docId: 'a.txt', annotators: ['maria', 'bob'] },
    decideReview: { docId: 'a.txt', annotators: ['maria', 'bob'], key: `SOURCE:0:8`, action: 'accept', from: 'maria' },
    acceptUnanimous: { annotators: ['maria', 'bob'] },
    getAgreement: { annotators: ['maria', 'bob'] },
    getSuggestions: { docId: 'a.txt' },
    rejectSuggestion: { docId: 'a.txt', suggestionId: 'sg_0_1', start: 15, end: 24 },
    unrejectSuggestion: { docId: 'a.txt', suggestionId: 'sg_0_1', start: 15, end: 24 },
    resolveOrphan: { docId: 'a.txt', spanId: l.spanId, action: 'place', start: 0, end: 8, docSha256: l.sha },
    restoreOrphan: { docId: 'a.txt', orphan: { span, relations: [], reason: 'moved', since: '2026-01-01T00:00:00.000Z' } },
    editAdjudicated: { docId: 'a.txt', annotators: ['maria', 'bob'], spanId: l.spanId, patch: { label: 'QUOTE', form: 'direct' } },
    decideReviewMany: { docId: 'a.txt', annotators: ['maria', 'bob'], keys: ['SOURCE:0:8'], action: 'accept' },
    editDocument: {
      docId: 'a.txt',
      docSha256: l.sha,
      edits: [
        { op: 'createSpan', id: 's_fuzz', start: 15, end: 24, label: 'QUOTE', attrs: { form: 'direct' }, speakerId: l.speakerId },
        { op: 'addRelation', head: 's_fuzz', child: l.spanId, label: 'source' },
        { op: 'updateSpan', spanId: l.spanId, patch: { note: 'n' } },
        { op: 'deleteSpan', spanId: l.spanId },
      ],
    },
  };
  return structuredClone(table[m]);
}

/** Values that pass a key's schema but aim somewhere they should not: other files, other layers, odd offsets. */
function sneaky(key: string, l: Live): unknown[] {
  switch (key) {
    case 'docId':
      return ['a.txt', 'b.txt', 'missing.txt', 'out.txt', 'loop.txt', 'sub/deep.txt', '.quotebench/project.json', '.quotebench/annotations/maria/a.txt.json'];
    case 'start':
    case 'end':
      return [0, 1, 7, 8, 26, 27, 28, 1000, 2 ** 31];
    case 'spanId':
    case 'relationId':
    case 'head':
    case 'child':
      return [l.spanId, 's_missing', 'x'];
    case 'layer':
    case 'annotator':
    case 'from':
    case 'name':
      return ['maria', 'bob', 'adjudicated', 'Maria', 'a.b', 'locks'];
    case 'annotators':
      return [['maria'], ['bob', 'maria'], ['adjudicated', 'maria'], ['maria', 'maria'], ['nobody', 'maria']];
    case 'source':
      return [l.importFile, l.secretFile, '/', '/nonexistent/file.jsonl', path.dirname(l.secretFile)];
    case 'id':
    case 'keepId':
    case 'mergeId':
    case 'targetId':
      return [l.speakerId, l.targetId, l.spanId, 'sp_missing'];
    case 'kind':
      return ['file', 'folder', 'person', 'anonymous'];
    case 'recentId':
      return [l.recentId, '0123456789abcdef'];
    case 'jobId':
      return [l.jobId, '0123456789abcdef'];
    case 'docSha256':
      return [l.sha, 'a'.repeat(64)];
    case 'format':
      return ['jsonl', 'brat', 'prodigy', 'w3c', 'quotes-jsonl'];
    case 'label':
      return ['QUOTE', 'CLAIM', 'CUE', 'NOPE', 'source', 'cue'];
    default:
      return [];
  }
}

/** A valid call with at most one thing wrong (or aimed elsewhere): a key removed, added, or given another value. */
function shapedArgs(m: ApiMethod, l: Live, r: () => number): unknown {
  const args = validArgs(m, l);
  const keys = Object.keys(args);
  const roll = r();
  if (keys.length === 0) return roll < 0.5 ? args : { [KEYS[Math.floor(r() * KEYS.length)]!]: value(r) };
  if (roll < 0.2) {
    if (roll < 0.1) return args;
    return { ...args, [KEYS[Math.floor(r() * KEYS.length)]!]: value(r) };
  }
  const key = keys[Math.floor(r() * keys.length)]!;
  const pool = sneaky(key, l);
  if (roll < 0.65 && pool.length > 0) args[key] = structuredClone(pool[Math.floor(r() * pool.length)]);
  else if (roll < 0.75) delete args[key];
  else args[key] = value(r);
  return args;
}

const withoutLocks = (snap: string) => snap.split('\n').filter((line) => !line.startsWith(path.join('corpus', '.quotebench', 'locks'))).join('\n');

describe('API boundary fuzzing with near-valid calls', () => {
  it('sends every method valid calls with one thing wrong; each reaches its handler, answers cleanly, and nothing leaves the corpus', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-fuzz-shaped-'));
    const corpus = path.join(dir, 'corpus');
    await fs.mkdir(path.join(corpus, 'sub'), { recursive: true });
    const text = 'Minister said: “We stay.”\n';
    await fs.writeFile(path.join(corpus, 'a.txt'), text);
    await fs.writeFile(path.join(corpus, 'b.txt'), 'Another said: “No.”\n');
    await fs.writeFile(path.join(corpus, 'sub', 'deep.txt'), 'Deep\nText.\n');
    const secret = 'TOPSECRET-7f3a outside the corpus';
    const secretFile = path.join(dir, 'secret.txt');
    await fs.writeFile(secretFile, secret + '\n');
    await fs.symlink(secretFile, path.join(corpus, 'out.txt'));
    await fs.symlink(path.join(corpus, 'loop.txt'), path.join(corpus, 'loop.txt'));
    const importFile = path.join(dir, 'import.jsonl');
    await fs.writeFile(importFile, JSON.stringify({ id: 'a.txt', text, spans: [{ start: 0, end: 8, label: 'SOURCE' }] }) + '\n');
    const outside = await snapshot(dir).then((s) => s.split('\n').filter((line) => !line.startsWith('corpus')).join('\n'));

    const logged: unknown[] = [];
    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus, log: (_m, e) => logged.push(e) });
    const value0 = async <T,>(m: string, a: unknown) => {
      const res = await app.dispatch(m, a);
      if (!res.ok) throw new Error(`${m}: ${res.error.message}`);
      return res.value as T;
    };
    await value0('setAnnotator', { name: 'bob' });
    await value0('createSpan', { docId: 'a.txt', start: 0, end: 8, label: 'SOURCE' });
    await value0('setAnnotator', { name: 'maria' });
    const live: Live = {
      spanId: (await value0<{ span: { id: string } }>('createSpan', { docId: 'a.txt', start: 0, end: 8, label: 'SOURCE' })).span.id,
      speakerId: (await value0<{ id: string }>('createSpeaker', { name: 'Farhana Qureshi', kind: 'person' })).id,
      targetId: (await value0<{ id: string }>('createTarget', { label: 'the plan' })).id,
      sha: createHash('sha256').update(text).digest('hex'),
      recentId: (await value0<{ recent: { id: string }[] }>('getSession', {})).recent[0]!.id,
      jobId: (await value0<{ jobId: string }>('exportData', { format: 'jsonl' })).jobId,
      importFile,
      secretFile,
    };
    for (const m of API_METHODS) expect(apiArgs[m].safeParse(validArgs(m, live)).success, `the valid example for ${m}`).toBe(true);

    const r = seededRandom(20261201);
    const reached = new Map<string, number>(API_METHODS.map((m) => [m, 0]));
    let calls = 0;
    for (let round = 0; round < 30; round += 1) {
      for (const method of API_METHODS) {
        const before = await snapshot(dir);
        // The first rounds send each method its valid example as it is, so every handler runs with
        // live ids whatever the random draws later (adding a method shifts every later draw).
        const args = round < 3 ? validArgs(method, live) : shapedArgs(method, live, r);
        const result = await app.dispatch(method, args);
        calls += 1;
        const where = `${method} ${JSON.stringify(args)?.slice(0, 300)}`;
        if (apiArgs[method].safeParse(args).success) reached.set(method, reached.get(method)! + 1);
        expect(typeof result.ok, where).toBe('boolean');
        expect(JSON.stringify(result), where).not.toContain('TOPSECRET');
        if (!result.ok) {
          expect(result.error.message, where).not.toMatch(/\n\s+at |\/work\/|node_modules|\.ts:\d+/);
          // A refusal may have taken the layer's lock (bookkeeping, released on close); no data file changed.
          expect(withoutLocks(await snapshot(dir)), where).toBe(withoutLocks(before));
        } else {
          const job = (result.value as { jobId?: unknown } | null)?.jobId;
          // A job writes after its call answered: wait for it so the next refusal is judged alone.
          if (typeof job === 'string') {
            live.jobId = job;
            for (;;) {
              const status = await app.dispatch('getJob', { jobId: job });
              expect(JSON.stringify(status), where).not.toContain('TOPSECRET');
              if (!status.ok || (status.value as { finished: boolean }).finished) break;
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
          }
        }
        // Keep the corpus open and the annotator set, so later calls reach their handlers.
        const session = (await value0<{ corpus: unknown; annotator: string | null; recent: { id: string }[] }>('getSession', {}));
        if (!session.corpus) await value0('openRecent', { recentId: session.recent[0]!.id });
        if (session.annotator !== 'maria') await value0('setAnnotator', { name: 'maria' });
      }
    }
    expect(calls).toBe(30 * API_METHODS.length);
    // Every method's handler ran, several times: the fuzz is not only testing the schemas.
    const starved = [...reached].filter(([, n]) => n < 3).map(([m, n]) => `${m} (${n})`);
    expect(starved).toEqual([]);
    // Nothing crashed inside a handler.
    expect(logged).toEqual([]);
    // Every data file still parses; the article and everything outside the corpus are untouched.
    const dataFiles: string[] = [];
    const walk = async (d: string): Promise<void> => {
      for (const e of await fs.readdir(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.name.endsWith('.json')) dataFiles.push(p);
      }
    };
    await walk(path.join(corpus, '.quotebench'));
    for (const f of dataFiles) expect(() => JSON.parse(readFileSync(f, 'utf8')), f).not.toThrow();
    expect(await fs.readFile(path.join(corpus, 'a.txt'), 'utf8')).toBe(text);
    expect(await snapshot(dir).then((s) => s.split('\n').filter((line) => !line.startsWith('corpus') && !line.startsWith('s/')).join('\n'))).toBe(outside);
    await app.close();
  }, 180_000);
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

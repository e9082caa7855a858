import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../shared/api.js';
import type { AnnotationFile } from '../../shared/model.js';
import { createApp, osAnnotatorName, type QuotebenchApp } from './app.js';

let dir: string;
let corpus: string;
let settingsDir: string;
const text = 'Port news\nFans wrote 👍🏽 then “We stay open,” the mayor said.\n';

async function call<T = unknown>(app: QuotebenchApp, method: string, args: unknown = {}): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function layerOnDisk(annotator: string, docId: string): Promise<AnnotationFile> {
  return JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', annotator, ...docId.split('/')) + '.json', 'utf8'));
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-app-'));
  corpus = path.join(dir, 'corpus');
  settingsDir = path.join(dir, 'settings');
  await fs.mkdir(path.join(corpus, 'sub'), { recursive: true });
  await fs.writeFile(path.join(corpus, 'port.txt'), text);
  await fs.writeFile(path.join(corpus, 'sub', 'crlf.txt'), 'Title\r\nBody line\r\n');
  await fs.writeFile(path.join(corpus, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  await fs.writeFile(path.join(corpus, 'empty.txt'), '');
});

describe('createApp', () => {
  it('offers the OS user name as the first-run annotator name, made into a valid one', async () => {
    const user = (username: string) => ({ username, uid: 1, gid: 1, shell: null, homedir: '/home/x' });
    const spy = vi.spyOn(os, 'userInfo');
    try {
      spy.mockReturnValue(user('maria.k'));
      expect(osAnnotatorName()).toBe('maria.k');
      const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
      expect(await call(app, 'getSession')).toMatchObject({ annotator: null, defaultAnnotator: 'maria.k' });
      await app.close();
      spy.mockReturnValue(user('CORP\\j.doe@ad'));
      expect(osAnnotatorName()).toBe('CORPj.doead');
      spy.mockReturnValue(user('$$$'));
      expect(osAnnotatorName()).toBe('annotator');
      spy.mockImplementation(() => {
        throw new Error('no passwd entry');
      });
      expect(osAnnotatorName()).toBe('annotator');
    } finally {
      spy.mockRestore();
    }
  });

  it('asks for an annotator first, then lists documents and skipped files', async () => {
    const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus, defaultAnnotator: 'ana' });
    const s = await call<{ annotator: string | null; defaultAnnotator: string; corpus: { documentCount: number; skippedCount: number } }>(app, 'getSession');
    expect(s.annotator).toBeNull();
    expect(s.defaultAnnotator).toBe('ana');
    expect(s.corpus).toMatchObject({ documentCount: 2, skippedCount: 2 });
    expect(await app.dispatch('listDocuments', {})).toMatchObject({ ok: false, error: { code: 'no-annotator' } });
    await call(app, 'setAnnotator', { name: 'ana' });
    const list = await call<{ documents: { id: string; title: string; length: number }[]; skipped: { id: string; reason: string }[] }>(app, 'listDocuments');
    expect(list.documents.map((d) => [d.id, d.title, d.length])).toEqual([
      ['port.txt', 'Port news', Array.from(text).length],
      ['sub/crlf.txt', 'Title', 18],
    ]);
    expect(list.skipped.map((d) => [d.id, d.reason])).toEqual([
      ['empty.txt', 'empty'],
      ['latin1.txt', 'not-utf8'],
    ]);
  });

  it('creates spans in code points with quote and context, durably on disk', async () => {
    const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
    await call(app, 'setAnnotator', { name: 'ana' });
    const u16 = text.indexOf('“We');
    const u16end = text.indexOf(',”') + 2;
    const start = Array.from(text.slice(0, u16)).length;
    const end = Array.from(text.slice(0, u16end)).length;
    expect(start).toBe(u16 - 2);
    const { span, status } = await call<{ span: { id: string; quote: string; prefix: string; attrs: object }; status: string }>(app, 'createSpan', { docId: 'port.txt', start, end, label: 'QUOTE' });
    expect(span.quote).toBe('“We stay open,”');
    expect(span.prefix).toBe('Port news\nFans wrote 👍🏽 then ');
    expect(span.attrs).toEqual({ form: 'direct' });
    expect(status).toBe('in-progress');
    const disk = await layerOnDisk('ana', 'port.txt');
    expect(disk.spans).toMatchObject([{ id: span.id, start, end, label: 'QUOTE', quote: '“We stay open,”', author: 'ana' }]);
    expect(disk.status).toBe('in-progress');

    // A restart sees everything and reopens the last corpus.
    await app.close();
    const again = await createApp({ settingsDir, mode: 'browser' });
    const opened = await call<{ spans: { id: string }[]; status: string }>(again, 'getDocument', { docId: 'port.txt' });
    expect(opened.spans.map((s) => s.id)).toEqual([span.id]);

    await call(again, 'deleteSpan', { docId: 'port.txt', spanId: span.id });
    expect((await layerOnDisk('ana', 'port.txt')).spans).toEqual([]);
    await call(again, 'setStatus', { docId: 'port.txt', status: 'done' });
    expect((await layerOnDisk('ana', 'port.txt')).status).toBe('done');
  });

  it('refuses bad arguments for every method and writes nothing', async () => {
    const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
    await call(app, 'setAnnotator', { name: 'ana' });
    for (const method of API_METHODS) {
      const r = await app.dispatch(method, { bogus: 1 });
      expect(r, method).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    }
    const bad = [
      ['createSpan', { docId: '../x.txt', start: 0, end: 1, label: 'QUOTE' }],
      ['createSpan', { docId: '/etc/passwd', start: 0, end: 1, label: 'QUOTE' }],
      ['createSpan', { docId: 'port.txt', start: 5, end: 5, label: 'QUOTE' }],
      ['createSpan', { docId: 'port.txt', start: -1, end: 5, label: 'QUOTE' }],
      ['setAnnotator', { name: '../evil' }],
      ['getDocument', { docId: 'a/../../b.txt' }],
    ] as const;
    for (const [method, args] of bad) expect(await app.dispatch(method, args), JSON.stringify(args)).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(await app.dispatch('getDocument', { docId: 'nope.txt' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await app.dispatch('getDocument', { docId: 'latin1.txt' })).toMatchObject({ ok: false, error: { code: 'not-annotatable' } });
    expect(await app.dispatch('createSpan', { docId: 'port.txt', start: 0, end: 999, label: 'QUOTE' })).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(await app.dispatch('createSpan', { docId: 'port.txt', start: 0, end: 4, label: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(await app.dispatch('noSuchMethod', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    await expect(fs.access(path.join(corpus, '.quotebench', 'annotations'))).rejects.toThrow();
  });

  it('moves a corrupt layer file aside and never overwrites it', async () => {
    const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
    await call(app, 'setAnnotator', { name: 'ana' });
    const file = path.join(corpus, '.quotebench', 'annotations', 'ana', 'port.txt.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '{"spans": [');
    const r = await app.dispatch('getDocument', { docId: 'port.txt' });
    expect(r).toMatchObject({ ok: false, error: { code: 'corrupt' } });
    const names = await fs.readdir(path.dirname(file));
    const backup = names.find((n) => n.startsWith('port.txt.json.corrupt-'));
    expect(backup).toBeDefined();
    expect(await fs.readFile(path.join(path.dirname(file), backup!), 'utf8')).toBe('{"spans": [');
  });

  it('serialises concurrent edits to one document', async () => {
    const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
    await call(app, 'setAnnotator', { name: 'ana' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => call(app, 'createSpan', { docId: 'port.txt', start: i, end: i + 1, label: 'CUE' })));
    expect((await layerOnDisk('ana', 'port.txt')).spans).toHaveLength(20);
  });

  it('opens the first-run corpus only on a first start; after that the last corpus, or the welcome screen once closed', async () => {
    const other = path.join(dir, 'other');
    await fs.mkdir(other);
    await fs.writeFile(path.join(other, 'x.txt'), 'X\n');
    const answers = [other];
    const start = () => createApp({ settingsDir, mode: 'electron', firstRunCorpus: corpus, pickFolder: async () => answers.shift() ?? null });
    let app = await start();
    expect(await call(app, 'getSession')).toMatchObject({ corpus: { name: 'corpus' } });
    await call(app, 'pickCorpus');
    await app.close();
    app = await start();
    expect(await call(app, 'getSession')).toMatchObject({ corpus: { name: 'other' } });
    await call(app, 'closeCorpus');
    await app.close();
    app = await start();
    const s = await call<{ corpus: unknown; recent: { name: string }[] }>(app, 'getSession');
    expect(s.corpus).toBeNull();
    expect(s.recent.map((r) => r.name)).toEqual(['other', 'corpus']);
    await app.close();
  });

  it('opens folders through the dialog and the recent list by id only', async () => {
    const other = path.join(dir, 'other');
    await fs.mkdir(other);
    await fs.writeFile(path.join(other, 'x.txt'), 'X');
    const answers: (string | null)[] = [null, other];
    const app = await createApp({ settingsDir, mode: 'electron', pickFolder: async () => answers.shift() ?? null });
    expect(await call(app, 'pickCorpus')).toBeNull();
    const s = await call<{ corpus: { name: string }; recent: { id: string; name: string }[] }>(app, 'pickCorpus');
    expect(s.corpus.name).toBe('other');
    expect(await app.dispatch('openRecent', { recentId: '0123456789abcdef' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const browser = await createApp({ settingsDir: path.join(dir, 's2'), mode: 'browser' });
    expect(await browser.dispatch('pickCorpus', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });
});

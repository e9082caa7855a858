/**
 * The layer file's header (`schemaVersion`, `status`, `spanCount` first): written on every save,
 * read by the document list from the first bytes, and never trusted beyond display: any other
 * shape is parsed whole, and a wrong count is corrected once the document is loaded.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AnnotationFile, DocumentInfo, Span } from '../../shared/model.js';
import { annotationFileSchema } from '../../shared/schemas.js';
import { LAYER_FORMAT, readLayerHeader } from './store/annotations.js';
import { createApp, type QuotebenchApp } from './app.js';

let dir: string;
let corpus: string;
let settingsDir: string;

const TEXT = 'Port strike\n“We stay out,” the union said on Monday.\n';

async function call<T = unknown>(app: QuotebenchApp, method: string, args: unknown = {}): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function open(): Promise<QuotebenchApp> {
  const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
  await call(app, 'setAnnotator', { name: 'ana' });
  return app;
}

const layerPath = (docId: string) => path.join(corpus, '.quotebench', 'annotations', 'ana', `${docId}.json`);
const entry = (docs: DocumentInfo[], id: string) => {
  const d = docs.find((x) => x.id === id)!;
  return { spanCount: d.spanCount, status: d.status };
};
const listed = async (app: QuotebenchApp, id = 'a.txt') => entry((await call<{ documents: DocumentInfo[] }>(app, 'listDocuments')).documents, id);
const header = async (file: string) => readLayerHeader(file, (await fs.stat(file)).size);

function span(i: number): Span {
  return { id: `s_${i}`, docId: 'a.txt', start: i, end: i + 3, label: 'QUOTE', quote: TEXT.slice(i, i + 3), prefix: '', suffix: '', attrs: {}, note: '', author: 'ana', created: 't', modified: 't' };
}

function layer(spans: Span[], status: AnnotationFile['status'] = 'in-progress'): AnnotationFile {
  // Parsed, so the fake can never drift from the real layer shape.
  return annotationFileSchema.parse({ schemaVersion: 1, docId: 'a.txt', annotator: 'ana', docSha256: '', status, spans, relations: [], updated: '2026-12-01T09:00:00.000Z' });
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-header-'));
  corpus = path.join(dir, 'corpus');
  settingsDir = path.join(dir, 'settings');
  await fs.mkdir(corpus, { recursive: true });
  await fs.writeFile(path.join(corpus, 'a.txt'), TEXT);
  await fs.writeFile(path.join(corpus, 'b.txt'), TEXT);
});

describe('the layer file header', () => {
  it('is written first on every save and always equals the span list', async () => {
    const app = await open();
    await call(app, 'createSpan', { docId: 'a.txt', start: 12, end: 26, label: 'QUOTE' });
    const second = await call<{ span: Span }>(app, 'createSpan', { docId: 'a.txt', start: 27, end: 36, label: 'SOURCE' });
    let raw = await fs.readFile(layerPath('a.txt'), 'utf8');
    expect(raw.startsWith('{\n  "schemaVersion": 1,\n  "status": "in-progress",\n  "spanCount": 2,\n  "docId": "a.txt",\n')).toBe(true);
    expect(JSON.parse(raw).spans).toHaveLength(2);
    await call(app, 'deleteSpan', { docId: 'a.txt', spanId: second.span.id });
    await call(app, 'setStatus', { docId: 'a.txt', status: 'done' });
    raw = await fs.readFile(layerPath('a.txt'), 'utf8');
    expect(raw.startsWith('{\n  "schemaVersion": 1,\n  "status": "done",\n  "spanCount": 1,\n')).toBe(true);
    // The derived field never reaches the layer in memory or the renderer.
    const doc = await call<Record<string, unknown>>(app, 'getDocument', { docId: 'a.txt' });
    expect(doc).not.toHaveProperty('spanCount');
    expect((doc.spans as Span[]).map((s) => s.label)).toEqual(['QUOTE']);
    await app.close();
  });

  it('is the only change to the file: the rest is the layer as before, valid JSON', () => {
    const l = layer([span(0), span(4)]);
    const written = LAYER_FORMAT.serialize(l);
    const parsed = JSON.parse(written) as Record<string, unknown>;
    expect(Object.keys(parsed).slice(0, 3)).toEqual(['schemaVersion', 'status', 'spanCount']);
    expect(parsed.spanCount).toBe(2);
    const { spanCount: _count, ...rest } = parsed;
    expect(rest).toEqual(l);
    // A stale count carried in memory is replaced, not kept.
    expect(JSON.parse(LAYER_FORMAT.serialize({ ...l, spanCount: 9 } as AnnotationFile)).spanCount).toBe(2);
    expect(LAYER_FORMAT.revive!(JSON.parse(written) as AnnotationFile)).toEqual(l);
  });

  it('answers exactly what parsing the whole file answers', async () => {
    await fs.mkdir(path.dirname(layerPath('a.txt')), { recursive: true });
    const file = layerPath('a.txt');
    for (const [n, status] of [[0, 'todo'], [1, 'in-progress'], [7, 'done'], [120, 'in-progress']] as const) {
      await fs.writeFile(file, LAYER_FORMAT.serialize(layer(Array.from({ length: n }, (_, i) => span(i % 30)), status)));
      const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as AnnotationFile;
      expect(await header(file)).toEqual({ spanCount: parsed.spans.length, status: parsed.status });
    }
  });

  it('is not used when the file is in any other shape, and the list then parses the file', async () => {
    await fs.mkdir(path.dirname(layerPath('a.txt')), { recursive: true });
    const file = layerPath('a.txt');
    const canonical = LAYER_FORMAT.serialize(layer([span(0), span(4)]));
    const { schemaVersion, status, ...others } = layer([span(0), span(4)]);
    const odd: Record<string, string> = {
      'compact JSON': JSON.stringify(JSON.parse(canonical)),
      'keys in another order': JSON.stringify({ status, schemaVersion, spanCount: 2, ...others }, null, 2) + '\n',
      'written before the header': JSON.stringify(layer([span(0), span(4)]), null, 2) + '\n',
      'version 0 (migration pending)': JSON.stringify({ status, spanCount: 2, ...others }, null, 2) + '\n',
      'tabs': canonical.replace(/\n {2}/g, '\n\t'),
      'a count written 2.0': canonical.replace('"spanCount": 2,', '"spanCount": 2.0,'),
      'a negative count': canonical.replace('"spanCount": 2,', '"spanCount": -2,'),
      'a count as a string': canonical.replace('"spanCount": 2,', '"spanCount": "2",'),
      'an unknown status': canonical.replace('"status": "in-progress"', '"status": "review"'),
      'no newline at the end': canonical.trimEnd(),
      'a CRLF file': canonical.replace(/\n/g, '\r\n'),
    };
    const app = await open();
    for (const [what, content] of Object.entries(odd)) {
      await fs.writeFile(file, content);
      expect(await header(file), what).toBeNull();
      // The list still counts it, by parsing (a fresh mtime, so the index does not answer).
      const later = new Date(Date.now() + 1000 * (Object.keys(odd).indexOf(what) + 1));
      await fs.utimes(file, later, later);
      if (what === 'an unknown status') continue; // parsed whole too; its status is whatever it says
      expect(await listed(app), what).toEqual({ spanCount: 2, status: 'in-progress' });
    }
    await app.close();
  });

  it('is not trusted past the list: a hand-edited wrong count still opens every span, and the list corrects itself', async () => {
    let app = await open();
    await call(app, 'createSpan', { docId: 'a.txt', start: 12, end: 26, label: 'QUOTE' });
    await app.close();
    const raw = await fs.readFile(layerPath('a.txt'), 'utf8');
    await fs.writeFile(layerPath('a.txt'), raw.replace('"spanCount": 1,', '"spanCount": 5,'));

    app = await open();
    expect(await listed(app)).toEqual({ spanCount: 5, status: 'in-progress' }); // display data from the header
    const doc = await call<{ spans: Span[] }>(app, 'getDocument', { docId: 'a.txt' });
    expect(doc.spans).toHaveLength(1);
    expect(await listed(app)).toEqual({ spanCount: 1, status: 'in-progress' });
    await app.close();

    // The index learnt the true count: the next start lists 1 although the file still says 5.
    expect(await fs.readFile(layerPath('a.txt'), 'utf8')).toContain('"spanCount": 5,');
    app = await open();
    expect(await listed(app)).toEqual({ spanCount: 1, status: 'in-progress' });
    // And the next save writes the header right.
    await call(app, 'setStatus', { docId: 'a.txt', status: 'done' });
    expect(await fs.readFile(layerPath('a.txt'), 'utf8')).toContain('"status": "done",\n  "spanCount": 1,');
    await app.close();
  });

  it('gives the rows of a cold and a warm open the article\'s size, not the layer file\'s', async () => {
    let app = await open();
    await call(app, 'createSpan', { docId: 'a.txt', start: 12, end: 26, label: 'QUOTE' });
    await call(app, 'createSpan', { docId: 'b.txt', start: 0, end: 4, label: 'CLAIM' });
    await call(app, 'createSpan', { docId: 'b.txt', start: 5, end: 11, label: 'CLAIM' });
    await app.close();
    await fs.rm(path.join(corpus, '.quotebench', 'index.json'));
    app = await open(); // no index: every layer file's header is read
    const docs = (await call<{ documents: DocumentInfo[] }>(app, 'listDocuments')).documents;
    expect([entry(docs, 'a.txt'), entry(docs, 'b.txt')]).toEqual([
      { spanCount: 1, status: 'in-progress' },
      { spanCount: 2, status: 'in-progress' },
    ]);
    expect(docs.find((d) => d.id === 'a.txt')?.bytes).toBe(Buffer.byteLength(TEXT));
    await app.close();
    app = await open(); // the index answers the counts now
    expect((await call<{ documents: DocumentInfo[] }>(app, 'listDocuments')).documents).toEqual(docs);
    await app.close();
  });
});

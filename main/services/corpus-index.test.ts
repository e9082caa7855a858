import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../shared/model.js';
import { createApp, type QuotebenchApp } from './app.js';
import { Corpus } from './corpus/corpus.js';
import { INDEX_FILE } from './corpus/corpus-index.js';

let dir: string;
let corpus: string;
let settingsDir: string;

async function call<T = unknown>(app: QuotebenchApp, method: string, args: unknown = {}): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** Opens the corpus as the app does and answers the document list. */
async function list(): Promise<{ documents: DocumentInfo[]; warnings: string[] }> {
  const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
  await call(app, 'setAnnotator', { name: 'ana' });
  const out = await call<{ documents: DocumentInfo[]; warnings: string[] }>(app, 'listDocuments');
  await app.close();
  return out;
}

/** Gives a file a whole-second mtime, which utimes can set back exactly (stat has nanoseconds, utimes takes less). */
async function roundMtime(file: string): Promise<void> {
  await fs.utimes(file, 1_700_000_000, 1_700_000_000);
}

/** Rewrites a file (its mtime rounded first) with other bytes of the same length and puts its mtime back: only the index can still tell the old content. */
async function swapKeepingStat(file: string, content: string): Promise<void> {
  const st = await fs.stat(file);
  expect(st.mtimeMs).toBe(1_700_000_000_000);
  expect(Buffer.byteLength(content)).toBe(st.size);
  await fs.writeFile(file, content);
  await roundMtime(file);
}

const layerPath = (docId: string) => path.join(corpus, '.quotebench', 'annotations', 'ana', `${docId}.json`);
const byId = (docs: DocumentInfo[], id: string) => docs.find((d) => d.id === id)!;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-index-'));
  corpus = path.join(dir, 'corpus');
  settingsDir = path.join(dir, 'settings');
  await fs.mkdir(corpus, { recursive: true });
  await fs.writeFile(path.join(corpus, 'a.txt'), 'Port strike\nWorkers walked out.\n');
  await fs.writeFile(path.join(corpus, 'b.txt'), 'Rail fares\n“Too high,” she said.\n');
});

describe('the persisted corpus index', () => {
  it('is written when the app opens a corpus and answers titles while size and mtime are unchanged', async () => {
    await roundMtime(path.join(corpus, 'a.txt'));
    expect(byId((await list()).documents, 'a.txt').title).toBe('Port strike');
    const index = JSON.parse(await fs.readFile(path.join(corpus, INDEX_FILE), 'utf8'));
    expect(index.version).toBe(3);
    expect(index.docs.ids).toEqual(['a.txt', 'b.txt']);
    expect(index.docs.title).toEqual(['Port strike', 'Rail fares']);
    // Same size, same mtime, other bytes: the title still comes from the index, so the file was not read.
    await swapKeepingStat(path.join(corpus, 'a.txt'), 'Dock strike\nWorkers walked out.\n');
    expect(byId((await list()).documents, 'a.txt').title).toBe('Port strike');
  });

  it('reads an article again when its size or mtime changed', async () => {
    await list();
    await fs.writeFile(path.join(corpus, 'a.txt'), 'Dock strike ends\nWorkers are back.\n');
    const docs = (await list()).documents;
    expect(byId(docs, 'a.txt')).toMatchObject({ title: 'Dock strike ends', length: 35 });
    expect(byId(docs, 'b.txt').title).toBe('Rail fares');
    const index = JSON.parse(await fs.readFile(path.join(corpus, INDEX_FILE), 'utf8'));
    expect(index.docs.title[index.docs.ids.indexOf('a.txt')]).toBe('Dock strike ends');
  });

  it('discards a damaged index or one of another version without an error, and writes a good one', async () => {
    await list();
    await fs.writeFile(path.join(corpus, INDEX_FILE), '{"version": 2, "docs": {"ids": ["a.txt"');
    expect((await list()).documents.map((d) => d.title)).toEqual(['Port strike', 'Rail fares']);
    expect(JSON.parse(await fs.readFile(path.join(corpus, INDEX_FILE), 'utf8')).docs.title[0]).toBe('Port strike');

    // Another version is not trusted even when its entries look right for the files.
    const st = await fs.stat(path.join(corpus, 'a.txt'));
    const stale = (version: number) => ({ version, docs: { ids: ['a.txt'], bytes: [st.size], mtimeMs: [st.mtimeMs], sha256: ['f'.repeat(64)], title: ['Stale title'], length: [3] }, layers: {} });
    await fs.writeFile(path.join(corpus, INDEX_FILE), JSON.stringify(stale(99)));
    expect(byId((await list()).documents, 'a.txt').title).toBe('Port strike');
    // Version 1 (an entry per id) is another version too: discarded, not misread.
    await fs.writeFile(path.join(corpus, INDEX_FILE), JSON.stringify({ version: 1, docs: { 'a.txt': [st.size, st.mtimeMs, 'f'.repeat(64), 'Stale title', 3] }, layers: {} }));
    expect(byId((await list()).documents, 'a.txt').title).toBe('Port strike');
    // The right version is trusted while size and mtime match (the control for the two above).
    await fs.writeFile(path.join(corpus, INDEX_FILE), JSON.stringify(stale(3)));
    expect(byId((await list()).documents, 'a.txt').title).toBe('Stale title');
    // A malformed entry is dropped alone; the file behind it is read, the others still answer.
    const sb = await fs.stat(path.join(corpus, 'b.txt'));
    const bad = { version: 3, docs: { ids: ['a.txt', 'b.txt'], bytes: ['x', sb.size], mtimeMs: [st.mtimeMs, sb.mtimeMs], sha256: [null, 'e'.repeat(64)], title: [1, 'Indexed title'], length: [2, 9] }, layers: { ana: { ids: ['a.txt'], bytes: [1], mtimeMs: [2], spanCount: ['many'], status: ['done'] } } };
    await fs.writeFile(path.join(corpus, INDEX_FILE), JSON.stringify(bad));
    const docs = (await list()).documents;
    expect(byId(docs, 'a.txt').title).toBe('Port strike');
    expect(byId(docs, 'b.txt').title).toBe('Indexed title');
    // Columns of unequal length: the whole index is discarded.
    await fs.writeFile(path.join(corpus, INDEX_FILE), JSON.stringify({ ...bad, docs: { ...bad.docs, title: ['Port strike'] } }));
    expect(byId((await list()).documents, 'b.txt').title).toBe('Rail fares');
  });

  it('never takes the size limit from the index', async () => {
    await list();
    const c = await Corpus.open(corpus, 10);
    const { docs, skipped } = await c.describe();
    expect(docs).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual(['too-large', 'too-large']);
  });

  it('counts spans from the index while the layer file is unchanged, and again when it changed', async () => {
    const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
    await call(app, 'setAnnotator', { name: 'ana' });
    await call(app, 'createSpan', { docId: 'a.txt', start: 0, end: 4, label: 'QUOTE' });
    await app.close();
    await roundMtime(layerPath('a.txt'));
    expect(byId((await list()).documents, 'a.txt')).toMatchObject({ spanCount: 1, status: 'in-progress' });

    // The same bytes count with an empty span list: unchanged size and mtime, so the index answers.
    const raw = await fs.readFile(layerPath('a.txt'), 'utf8');
    const emptied = raw
      .replace('"spanCount": 1,', '"spanCount": 0,')
      .replace(/"spans": \[[\s\S]*?\n {2}\]/, (m) => '"spans": []' + ' '.repeat(m.length - '"spans": []'.length));
    await swapKeepingStat(layerPath('a.txt'), emptied);
    expect(byId((await list()).documents, 'a.txt').spanCount).toBe(1);

    // Touched: read again.
    const later = new Date(Date.now() + 5000);
    await fs.utimes(layerPath('a.txt'), later, later);
    expect(byId((await list()).documents, 'a.txt').spanCount).toBe(0);
  });

  it('still moves a damaged layer file aside with a warning, and counts it as empty', async () => {
    await list();
    await fs.mkdir(path.dirname(layerPath('b.txt')), { recursive: true });
    await fs.writeFile(layerPath('b.txt'), '{ not json');
    const { documents, warnings } = await list();
    expect(byId(documents, 'b.txt')).toMatchObject({ spanCount: 0, status: 'todo' });
    expect(warnings.join('\n')).toMatch(/annotation file for b\.txt is not valid JSON.*moved to/);
    expect((await fs.readdir(path.dirname(layerPath('b.txt')))).some((n) => n.startsWith('b.txt.json.corrupt-'))).toBe(true);
  });

  it('is not created by read-only commands in a corpus without a .quotebench folder', async () => {
    const c = await Corpus.open(corpus, 1e6);
    expect((await c.describe()).docs).toHaveLength(2);
    await expect(fs.stat(path.join(corpus, '.quotebench'))).rejects.toThrow();
  });
});

/**
 * A reopened corpus is listed from its index at once (`listDocuments({provisional: true})`,
 * answered without a stat), marked provisional; the checked list (every entry by size and mtime)
 * follows, and every other call waits for that check.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DocumentList } from '../../shared/api.js';
import { defaultProject } from '../../shared/model.js';
import { createApp, type QuotebenchApp } from './app.js';
import { INDEX_FILE } from './corpus/corpus-index.js';

let dir: string;
let corpus: string;
let settingsDir: string;

type Listed = DocumentList & { provisional?: true };

async function call<T = unknown>(app: QuotebenchApp, method: string, args: unknown = {}): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function open(annotator = 'ana'): Promise<QuotebenchApp> {
  const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
  await call(app, 'setAnnotator', { name: annotator });
  return app;
}

/** Opens, lists (checked), closes: leaves the index a reopen can answer from. */
async function listOnce(annotator = 'ana'): Promise<Listed> {
  const app = await open(annotator);
  const list = await call<Listed>(app, 'listDocuments');
  await app.close();
  return list;
}

const rows = (l: DocumentList) => l.documents.map((d) => [d.id, d.title, d.length, d.spanCount, d.status]);

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-provisional-'));
  corpus = path.join(dir, 'corpus');
  settingsDir = path.join(dir, 'settings');
  await fs.mkdir(path.join(corpus, 'sub'), { recursive: true });
  await fs.writeFile(path.join(corpus, 'a.txt'), 'Port strike\nWorkers walked out.\n');
  await fs.writeFile(path.join(corpus, 'b.txt'), 'Rail fares\n“Too high,” she said.\n');
  await fs.writeFile(path.join(corpus, 'sub', 'c.txt'), 'Harbour\nShips wait.\n');
  await fs.writeFile(path.join(corpus, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  await fs.writeFile(path.join(corpus, 'empty.txt'), '');
});

describe('listDocuments({provisional: true})', () => {
  it('answers a reopened corpus from its index, marked provisional, equal to the checked list', async () => {
    const first = await open();
    await call(first, 'createSpan', { docId: 'b.txt', start: 11, end: 22, label: 'QUOTE' });
    const checked = await call<Listed>(first, 'listDocuments');
    await first.close();
    expect(checked.provisional).toBeUndefined();
    expect(rows(checked)).toEqual([
      ['a.txt', 'Port strike', 32, 0, 'todo'],
      ['b.txt', 'Rail fares', 33, 1, 'in-progress'],
      ['sub/c.txt', 'Harbour', 20, 0, 'todo'],
    ]);

    const app = await open();
    const session = await call<{ corpus: { documentCount: number; skippedCount: number } }>(app, 'getSession');
    expect(session.corpus).toMatchObject({ documentCount: 3, skippedCount: 2 });
    const quick = await call<Listed>(app, 'listDocuments', { provisional: true });
    expect(quick.provisional).toBe(true);
    expect(quick.documents).toEqual(checked.documents);
    expect(quick.skipped).toEqual(checked.skipped);
    expect(quick.skipped.map((s) => [s.id, s.reason])).toEqual([
      ['empty.txt', 'empty'],
      ['latin1.txt', 'not-utf8'],
    ]);
    const again = await call<Listed>(app, 'listDocuments');
    expect(again.provisional).toBeUndefined();
    expect(again.documents).toEqual(checked.documents);
    // Once checked, a provisional request gets the checked list.
    expect((await call<Listed>(app, 'listDocuments', { provisional: true })).provisional).toBeUndefined();
    await app.close();
  });

  it('shows what changed on disk only in the checked list; every other call waits for the check', async () => {
    await listOnce();
    await fs.writeFile(path.join(corpus, 'a.txt'), 'Dock strike ends\nWorkers went back.\n');
    await fs.rm(path.join(corpus, 'sub', 'c.txt'));
    await fs.writeFile(path.join(corpus, 'd.txt'), 'New arrival\nA late article.\n');
    const indexBefore = await fs.readFile(path.join(corpus, INDEX_FILE), 'utf8');

    const app = await open();
    const quick = await call<Listed>(app, 'listDocuments', { provisional: true });
    // Not stat'ed: the index as the last listing left it.
    expect(quick.provisional).toBe(true);
    expect(rows(quick).map((r) => [r[0], r[1]])).toEqual([
      ['a.txt', 'Port strike'],
      ['b.txt', 'Rail fares'],
      ['sub/c.txt', 'Harbour'],
    ]);
    // Answering from the index wrote nothing.
    expect(await fs.readFile(path.join(corpus, INDEX_FILE), 'utf8')).toBe(indexBefore);

    // Any other call checks the folder first: the new file opens, the removed one is gone.
    const opened = await call<{ doc: { text: string } }>(app, 'getDocument', { docId: 'd.txt' });
    expect(opened.doc.text).toBe('New arrival\nA late article.\n');
    expect(await app.dispatch('getDocument', { docId: 'sub/c.txt' })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const checked = await call<Listed>(app, 'listDocuments');
    expect(checked.provisional).toBeUndefined();
    expect(rows(checked).map((r) => [r[0], r[1]])).toEqual([
      ['a.txt', 'Dock strike ends'],
      ['b.txt', 'Rail fares'],
      ['d.txt', 'New arrival'],
    ]);
    await app.close();
  });

  it('counts spans in the provisional list from the index; a layer file changed since is counted in the checked list', async () => {
    const first = await open();
    await call(first, 'createSpan', { docId: 'a.txt', start: 0, end: 4, label: 'QUOTE' });
    await call(first, 'listDocuments');
    await first.close();
    // A colleague's sync (or a restore) puts a layer file with two spans in its place.
    const file = path.join(corpus, '.quotebench', 'annotations', 'ana', 'a.txt.json');
    const layer = JSON.parse(await fs.readFile(file, 'utf8'));
    layer.spans.push({ ...layer.spans[0], id: 'second', start: 5, end: 11, quote: 'strike', prefix: 'Port ', suffix: '\nWorkers walked out.\n' });
    delete layer.spanCount;
    await fs.writeFile(file, JSON.stringify(layer));

    const app = await open();
    const quick = await call<Listed>(app, 'listDocuments', { provisional: true });
    expect(quick.documents.find((d) => d.id === 'a.txt')?.spanCount).toBe(1);
    const checked = await call<Listed>(app, 'listDocuments');
    expect(checked.documents.find((d) => d.id === 'a.txt')?.spanCount).toBe(2);
    await app.close();
  });

  it('answers the checked list whenever the index cannot stand for the folder', async () => {
    // No index yet.
    const app = await open();
    expect((await call<Listed>(app, 'listDocuments', { provisional: true })).provisional).toBeUndefined();
    await app.close();

    // An annotator the index never listed, whose layer folder exists: the counts are not in the index.
    const bob = await open('bob');
    await call(bob, 'createSpan', { docId: 'a.txt', start: 0, end: 4, label: 'QUOTE' });
    await bob.close();
    const bobAgain = await open('bob');
    const bobList = await call<Listed>(bobAgain, 'listDocuments', { provisional: true });
    expect(bobList.provisional).toBeUndefined();
    expect(bobList.documents.find((d) => d.id === 'a.txt')?.spanCount).toBe(1);
    await bobAgain.close();

    // A smaller size limit since the last listing: the limit is never taken from the index.
    await listOnce();
    const projectFile = path.join(corpus, '.quotebench', 'project.json');
    // The project file as the app writes it once something in it changes (here, by hand).
    const project = { ...defaultProject(), settings: { maxFileBytes: 20 } };
    await fs.writeFile(projectFile, JSON.stringify(project, null, 2));
    const limited = await open();
    const limitedList = await call<Listed>(limited, 'listDocuments', { provisional: true });
    expect(limitedList.provisional).toBeUndefined();
    expect(limitedList.skipped.map((s) => [s.id, s.reason])).toContainEqual(['a.txt', 'too-large']);
    await limited.close();

    // A corpus with an article dump: dumps are indexed in memory only.
    project.settings.maxFileBytes = 5 * 1024 * 1024;
    await fs.writeFile(projectFile, JSON.stringify(project, null, 2));
    await fs.writeFile(path.join(corpus, 'wire.jsonl'), JSON.stringify({ id: 'w1', text: 'Wire story\nBody.' }) + '\n');
    await listOnce();
    const withDump = await open();
    const dumpList = await call<Listed>(withDump, 'listDocuments', { provisional: true });
    expect(dumpList.provisional).toBeUndefined();
    expect(dumpList.documents.map((d) => d.id)).toContain('wire.jsonl/w1');
    await withDump.close();

    // A damaged index.
    await fs.rm(path.join(corpus, 'wire.jsonl'));
    await listOnce();
    await fs.writeFile(path.join(corpus, INDEX_FILE), '{"version": 2, "docs": ');
    const damaged = await open();
    expect((await call<Listed>(damaged, 'listDocuments', { provisional: true })).provisional).toBeUndefined();
    await damaged.close();
  });

  it('keeps a listing in the index only from a complete description of the folder', async () => {
    await listOnce();
    const index = JSON.parse(await fs.readFile(path.join(corpus, INDEX_FILE), 'utf8'));
    expect(index.listing).toEqual({
      maxFileBytes: 5 * 1024 * 1024,
      skipped: [
        { id: 'empty.txt', reason: 'empty', message: expect.any(String), bytes: 0 },
        { id: 'latin1.txt', reason: 'not-utf8', message: expect.any(String), bytes: 4 },
      ],
    });
    // A listing of another shape is ignored (the checked list is answered), not an error.
    index.listing = { maxFileBytes: 5 * 1024 * 1024, skipped: [{ id: 3 }] };
    await fs.writeFile(path.join(corpus, INDEX_FILE), JSON.stringify(index));
    const app = await open();
    const list = await call<Listed>(app, 'listDocuments', { provisional: true });
    expect(list.provisional).toBeUndefined();
    expect(list.documents).toHaveLength(3);
    await app.close();
  });
});

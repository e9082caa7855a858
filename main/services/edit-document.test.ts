import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_DOCUMENT_EDITS, type EditResult } from '../../shared/api.js';
import type { AnnotationFile, Span } from '../../shared/model.js';
import { createApp, type QuotebenchApp } from './app.js';

// 👍 is one code point: “No,” is 2-7, "Ana Ruiz" 8-16, "said" 17-21, “Yes,” 28-34, "Omar Tahir" 35-45.
const text = '👍 “No,” Ana Ruiz said. Then “Yes,” Omar Tahir said.\n';
let dir: string;
let corpus: string;
let app: QuotebenchApp;
let layerPath: string;

async function call<T = unknown>(method: string, args: unknown = {}): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

const onDisk = async () => JSON.parse(await fs.readFile(layerPath, 'utf8')) as AnnotationFile;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-edit-doc-'));
  corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, 'a.txt'), text);
  await fs.writeFile(path.join(corpus, 'b.txt'), 'Other article.\n');
  app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
  await call('setAnnotator', { name: 'ana' });
  layerPath = path.join(corpus, '.quotebench', 'annotations', 'ana', 'a.txt.json');
});

afterEach(async () => {
  vi.restoreAllMocks();
  await app.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** What accepting the two suggestions sends: per suggestion a quote, its source mention and the link. */
function acceptEdits(speakerId: string) {
  return [
    { op: 'createSpan', id: 's_q1', start: 2, end: 7, label: 'QUOTE', suggestion: 'sg_2_7', attrs: { form: 'direct' }, speakerId },
    { op: 'createSpan', id: 's_src1', start: 8, end: 16, label: 'SOURCE', suggestion: 'sg_2_7', speakerId },
    { op: 'addRelation', id: 'r_1', head: 's_q1', child: 's_src1', label: 'source' },
    { op: 'createSpan', id: 's_q2', start: 28, end: 34, label: 'QUOTE', suggestion: 'sg_28_34', attrs: { form: 'direct' } },
    { op: 'createSpan', id: 's_src2', start: 35, end: 45, label: 'SOURCE', suggestion: 'sg_28_34' },
    { op: 'addRelation', id: 'r_2', head: 's_q2', child: 's_src2', label: 'source' },
  ] as const;
}

describe('editDocument', () => {
  it('applies every edit in one durable write and answers each, ids and provenance kept', async () => {
    const speaker = await call<{ id: string }>('createSpeaker', { id: 'sp_ana', name: 'Ana Ruiz', kind: 'person' });
    const rename = vi.spyOn(fs, 'rename');
    const { results, status } = await call<{ results: EditResult[]; status: string }>('editDocument', { docId: 'a.txt', edits: acceptEdits(speaker.id) });
    // One file replace for the whole batch (a temp file renamed over the layer): all or nothing on a kill.
    expect(rename.mock.calls.filter(([, to]) => to === layerPath)).toHaveLength(1);
    expect(status).toBe('in-progress');
    expect(results.map((r) => r.op)).toEqual(['createSpan', 'createSpan', 'addRelation', 'createSpan', 'createSpan', 'addRelation']);
    expect(results[0]).toMatchObject({ op: 'createSpan', span: { id: 's_q1', start: 2, end: 7, quote: '“No,”', attrs: { form: 'direct' }, speakerId: 'sp_ana', author: 'ana', provenance: { from: 'suggester', sourceSpanId: 'sg_2_7', decidedBy: 'ana', suggested: true } } });
    expect(results[4]).toMatchObject({ op: 'createSpan', span: { id: 's_src2', quote: 'Omar Tahir', attrs: {} } });
    expect(results[5]).toEqual({ op: 'addRelation', relation: { id: 'r_2', head: 's_q2', child: 's_src2', label: 'source' } });
    const layer = await onDisk();
    expect(layer.spans.map((s) => s.id)).toEqual(['s_q1', 's_src1', 's_q2', 's_src2']);
    expect(layer.relations.map((r) => r.id)).toEqual(['r_1', 'r_2']);
    // Nothing left to suggest: both were accepted.
    expect((await call<{ suggestions: unknown[] }>('getSuggestions', { docId: 'a.txt' })).suggestions).toEqual([]);
  });

  it('is all or nothing: one refused edit leaves the file and the layer in memory as they were', async () => {
    await call('editDocument', { docId: 'a.txt', edits: [{ op: 'createSpan', id: 's_keep', start: 2, end: 7, label: 'QUOTE' }] });
    const before = await fs.readFile(layerPath, 'utf8');
    const refused = await app.dispatch('editDocument', {
      docId: 'a.txt',
      edits: [
        { op: 'createSpan', id: 's_new', start: 8, end: 16, label: 'SOURCE' },
        { op: 'deleteSpan', spanId: 's_keep' },
        { op: 'deleteSpan', spanId: 's_missing' },
      ],
    });
    expect(refused).toEqual({ ok: false, error: { code: 'not-found', message: 'edit 3 of 3 (deleteSpan): No span s_missing in a.txt' } });
    expect(await fs.readFile(layerPath, 'utf8')).toBe(before);
    expect((await call<{ spans: Span[] }>('getDocument', { docId: 'a.txt' })).spans.map((s) => s.id)).toEqual(['s_keep']);
    // An unknown speaker, an id taken twice, a bad range: each refuses the whole call.
    for (const [edits, code] of [
      [[{ op: 'createSpan', start: 2, end: 7, label: 'QUOTE', speakerId: 'sp_nobody' }], 'not-found'],
      [[{ op: 'createSpan', id: 's_x', start: 2, end: 7, label: 'QUOTE' }, { op: 'createSpan', id: 's_x', start: 8, end: 16, label: 'SOURCE' }], 'conflict'],
      [[{ op: 'createSpan', start: 50, end: 99, label: 'QUOTE' }], 'invalid-args'],
      [[{ op: 'rejectSuggestion', suggestionId: 'sg_2_7', start: 28, end: 34 }], 'invalid-args'],
    ] as const) {
      const r = await app.dispatch('editDocument', { docId: 'a.txt', edits });
      expect(!r.ok && r.error.code).toBe(code);
    }
    expect(await fs.readFile(layerPath, 'utf8')).toBe(before);
  });

  it('undoes a batch with one call: deletions answer the links they took, and a restore brings back ids and fields', async () => {
    await call('createSpeaker', { id: 'sp_ana', name: 'Ana Ruiz', kind: 'person' });
    await call('createTarget', { id: 't_1', label: 'the plan' });
    await call('editDocument', { docId: 'a.txt', edits: acceptEdits('sp_ana') });
    const undo = await call<{ results: EditResult[] }>('editDocument', {
      docId: 'a.txt',
      edits: [
        { op: 'deleteRelation', relationId: 'r_2' },
        { op: 'deleteSpan', spanId: 's_src2' },
        { op: 'deleteSpan', spanId: 's_q2' },
        // A span whose link was not deleted first answers it with the deletion.
        { op: 'deleteSpan', spanId: 's_src1' },
        { op: 'deleteSpan', spanId: 's_q1' },
      ],
    });
    expect(undo.results[3]).toMatchObject({ op: 'deleteSpan', deleted: { id: 's_src1' }, relations: [{ id: 'r_1', head: 's_q1', child: 's_src1' }] });
    expect(undo.results[4]).toMatchObject({ op: 'deleteSpan', deleted: { id: 's_q1' }, relations: [] });
    let layer = await onDisk();
    expect([layer.spans, layer.relations]).toEqual([[], []]);

    const restored = await call<{ results: EditResult[] }>('editDocument', {
      docId: 'a.txt',
      edits: [
        { op: 'createSpan', id: 's_q1', start: 2, end: 7, label: 'QUOTE', suggestion: 'sg_2_7', attrs: { form: 'indirect', checked: '' }, note: 'seen', speakerId: 'sp_ana', stance: { targetId: 't_1', value: 'AGAINST' } },
        { op: 'createSpan', id: 's_two', start: 8, end: 16, label: 'SOURCE', fragments: [[17, 21], [8, 12]] },
        { op: 'addRelation', id: 'r_1', head: 's_q1', child: 's_two', label: 'source' },
        { op: 'setStatus', status: 'done' },
      ],
    });
    expect(restored.results[0]).toMatchObject({ span: { id: 's_q1', attrs: { form: 'indirect', checked: '' }, note: 'seen', speakerId: 'sp_ana', stance: { targetId: 't_1', value: 'AGAINST' } } });
    // Fragments are sorted and the span covers them, as updateSpan makes it.
    expect(restored.results[1]).toMatchObject({ span: { id: 's_two', start: 8, end: 21, fragments: [[8, 12], [17, 21]], quote: 'Ana Ruiz said' } });
    layer = await onDisk();
    expect(layer.status).toBe('done');
    expect(layer.spans.map((s) => s.id)).toEqual(['s_q1', 's_two']);
    expect(layer.relations).toEqual([{ id: 'r_1', head: 's_q1', child: 's_two', label: 'source' }]);
  });

  it('answers each result as it was after its own edit, even when a later edit of the call changes the span', async () => {
    const { results } = await call<{ results: EditResult[] }>('editDocument', {
      docId: 'a.txt',
      edits: [
        { op: 'createSpan', id: 's_1', start: 2, end: 7, label: 'QUOTE' },
        { op: 'updateSpan', spanId: 's_1', patch: { note: 'later', attrs: { form: null } } },
      ],
    });
    expect(results[0]).toMatchObject({ span: { note: '', attrs: { form: 'direct' } } });
    expect(results[1]).toMatchObject({ span: { note: 'later', attrs: {} } });
  });

  it('refuses a changed text, an empty list and more than the bound, writing nothing', async () => {
    const stale = await app.dispatch('editDocument', { docId: 'a.txt', docSha256: 'a'.repeat(64), edits: [{ op: 'createSpan', start: 2, end: 7, label: 'QUOTE' }] });
    expect(!stale.ok && stale.error.code).toBe('stale');
    expect(!(await app.dispatch('editDocument', { docId: 'a.txt', edits: [] })).ok).toBe(true);
    const many = Array.from({ length: MAX_DOCUMENT_EDITS + 1 }, () => ({ op: 'setStatus', status: 'done' }));
    const tooMany = await app.dispatch('editDocument', { docId: 'a.txt', edits: many });
    expect(!tooMany.ok && tooMany.error.code).toBe('invalid-args');
    // Each edit is held to its schema: an unknown op, a field of another op, a bad id.
    for (const [bad, message] of [
      [{ op: 'dropLayer' }, /^editDocument: edits\.1\.op: /],
      [{ op: 'deleteSpan', spanId: 's_1', label: 'QUOTE' }, /^editDocument: edits\.1: /],
      [{ op: 'deleteSpan', spanId: '../x' }, /^editDocument: edits\.1\.spanId: /],
      ['deleteSpan', /^editDocument: edits\.1: each edit must be an object/],
    ] as const) {
      const r = await app.dispatch('editDocument', { docId: 'a.txt', edits: [{ op: 'setStatus', status: 'done' }, bad] });
      expect(r.ok ? 'ok' : `${r.error.code} ${r.error.message}`).toMatch(new RegExp(`^invalid-args ${message.source.slice(1)}`));
    }
    await expect(fs.access(layerPath)).rejects.toThrow();
  });

  it('an import into the open corpus writes each document once, whatever its span count', async () => {
    const quotes = (n: number) => Array.from({ length: n }, (_, i) => ({ op: 'createSpan', id: `s_${i}`, start: 2, end: 7 + (i % 30), label: 'QUOTE' }));
    await call('editDocument', { docId: 'a.txt', edits: quotes(300) });
    await call('editDocument', { docId: 'b.txt', edits: [{ op: 'createSpan', start: 0, end: 5, label: 'QUOTE' }] });
    const finished = async (jobId: string) => {
      for (;;) {
        const job = await call<{ finished: boolean; error: string | null; exported?: { path: string }; imported?: { written: boolean } }>('getJob', { jobId });
        if (job.finished) return job;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const exported = await finished((await call<{ jobId: string }>('exportData', { format: 'jsonl' })).jobId);
    const rename = vi.spyOn(fs, 'rename');
    // Into the open annotator's own layer (the app's store) and into another one.
    for (const annotator of ['ana', 'copy']) {
      rename.mockClear();
      const done = await finished((await call<{ jobId: string }>('importData', { format: 'jsonl', source: exported.exported!.path, annotator, replace: true })).jobId);
      expect(done).toMatchObject({ error: null, imported: { written: true } });
      const into = (doc: string) => path.join(corpus, '.quotebench', 'annotations', annotator, doc);
      expect(rename.mock.calls.map(([, to]) => String(to)).filter((to) => to.startsWith(path.join(corpus, '.quotebench', 'annotations'))).sort()).toEqual([into('a.txt.json'), into('b.txt.json')]);
    }
    expect((await call<{ spans: Span[] }>('getDocument', { docId: 'a.txt' })).spans).toHaveLength(300);
  });
});

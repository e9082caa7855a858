import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AnnotationFile } from '../../shared/model.js';
import { createApp } from './app.js';

const TEXT = '“We stay,” the mayor said. “We leave,” the council said. Officials agreed.\n';
const cp = (needle: string) => Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;

/** A temp corpus of `docs` (each holding TEXT) opened in the app, and a call that throws on an error answer. */
async function openCorpus(docs: string[]) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-review-'));
  const corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  for (const d of docs) await fs.writeFile(path.join(corpus, d), TEXT);
  const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
  const call = async (m: string, a: unknown) => {
    const r = await app.dispatch(m, a);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as any;
  };
  return { corpus, app, call };
}

describe('review and adjudication', () => {
  it('groups spans by state, writes decisions with provenance into the adjudicated layer, never into colleagues’', async () => {
    const { corpus, app, call } = await openCorpus(['a.txt']);
    const span = (needle: string, label = 'QUOTE', extra = 0) => call('createSpan', { docId: 'a.txt', start: cp(needle), end: cp(needle) + Array.from(needle).length + extra, label });
    await call('setAnnotator', { name: 'omar' });
    await span('“We stay,”');
    await span('“We leave,”', 'QUOTE', 1);
    await span('Officials', 'SOURCE');
    const omarFile = path.join(corpus, '.quotebench', 'annotations', 'omar', 'a.txt.json');
    const omarBefore = await fs.readFile(omarFile, 'utf8');
    await call('setAnnotator', { name: 'maria' });
    await span('“We stay,”');
    await span('“We leave,”');

    let review = await call('getReview', { docId: 'a.txt', annotators: ['omar'] });
    expect(review.items.map((i: any) => [i.state, i.differences])).toEqual([
      ['agree', []],
      // omar's quote runs one character past the closing mark, so it did not get form "direct".
      ['conflict', ['range', 'form']],
      ['only-one', []],
    ]);
    const layers = await call('listLayers', {});
    expect(layers).toMatchObject({ current: 'maria', layers: [{ name: 'maria', spans: 2 }, { name: 'omar', spans: 3 }] });

    // Accept omar's longer version of the conflict, reject the lone SOURCE, accept the unanimous one in bulk.
    const [agree, conflict, lone] = review.items;
    review = await call('decideReview', { docId: 'a.txt', annotators: ['omar'], key: conflict.key, action: 'accept', from: 'omar' });
    review = await call('decideReview', { docId: 'a.txt', annotators: ['omar'], key: lone.key, action: 'reject' });
    expect(await call('acceptUnanimous', { annotators: ['omar'] })).toEqual({ accepted: 1, documents: 1, decided: [{ docId: 'a.txt', keys: [agree.key] }] });
    review = await call('getReview', { docId: 'a.txt', annotators: ['omar'] });
    expect(review.counts).toMatchObject({ agree: 1, conflict: 1, 'only-one': 1, decided: 3, total: 3 });
    expect(review.items.find((i: any) => i.key === agree.key).decision).toMatchObject({ action: 'accepted', from: 'maria', by: 'maria' });

    const adjudicated = JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'adjudicated', 'a.txt.json'), 'utf8')) as AnnotationFile;
    expect(adjudicated.spans.map((s) => [s.quote, s.provenance?.from, s.provenance?.decidedBy])).toEqual([
      ['“We leave,” ', 'omar', 'maria'],
      ['“We stay,”', 'maria', 'maria'],
    ]);
    expect(adjudicated.decisions?.map((d) => d.action).sort()).toEqual(['accepted', 'accepted', 'rejected']);
    // Changing one's mind replaces the decision; undo removes it and its adjudicated span.
    review = await call('decideReview', { docId: 'a.txt', annotators: ['omar'], key: conflict.key, action: 'accept', from: 'maria' });
    review = await call('decideReview', { docId: 'a.txt', annotators: ['omar'], key: conflict.key, action: 'undo' });
    expect(review.counts.decided).toBe(2);
    expect(review.adjudicated).toHaveLength(1);
    expect(await fs.readFile(omarFile, 'utf8')).toBe(omarBefore);

    // Accept with edits: the accepted span changes in the adjudicated layer only, marked edited.
    const accepted = review.adjudicated[0];
    review = await call('editAdjudicated', { docId: 'a.txt', annotators: ['omar'], spanId: accepted.id, patch: { label: 'CLAIM', form: null } });
    expect(review.adjudicated[0]).toMatchObject({ label: 'CLAIM', attrs: {}, provenance: { from: 'maria', edited: true } });
    expect((await app.dispatch('editAdjudicated', { docId: 'a.txt', annotators: ['omar'], spanId: 'nope', patch: { label: 'CLAIM' } })).ok).toBe(false);

    // The adjudicated layer reads like any layer, and agreement compares layers.
    const opened = await call('getDocument', { docId: 'a.txt', layer: 'adjudicated' });
    expect(opened).toMatchObject({ annotator: 'adjudicated', readOnly: true });
    const agreement = await call('getAgreement', { annotators: ['maria', 'omar'] });
    expect(agreement.pairs[0].overlap.overall).toMatchObject({ matched: 2, onlyA: 0, onlyB: 1 });
    expect((await app.dispatch('getReview', { docId: 'a.txt', annotators: ['maria'] })).ok).toBe(false);
    await app.close();

    // The adjudicated layer exports like any layer.
    let out = '';
    const { runCli } = await import('../cli.js');
    expect(await runCli(['export', corpus, '--format', 'jsonl', '--annotator', 'adjudicated', '--out', '-'], { stdout: (t) => (out += t), stderr: () => undefined })).toBe(0);
    expect(JSON.parse(out).spans).toHaveLength(1);
  });

  it('carries the links of accepted spans into the adjudicated layer when both ends are accepted', async () => {
    const { corpus, app, call } = await openCorpus(['a.txt', 'b.txt']);
    const span = async (docId: string, needle: string, label: string) => (await call('createSpan', { docId, start: cp(needle), end: cp(needle) + Array.from(needle).length, label })).span.id as string;
    // Both mark “We stay,” with its source “the mayor” and cue “said”, linked, in both documents.
    for (const who of ['omar', 'maria']) {
      await call('setAnnotator', { name: who });
      for (const docId of ['a.txt', 'b.txt']) {
        const q = await span(docId, '“We stay,”', 'QUOTE');
        const s = await span(docId, 'the mayor', 'SOURCE');
        const v = await span(docId, 'said', 'CUE');
        await call('addRelation', { docId, head: q, child: s, label: 'source' });
        await call('addRelation', { docId, head: q, child: v, label: 'cue' });
      }
    }
    const adjudicated = async (docId: string) => JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'adjudicated', `${docId}.json`), 'utf8')) as AnnotationFile;
    const links = (l: AnnotationFile) => l.relations.map((r) => [l.spans.find((x) => x.id === r.head)?.quote, l.spans.find((x) => x.id === r.child)?.quote, r.label]).sort();

    // a.txt, one by one and from different sides: the source link appears once both ends are in, in either order.
    let review = await call('getReview', { docId: 'a.txt', annotators: ['omar'] });
    const byText = (t: string) => review.items.find((i: any) => i.versions[0].span.quote === t).key;
    const [quote, source, cue] = [byText('“We stay,”'), byText('the mayor'), byText('said')];
    review = await call('decideReview', { docId: 'a.txt', annotators: ['omar'], key: source, action: 'accept', from: 'maria' });
    expect((await adjudicated('a.txt')).relations).toEqual([]);
    review = await call('decideReview', { docId: 'a.txt', annotators: ['omar'], key: quote, action: 'accept', from: 'omar' });
    expect(links(await adjudicated('a.txt'))).toEqual([['“We stay,”', 'the mayor', 'source']]);
    review = await call('decideReview', { docId: 'a.txt', annotators: ['omar'], key: cue, action: 'accept', from: 'maria' });
    expect(links(await adjudicated('a.txt'))).toEqual([
      ['“We stay,”', 'said', 'cue'],
      ['“We stay,”', 'the mayor', 'source'],
    ]);
    // Rejecting the source takes its link along; the link ends are adjudicated spans only.
    review = await call('decideReview', { docId: 'a.txt', annotators: ['omar'], key: source, action: 'reject' });
    const a = await adjudicated('a.txt');
    expect(links(a)).toEqual([['“We stay,”', 'said', 'cue']]);
    for (const r of a.relations) for (const end of [r.head, r.child]) expect(a.spans.some((x) => x.id === end)).toBe(true);

    // b.txt: every group unanimous, accepted in bulk, links included; the export carries them.
    const bulk = await call('acceptUnanimous', { annotators: ['omar'], docId: 'b.txt' });
    expect(bulk).toMatchObject({ accepted: 3, documents: 1, decided: [{ docId: 'b.txt' }] });
    expect(links(await adjudicated('b.txt'))).toEqual([
      ['“We stay,”', 'said', 'cue'],
      ['“We stay,”', 'the mayor', 'source'],
    ]);
    // Its undo takes the three decisions back in one write; its redo decides them again.
    const keys = bulk.decided[0].keys;
    const adjudicatedFile = path.join(corpus, '.quotebench', 'annotations', 'adjudicated', 'b.txt.json');
    const rename = vi.spyOn(fs, 'rename');
    expect(await call('decideReviewMany', { docId: 'b.txt', annotators: ['omar'], keys, action: 'undo' })).toEqual({ changed: 3 });
    expect(rename.mock.calls.filter(([, to]) => to === adjudicatedFile)).toHaveLength(1);
    rename.mockRestore();
    const undone = await adjudicated('b.txt');
    expect([undone.spans, undone.relations, undone.decisions ?? []]).toEqual([[], [], []]);
    expect((await call('getReview', { docId: 'b.txt', annotators: ['omar'] })).counts.decided).toBe(0);
    expect(await call('decideReviewMany', { docId: 'b.txt', annotators: ['omar'], keys, action: 'undo' })).toEqual({ changed: 0 });
    expect(await call('decideReviewMany', { docId: 'b.txt', annotators: ['omar'], keys, action: 'accept' })).toEqual({ changed: 3 });
    expect(links(await adjudicated('b.txt'))).toEqual([
      ['“We stay,”', 'said', 'cue'],
      ['“We stay,”', 'the mayor', 'source'],
    ]);
    await app.close();
    let out = '';
    const { runCli } = await import('../cli.js');
    expect(await runCli(['export', corpus, '--format', 'jsonl', '--annotator', 'adjudicated', '--out', '-'], { stdout: (t) => (out += t), stderr: () => undefined })).toBe(0);
    const b = out.trim().split('\n').map((l) => JSON.parse(l)).find((r) => r.id === 'b.txt');
    expect(b.relations.map((r: any) => r.label).sort()).toEqual(['cue', 'source']);
  });
});

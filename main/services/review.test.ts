import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnnotationFile } from '../../shared/model.js';
import { createApp } from './app.js';

const TEXT = '“We stay,” the mayor said. “We leave,” the council said. Officials agreed.\n';
const cp = (needle: string) => Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;

describe('review and adjudication', () => {
  it('groups spans by state, writes decisions with provenance into the adjudicated layer, never into colleagues’', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-review-'));
    const corpus = path.join(dir, 'corpus');
    await fs.mkdir(corpus);
    await fs.writeFile(path.join(corpus, 'a.txt'), TEXT);
    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
    const call = async (m: string, a: unknown) => {
      const r = await app.dispatch(m, a);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as any;
    };
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
    expect(await call('acceptUnanimous', { annotators: ['omar'] })).toEqual({ accepted: 1, documents: 1 });
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
});

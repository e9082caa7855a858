import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelDef, ProjectFile, Span } from '../../shared/model.js';
import { computeAgreement, toAgreementSpan } from './analysis/agreement.js';
import { createApp } from './app.js';
import { runQuotebench } from '../tooling/testing/run-cli.js';

const TEXT = '👍 “We stay,” the mayor said. “We leave,” the council said. Officials agreed.\n';
const cp = (needle: string) => Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
const len = (s: string) => Array.from(s).length;
let dir: string;
let corpus: string;

const run = runQuotebench;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-agree-'));
  corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, 'a.txt'), TEXT);
  await fs.writeFile(path.join(corpus, 'b.txt'), 'Nothing quoted here.\n');
  const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
  const call = async (m: string, a: unknown) => {
    const r = await app.dispatch(m, a);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as any;
  };
  // Registry changes go into the log of whoever makes them: an annotator first.
  await call('setAnnotator', { name: 'maria' });
  const mayor = (await call('createSpeaker', { name: 'The Mayor', kind: 'person' })).id;
  const council = (await call('createSpeaker', { name: 'The Council', kind: 'organization' })).id;
  const target = (await call('createTarget', { label: 'staying' })).id;
  const quote = async (needle: string, extra: number, speakerId: string, value: string) => {
    const { span } = await call('createSpan', { docId: 'a.txt', start: cp(needle), end: cp(needle) + len(needle) + extra, label: 'QUOTE' });
    await call('updateSpan', { docId: 'a.txt', spanId: span.id, patch: { speakerId, stance: { targetId: target, value } } });
  };
  // maria: two quotes; omar: the first exactly, the second one character longer, other speaker.
  await call('setAnnotator', { name: 'maria' });
  await quote('“We stay,”', 0, mayor, 'FAVOR');
  await quote('“We leave,”', 0, council, 'AGAINST');
  await call('setAnnotator', { name: 'omar' });
  await quote('“We stay,”', 0, mayor, 'FAVOR');
  await quote('“We leave,”', 1, mayor, 'AGAINST');
  await call('createSpan', { docId: 'a.txt', start: cp('Officials'), end: cp('Officials') + 9, label: 'SOURCE' });
  await app.close();
});

describe('quotebench agreement', () => {
  it('reports span F1 exact and by overlap, and kappa with undefined figures explained', async () => {
    const r = await run('agreement', corpus, '--annotators', 'maria,omar', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.documents).toBe(1);
    const pair = report.pairs[0];
    // Exact: 1 quote matched; maria's second quote alone; omar's longer quote and his SOURCE alone.
    expect(pair.exact.overall).toMatchObject({ matched: 1, onlyA: 1, onlyB: 2, f1: { value: 2 / 5 } });
    expect(pair.overlap.overall).toMatchObject({ matched: 2, onlyA: 0, onlyB: 1, precision: { value: 2 / 3 }, recall: { value: 1 }, f1: { value: 4 / 5 } });
    expect(pair.overlap.labels.SOURCE.recall).toEqual({ value: null, reason: 'A marked no spans' });
    // Stance agrees on both quotes but varies (FAVOR, AGAINST): kappa 1. Speaker: po 1/2, pe 1/2 → 0.
    expect(pair.kappa.stance).toMatchObject({ value: 1, n: 2 });
    expect(pair.kappa.speaker.value).toBeCloseTo(0, 12);
    // Nobody set the form on these quotes (no quotation-mark default here is changed), or it is the same.
    expect(pair.kappa.form.value === null ? pair.kappa.form.reason : 'defined').toMatch(/no variation|defined/);
    expect(report.alpha.stance.value).toBeCloseTo(1, 12);
  });

  it('prints readable tables, and refuses bad input with one line', async () => {
    const text = await run('agreement', corpus, '--annotators', 'maria,omar');
    expect(text.code).toBe(0);
    expect(text.out).toContain('maria (reference) vs omar');
    expect(text.out).toMatch(/QUOTE\s+overlap\s+2\s+0\s+0/);
    // The counts behind kappa, and one row per document (exact 1/1/2, F1 2/5; overlap 2/0/1, F1 4/5).
    expect(text.out).toContain("Cohen's kappa on speaker (2 matched quotes; observed 0.500, by chance 0.500): 0.000");
    expect(text.out).toContain('\n    a.txt  exact 1/1/2 0.400     overlap 2/0/1 0.800\n');
    const missing = await run('agreement', corpus, '--annotators', 'maria,nobody');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no layer for nobody');
    for (const bad of [['agreement', corpus], ['agreement', corpus, '--annotators', 'maria'], ['agreement', corpus, '--annotators', 'maria,maria']]) {
      const r = await run(...bad);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('compares renamed labels by their current name and the roles (QUOTE, CLAIM) by meaning', async () => {
    const label = (name: string, formerNames?: string[]): LabelDef => ({ name, color: '#000000', key: '', attributes: [], ...(formerNames ? { formerNames } : {}) });
    const project = { schema: { labels: [label('Quotation', ['QUOTE']), label('ASSERTION', ['CLAIM']), label('SOURCE'), label('Topic', ['THEME'])] }, speakerRedirects: {} } as unknown as ProjectFile;
    const span = (id: string, l: string) => ({ id, docId: 'a.txt', start: 0, end: 3, label: l, quote: '', prefix: '', suffix: '', attrs: {}, note: '', author: 'x', created: '', modified: '' }) as Span;
    const labels = ['QUOTE', 'Quotation', 'CLAIM', 'ASSERTION', 'THEME', 'Topic', 'SOURCE', 'OTHER'].map((l, i) => toAgreementSpan(span(`s${i}`, l), project).label);
    // A renamed CLAIM keeps its role's name, like QUOTE; a label without a role gets its current name.
    expect(labels).toEqual(['QUOTE', 'QUOTE', 'CLAIM', 'CLAIM', 'Topic', 'Topic', 'SOURCE', 'OTHER']);
    // computeAgreement looks each label up once; the report is the one the plain lookup gives.
    const report = await computeAgreement(corpus, ['maria', 'omar']);
    expect(report.pairs[0]!.exact.labels).toHaveProperty('QUOTE');
  });
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../shared/model.js';
import { createApp, type QuotebenchApp } from './app.js';

let dir: string;
let corpus: string;
let app: QuotebenchApp;

async function call<T = any>(method: string, args: unknown = {}): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

// a.txt: “Open the gates,” said Kayani. 👍🏽 Later “No,” said Kayani.
//        0         1         2         3           4
// code points: “Open the gates,” = 0..17 ; 👍🏽 = 31..33 ; “No,” = 40..45
const a = '“Open the gates,” said Kayani. 👍🏽 Later “No,” said Kayani.\n';
const b = 'Other\nNothing about gates here. Or GATES.\n';

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-ins-'));
  corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, 'a.txt'), a);
  await fs.writeFile(path.join(corpus, 'b.txt'), b);
  app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
  await call('setAnnotator', { name: 'ana' });
  const kayani = await call('createSpeaker', { name: 'Ashfaq Parvez Kayani', kind: 'person' });
  const target = await call('createTarget', { label: 'opening the gates' });
  const q1 = (await call('createSpan', { docId: 'a.txt', start: 0, end: 17, label: 'QUOTE' })).span;
  const q2 = (await call('createSpan', { docId: 'a.txt', start: 40, end: 45, label: 'QUOTE' })).span;
  await call('createSpan', { docId: 'b.txt', start: 6, end: 13, label: 'CLAIM' });
  await call('updateSpan', { docId: 'a.txt', spanId: q1.id, patch: { speakerId: kayani.id, stance: { targetId: target.id, value: 'FAVOR' } } });
  await call('updateSpan', { docId: 'a.txt', spanId: q2.id, patch: { speakerId: kayani.id, stance: { targetId: target.id, value: 'AGAINST' } } });
  await call('setStatus', { docId: 'b.txt', status: 'done' });
});

describe('searchCorpus', () => {
  it('finds text case-insensitively with code point offsets', async () => {
    const r = await call('searchCorpus', { query: 'gates', scope: 'text' });
    expect(r.total).toBe(3);
    expect(r.hits.map((h: any) => [h.docId, h.start, h.end, h.match])).toEqual([
      ['a.txt', 10, 15, 'gates'],
      ['b.txt', 20, 25, 'gates'],
      ['b.txt', 35, 40, 'GATES'],
    ]);
    expect(r.hits[0].after).toBe(',” said Kayani. 👍🏽 Later “No,” said Kayani.');
  });

  it('finds quotes by a misspelt speaker, by stance and target, and incomplete ones', async () => {
    const byKiyani = await call('searchCorpus', { speaker: 'Kiyani', label: 'QUOTE' });
    expect(byKiyani.hits.map((h: any) => [h.start, h.end, h.speakerName])).toEqual([
      [0, 17, 'Ashfaq Parvez Kayani'],
      [40, 45, 'Ashfaq Parvez Kayani'],
    ]);
    const against = await call('searchCorpus', { stance: 'AGAINST' });
    expect(against.hits.map((h: any) => [h.match, h.targetLabel])).toEqual([['“No,”', 'opening the gates']]);
    expect((await call('searchCorpus', { incomplete: true })).total).toBe(0);
    // Quotes without a speaker (one with a stance only), without a stance (one with a speaker only).
    const t = (await call('createTarget', { label: 'closing the gates' })).id;
    const q3 = (await call('createSpan', { docId: 'b.txt', start: 0, end: 5, label: 'QUOTE' })).span;
    await call('updateSpan', { docId: 'b.txt', spanId: q3.id, patch: { stance: { targetId: t, value: 'NONE' } } });
    const q4 = (await call('createSpan', { docId: 'b.txt', start: 20, end: 25, label: 'QUOTE' })).span;
    const sp = await call('createSpeaker', { name: 'Tobias Renner', kind: 'person' });
    await call('updateSpan', { docId: 'b.txt', spanId: q4.id, patch: { speakerId: sp.id } });
    expect((await call('searchCorpus', { missing: 'speaker' })).hits.map((h: any) => h.spanId)).toEqual([q3.id]);
    expect((await call('searchCorpus', { missing: 'stance' })).hits.map((h: any) => h.spanId)).toEqual([q4.id]);
    expect((await call('searchCorpus', { incomplete: true })).hits.map((h: any) => h.spanId)).toEqual([q3.id, q4.id]);
    // A CLAIM lacks nothing.
    expect((await call('searchCorpus', { missing: 'speaker', label: 'CLAIM' })).total).toBe(0);
    expect(await app.dispatch('searchCorpus', { missing: 'target' })).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect((await call('searchCorpus', { query: 'nothing' })).hits.map((h: any) => h.label)).toEqual(['CLAIM']);
    expect((await call('searchCorpus', { query: 'gates', limit: 1, scope: 'text' })).hits).toHaveLength(1);
  });
});

describe('getOverview', () => {
  it('counts progress, quotes per speaker and stance by speaker and target', async () => {
    const o = await call('getOverview');
    expect(o.progress).toEqual({ todo: 0, inProgress: 1, done: 1 });
    expect(o.quotesPerSpeaker).toMatchObject([{ name: 'Ashfaq Parvez Kayani', quotes: 2 }]);
    expect(o.stanceBySpeaker).toMatchObject([{ name: 'Ashfaq Parvez Kayani', FAVOR: 1, AGAINST: 1, NONE: 0 }]);
    expect(o.stanceByTarget).toMatchObject([{ label: 'opening the gates', FAVOR: 1, AGAINST: 1, NONE: 0 }]);
    expect(o.documents.map((d: any) => [d.id, d.quotes, d.quotesWithSpeaker])).toEqual([
      ['a.txt', 2, 2],
      ['b.txt', 0, 0],
    ]);
    expect(o.unattributed).toBe(0);
  });
});

describe('updateSchema', () => {
  it('renames a label and carries spans over; refuses dropping a used label', async () => {
    const labels = DEFAULT_LABELS.map((l) => (l.name === 'CLAIM' ? { ...l, name: 'ASSERTION', color: '#112233' } : l));
    const p = await call('updateSchema', { labels, renames: [{ from: 'CLAIM', to: 'ASSERTION' }], stanceLabels: { FAVOR: 'Pro', AGAINST: 'Con', NONE: 'Neutral' } });
    expect(p.schema.labels.find((l: any) => l.name === 'ASSERTION').formerNames).toEqual(['CLAIM']);
    expect(p.schema.stanceLabels).toEqual({ FAVOR: 'Pro', AGAINST: 'Con', NONE: 'Neutral' });
    const disk = JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'ana', 'b.txt.json'), 'utf8'));
    expect(disk.spans[0].label).toBe('ASSERTION');
    const without = labels.filter((l) => l.name !== 'QUOTE');
    const r = await app.dispatch('updateSchema', { labels: without });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await app.dispatch('updateSchema', { labels: [{ ...DEFAULT_LABELS[0]!, key: 'n' }] })).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
  });
});

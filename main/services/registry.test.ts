import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AnnotationFile, ProjectFile } from '../../shared/model.js';
import { createApp, type QuotebenchApp } from './app.js';
import { readProject } from './store/project.js';

let dir: string;
let corpus: string;
let app: QuotebenchApp;
// Code points: "Ann said “we go” and “we stay”." ; “we go” = 9..16, “we stay” = 21..30
const text = 'Ann said “we go” and “we stay”.\nBob: 👍🏽 ok\n';

async function call<T = any>(method: string, args: unknown = {}): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
async function fail(method: string, args: unknown): Promise<string> {
  const r = await app.dispatch(method, args);
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error.code;
}
const layerOnDisk = async (who = 'ana'): Promise<AnnotationFile> => JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', who, 'a.txt.json'), 'utf8'));
/** The registry as on disk: project.json with every registry log folded in. */
const projectOnDisk = async (): Promise<ProjectFile> => readProject(corpus);

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-reg-'));
  corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, 'a.txt'), text);
  app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
  await call('setAnnotator', { name: 'ana' });
});

describe('updateSpan', () => {
  it('sets and removes attributes, note, speaker and stance', async () => {
    const { span } = await call('createSpan', { docId: 'a.txt', start: 9, end: 16, label: 'QUOTE' });
    expect(span.attrs).toEqual({ form: 'direct' });
    const ann = await call('createSpeaker', { name: 'Ann Example', kind: 'person' });
    const target = await call('createTarget', { label: 'the move' });
    expect(await fail('updateSpan', { docId: 'a.txt', spanId: span.id, patch: { speakerId: 'sp_missing' } })).toBe('not-found');
    const r = await call('updateSpan', {
      docId: 'a.txt',
      spanId: span.id,
      patch: { attrs: { form: null, extra: 'x' }, note: 'check tone', speakerId: ann.id, stance: { targetId: target.id, value: 'FAVOR' } },
    });
    expect(r.span).toMatchObject({ attrs: { extra: 'x' }, note: 'check tone', speakerId: ann.id, stance: { targetId: target.id, value: 'FAVOR' } });
    expect((await layerOnDisk()).spans[0]).toMatchObject({ note: 'check tone', speakerId: ann.id, stance: { value: 'FAVOR' } });
    await call('updateSpan', { docId: 'a.txt', spanId: span.id, patch: { speakerId: null, stance: null } });
    expect((await layerOnDisk()).spans[0]).toMatchObject({ speakerId: null, stance: null });
  });

  it('makes a discontinuous span from fragments and back', async () => {
    const { span } = await call('createSpan', { docId: 'a.txt', start: 9, end: 16, label: 'QUOTE' });
    const r = await call('updateSpan', { docId: 'a.txt', spanId: span.id, patch: { fragments: [[21, 30], [9, 16]] } });
    expect(r.span).toMatchObject({ start: 9, end: 30, fragments: [[9, 16], [21, 30]], quote: '“we go” and “we stay”' });
    expect(await fail('updateSpan', { docId: 'a.txt', spanId: span.id, patch: { fragments: [[9, 16], [12, 20]] } })).toBe('invalid-args');
    expect(await fail('updateSpan', { docId: 'a.txt', spanId: span.id, patch: { fragments: [[9, 99]] } })).toBe('invalid-args');
    const single = await call('updateSpan', { docId: 'a.txt', spanId: span.id, patch: { fragments: [[21, 30]] } });
    expect(single.span.fragments).toBeUndefined();
    expect(single.span).toMatchObject({ start: 21, end: 30, quote: '“we stay”' });
  });
});

describe('relations', () => {
  it('links quote to source and cue; deleting a span takes its relations along and returns them', async () => {
    const q = (await call('createSpan', { docId: 'a.txt', start: 9, end: 16, label: 'QUOTE' })).span;
    const s = (await call('createSpan', { docId: 'a.txt', start: 0, end: 3, label: 'SOURCE' })).span;
    const v = (await call('createSpan', { docId: 'a.txt', start: 4, end: 8, label: 'CUE' })).span;
    const r1 = (await call('addRelation', { docId: 'a.txt', head: q.id, child: s.id, label: 'source' })).relation;
    await call('addRelation', { docId: 'a.txt', head: q.id, child: v.id, label: 'cue' });
    expect(await fail('addRelation', { docId: 'a.txt', head: q.id, child: s.id, label: 'source' })).toBe('conflict');
    expect(await fail('addRelation', { docId: 'a.txt', head: q.id, child: 's_nope', label: 'cue' })).toBe('not-found');
    expect((await call('getDocument', { docId: 'a.txt' })).relations).toHaveLength(2);
    const del = await call('deleteSpan', { docId: 'a.txt', spanId: s.id });
    expect(del.relations).toEqual([r1]);
    expect((await layerOnDisk()).relations.map((r) => r.label)).toEqual(['cue']);
    // Undo: the span and its relation come back with the same ids.
    await call('createSpan', { docId: 'a.txt', id: s.id, start: 0, end: 3, label: 'SOURCE' });
    await call('addRelation', { docId: 'a.txt', id: r1.id, head: q.id, child: s.id, label: 'source' });
    expect((await layerOnDisk()).relations.map((r) => r.id).sort()).toEqual([r1.id, (await layerOnDisk()).relations.find((r) => r.label === 'cue')!.id].sort());
  });
});

describe('speakers and targets', () => {
  it('counts links, refuses to delete a used speaker, merges with rewiring and unmerges exactly', async () => {
    const full = await call('createSpeaker', { name: 'Ashfaq Parvez Kayani', kind: 'person', role: 'army chief' });
    const short = await call('createSpeaker', { name: 'Gen Kiyani', aliases: ['Kiyani'], kind: 'person', affiliation: 'army' });
    const q1 = (await call('createSpan', { docId: 'a.txt', start: 9, end: 16, label: 'QUOTE' })).span;
    const q2 = (await call('createSpan', { docId: 'a.txt', start: 21, end: 30, label: 'QUOTE' })).span;
    const src = (await call('createSpan', { docId: 'a.txt', start: 0, end: 3, label: 'SOURCE' })).span;
    await call('updateSpan', { docId: 'a.txt', spanId: q1.id, patch: { speakerId: full.id } });
    await call('updateSpan', { docId: 'a.txt', spanId: q2.id, patch: { speakerId: short.id } });
    await call('updateSpan', { docId: 'a.txt', spanId: src.id, patch: { speakerId: short.id } });

    const list = await call('listSpeakers');
    expect(list.speakers.map((s: any) => [s.name, s.quoteCount, s.linkCount])).toEqual([
      ['Ashfaq Parvez Kayani', 1, 1],
      ['Gen Kiyani', 1, 2],
    ]);
    expect(list.duplicates).toHaveLength(1);
    expect(await fail('deleteSpeaker', { id: short.id })).toBe('conflict');

    const merge = await call('mergeSpeakers', { keepId: full.id, mergeId: short.id });
    expect(merge.keep).toMatchObject({ name: 'Ashfaq Parvez Kayani', aliases: ['Gen Kiyani', 'Kiyani'], affiliation: 'army', role: 'army chief' });
    expect(merge.rewired.map((r: any) => r.spanId).sort()).toEqual([q2.id, src.id].sort());
    let disk = await layerOnDisk();
    expect(disk.spans.map((s) => s.speakerId)).toEqual([full.id, full.id, full.id]);
    let project = await projectOnDisk();
    expect(project.speakers.map((s) => s.id)).toEqual([full.id]);
    expect(project.speakerRedirects).toEqual({ [short.id]: full.id });

    await call('unmergeSpeakers', { keep: merge.before.keep, merged: merge.before.merged, rewired: merge.rewired });
    disk = await layerOnDisk();
    expect(disk.spans.map((s) => s.speakerId)).toEqual([full.id, short.id, short.id]);
    project = await projectOnDisk();
    expect(project.speakers).toEqual([merge.before.keep, merge.before.merged]);
    expect(project.speakerRedirects).toBeUndefined();
  });

  it('deletes unused speakers and targets only', async () => {
    const sp = await call('createSpeaker', { name: 'a senior ministry official', kind: 'anonymous' });
    const t = await call('createTarget', { label: 'pipeline study' });
    const q = (await call('createSpan', { docId: 'a.txt', start: 9, end: 16, label: 'QUOTE' })).span;
    await call('updateSpan', { docId: 'a.txt', spanId: q.id, patch: { stance: { targetId: t.id, value: 'AGAINST' } } });
    expect(await fail('deleteTarget', { id: t.id })).toBe('conflict');
    expect(await call('updateTarget', { id: t.id, label: 'pipeline feasibility study' })).toEqual({ id: t.id, label: 'pipeline feasibility study' });
    expect(await call('deleteSpeaker', { id: sp.id })).toEqual({ deleted: sp });
    await call('updateSpan', { docId: 'a.txt', spanId: q.id, patch: { stance: null } });
    await call('deleteTarget', { id: t.id });
    const project = await projectOnDisk();
    expect([project.speakers, project.targets]).toEqual([[], []]);
  });

  it('prefills form as direct only when the quote starts and ends with a quotation mark', async () => {
    // "Ann said “we go”": 0..16 starts with a letter; “we go” and = 9..20 ends with a letter.
    expect((await call('createSpan', { docId: 'a.txt', start: 9, end: 16, label: 'QUOTE' })).span.attrs).toEqual({ form: 'direct' });
    expect((await call('createSpan', { docId: 'a.txt', start: 0, end: 16, label: 'QUOTE' })).span.attrs).toEqual({});
    expect((await call('createSpan', { docId: 'a.txt', start: 9, end: 20, label: 'QUOTE' })).span.attrs).toEqual({});
    // Only quotes get a form.
    expect((await call('createSpan', { docId: 'a.txt', start: 21, end: 30, label: 'CLAIM' })).span.attrs).toEqual({});
  });

  it('refuses to delete a speaker that only a colleague links to, and leaves the colleague alone', async () => {
    const sp = await call('createSpeaker', { name: 'Tobias Renner', kind: 'person' });
    await call('setAnnotator', { name: 'omar' });
    const q = (await call('createSpan', { docId: 'a.txt', start: 9, end: 16, label: 'QUOTE' })).span;
    await call('updateSpan', { docId: 'a.txt', spanId: q.id, patch: { speakerId: sp.id } });
    await call('setAnnotator', { name: 'ana' });
    const before = await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'omar', 'a.txt.json'), 'utf8');
    expect(await fail('deleteSpeaker', { id: sp.id })).toBe('conflict');
    expect((await projectOnDisk()).speakers.map((s) => s.id)).toEqual([sp.id]);
    // A merge rewires only ana's layer; omar's link resolves through the redirect.
    const other = await call('createSpeaker', { name: 'Mayor Renner', kind: 'person' });
    await call('mergeSpeakers', { keepId: other.id, mergeId: sp.id });
    expect(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'omar', 'a.txt.json'), 'utf8')).toBe(before);
    expect(await fail('deleteSpeaker', { id: other.id })).toBe('conflict');
  });

  it('validates speaker fields', async () => {
    expect(await fail('createSpeaker', { name: '', kind: 'person' })).toBe('invalid-args');
    expect(await fail('createSpeaker', { name: 'X', kind: 'alien' })).toBe('invalid-args');
    expect(await fail('mergeSpeakers', { keepId: 'a', mergeId: 'a' })).toBe('invalid-args');
    expect(await fail('updateSpeaker', { id: 'nope', patch: { name: 'Y' } })).toBe('not-found');
  });
});

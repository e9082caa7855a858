/**
 * Schema versions of the data files: older files are migrated on read and rewritten only by the
 * next real edit, after a backup of the file as it was; a newer file is refused and left exactly
 * as it is; a damaged one is moved aside; every case says which file and why.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYER_VERSIONING } from './store/annotations.js';
import { createApp } from './app.js';
import { migrateData, NewerVersionError } from './platform/durable-file.js';
import { PROJECT_VERSIONING, readProject } from './store/project.js';
import { SETTINGS_VERSIONING } from './store/settings.js';

const TEXT = 'The minister said “we stay” on Monday.\n';

async function setup(files: Record<string, string>) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-migrate-'));
  const corpus = path.join(dir, 'corpus');
  const data = path.join(corpus, '.quotebench');
  await fs.mkdir(path.join(data, 'annotations', 'maria'), { recursive: true });
  await fs.writeFile(path.join(corpus, 'a.txt'), TEXT);
  await fs.writeFile(path.join(corpus, 'b.txt'), TEXT);
  await fs.mkdir(path.join(dir, 's'), { recursive: true });
  await fs.writeFile(path.join(dir, 's', 'settings.json'), JSON.stringify({ annotator: 'maria', recent: [], lastCorpus: null }));
  for (const [name, content] of Object.entries(files)) await fs.writeFile(path.join(dir, name), content);
  const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
  const call = async (m: string, a: unknown) => {
    const r = await app.dispatch(m, a);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as any;
  };
  return { dir, corpus, data, app, call, layer: (doc: string) => path.join(data, 'annotations', 'maria', `${doc}.json`) };
}

const listing = async (dir: string) => (await fs.readdir(dir)).sort();

describe('migrateData', () => {
  it('takes an unversioned (version 0) layer to version 1 and fills what it may lack', () => {
    const v0 = { docId: 'a.txt', spans: [{ id: 's1', start: 0, end: 3, label: 'QUOTE', quote: 'The' }] };
    expect(migrateData('f', v0, LAYER_VERSIONING)).toEqual({
      from: 0,
      data: { schemaVersion: 1, docId: 'a.txt', status: 'todo', relations: [], docSha256: '', updated: '', spans: [{ id: 's1', start: 0, end: 3, label: 'QUOTE', quote: 'The', attrs: {}, note: '' }] },
    });
    expect(migrateData('f', { schemaVersion: 1, spans: [] }, LAYER_VERSIONING)).toEqual({ from: 1, data: { schemaVersion: 1, spans: [] } });
    expect(migrateData('f', { speakers: [], schema: { labels: [] } }, PROJECT_VERSIONING)).toEqual({ from: 0, data: { schemaVersion: 2, speakers: [], targets: [], settings: {}, schema: { labels: [] } } });
    expect(migrateData('f', { annotator: 'x' }, SETTINGS_VERSIONING)).toEqual({ from: 0, data: { schemaVersion: 1, annotator: 'x' } });
  });

  it('refuses a newer version and one that is no version at all', () => {
    expect(() => migrateData('f', { schemaVersion: 2 }, LAYER_VERSIONING)).toThrow(NewerVersionError);
    expect(migrateData('f', { schemaVersion: '1' }, LAYER_VERSIONING)).toBe('has an invalid schema version ("1")');
    expect(migrateData('f', { schemaVersion: -1 }, LAYER_VERSIONING)).toBe('has an invalid schema version (-1)');
  });
});

describe('data files on disk', () => {
  it('migrates a version 0 layer on read without writing, backs it up before the first edit rewrites it', async () => {
    const v0 = JSON.stringify({ docId: 'a.txt', annotator: 'maria', spans: [{ id: 's_old', docId: 'a.txt', start: 18, end: 27, label: 'QUOTE', quote: '“we stay”', prefix: 'The minister said ', suffix: ' on Monday.\n', author: 'maria', created: 't', modified: 't' }] });
    const { app, call, layer } = await setup({ 'corpus/.quotebench/annotations/maria/a.txt.json': v0 });
    const opened = await call('getDocument', { docId: 'a.txt' });
    expect(opened.spans).toMatchObject([{ id: 's_old', quote: '“we stay”', attrs: {}, note: '' }]);
    expect(opened.status).toBe('todo');
    expect(await fs.readFile(layer('a.txt'), 'utf8')).toBe(v0);
    expect(await listing(path.dirname(layer('a.txt')))).toEqual(['a.txt.json']);

    await call('createSpan', { docId: 'a.txt', start: 0, end: 3, label: 'CLAIM' });
    const files = await listing(path.dirname(layer('a.txt')));
    expect(files).toHaveLength(2);
    expect(files[1]).toMatch(/^a\.txt\.json\.v0-\d{4}-\d\d-\d\dT[\d-]+Z\.bak$/);
    expect(await fs.readFile(path.join(path.dirname(layer('a.txt')), files[1]!), 'utf8')).toBe(v0);
    const now = JSON.parse(await fs.readFile(layer('a.txt'), 'utf8'));
    expect(now.schemaVersion).toBe(1);
    expect(now.spans.map((s: any) => s.id)).toEqual(['s_old', expect.any(String)]);
    // Only the first rewrite makes a backup.
    await call('setStatus', { docId: 'a.txt', status: 'done' });
    expect(await listing(path.dirname(layer('a.txt')))).toHaveLength(2);
    await app.close();
  });

  it('refuses a layer from a newer version, leaves it byte-identical and says which file and why', async () => {
    const newer = JSON.stringify({ schemaVersion: 2, docId: 'a.txt', spans: [], relations: [], tags: ['from the future'] });
    const { app, call, layer } = await setup({ 'corpus/.quotebench/annotations/maria/a.txt.json': newer });
    const expected = 'The annotation file for a.txt was written by a newer Quotebench (schema version 2; this one reads up to 1). It was left as it is; update Quotebench to open or edit this document.';
    expect((await call('listDocuments', {})).warnings).toEqual([expected]);
    expect(await app.dispatch('getDocument', { docId: 'a.txt' })).toEqual({ ok: false, error: { code: 'unsupported', message: expected } });
    expect(await app.dispatch('createSpan', { docId: 'a.txt', start: 0, end: 3, label: 'CLAIM' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await fs.readFile(layer('a.txt'), 'utf8')).toBe(newer);
    expect(await listing(path.dirname(layer('a.txt')))).toEqual(['a.txt.json']);
    // The other documents work as usual.
    await call('createSpan', { docId: 'b.txt', start: 0, end: 3, label: 'CLAIM' });
    await app.close();
  });

  it('moves a truncated and a wrong-shape layer aside with the reason, and opens the rest', async () => {
    const truncated = '{"schemaVersion": 1, "docId": "a.txt", "spans": [{"id": "s1", "st';
    const wrong = JSON.stringify({ schemaVersion: 1, docId: 'b.txt', annotator: 'maria', docSha256: '', status: 'todo', spans: 'none', relations: [], updated: '' });
    const { app, call, layer } = await setup({ 'corpus/.quotebench/annotations/maria/a.txt.json': truncated, 'corpus/.quotebench/annotations/maria/b.txt.json': wrong });
    const { warnings, documents } = await call('listDocuments', {});
    expect(documents.map((d: any) => d.id)).toEqual(['a.txt', 'b.txt']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^The annotation file for a\.txt is not valid JSON \(.+\)\. It was moved to .+a\.txt\.json\.corrupt-[\dTZ-]+; the document starts empty\.$/);
    expect(warnings[1]).toMatch(/^The annotation file for b\.txt is not a valid annotation layer \(spans: Invalid input: expected array, received string\)\. It was moved to .+b\.txt\.json\.corrupt-[\dTZ-]+; the document starts empty\.$/);
    const files = await listing(path.dirname(layer('a.txt')));
    expect(files.map((f) => f.replace(/corrupt-.*/, 'corrupt-*'))).toEqual(['a.txt.json.corrupt-*', 'b.txt.json.corrupt-*']);
    expect(await fs.readFile(path.join(path.dirname(layer('a.txt')), files[0]!), 'utf8')).toBe(truncated);
    // Edits start a fresh file; the moved one is never written over.
    await call('createSpan', { docId: 'a.txt', start: 0, end: 3, label: 'CLAIM' });
    expect(await fs.readFile(path.join(path.dirname(layer('a.txt')), files[0]!), 'utf8')).toBe(truncated);
    await app.close();
  });

  it('migrates a version 1 project.json (the registry it holds) without loss, keeps a backup, and folds logs onto it', async () => {
    const v1 = {
      schemaVersion: 1,
      schema: { labels: [{ name: 'QUOTE', color: '#e8a33d', key: 'q', attributes: [{ name: 'form', values: ['direct', 'indirect'] }] }], stanceLabels: { FAVOR: 'for', AGAINST: 'against', NONE: 'neither' } },
      speakers: [
        { id: 'sp_1', name: 'Ashfaq Kayani', aliases: ['Kayani'], kind: 'person', affiliation: 'army', role: 'chief' },
        { id: 'sp_2', name: 'a senior official', aliases: [], kind: 'anonymous', affiliation: '', role: '' },
      ],
      targets: [{ id: 'tg_1', label: 'the operation' }],
      speakerRedirects: { sp_old: 'sp_1' },
      settings: { maxFileBytes: 1_000_000 },
    };
    const text = JSON.stringify(v1, null, 2);
    const { app, call, data } = await setup({ 'corpus/.quotebench/project.json': text });
    const opened = await call('getProject', {});
    expect(opened).toEqual({ ...v1, schemaVersion: 2 });
    const backup = (await listing(data)).find((f) => f.startsWith('project.json.v1-'))!;
    expect(await fs.readFile(path.join(data, backup), 'utf8')).toBe(text);
    expect(JSON.parse(await fs.readFile(path.join(data, 'project.json'), 'utf8'))).toEqual({ ...v1, schemaVersion: 2 });
    await call('updateSpeaker', { id: 'sp_2', patch: { role: 'security' } });
    expect((await readProject(path.dirname(data))).speakers[1]).toMatchObject({ id: 'sp_2', role: 'security' });
    // A second process opening the migrated corpus migrates nothing again.
    await app.close();
    const again = await createApp({ settingsDir: path.join(path.dirname(path.dirname(data)), 's'), mode: 'browser', initialCorpus: path.dirname(data) });
    expect(await again.dispatch('getProject', {})).toMatchObject({ ok: true, value: { speakers: [{ id: 'sp_1' }, { id: 'sp_2', role: 'security' }] } });
    expect((await listing(data)).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
    await again.close();
  });

  it('a newer project.json is left as it is and not written; a hand-edited broken one is moved aside', async () => {
    const newer = JSON.stringify({ schemaVersion: 5, schema: { labels: [] }, speakers: [], targets: [], settings: {} });
    const a = await setup({ 'corpus/.quotebench/project.json': newer });
    const warnings: string[] = (await a.call('listDocuments', {})).warnings;
    expect(warnings).toEqual([
      'project.json was written by a newer Quotebench (schema version 5; this one reads up to 2); it was left as it is and the default schema is used. Changes to labels, speakers and targets cannot be saved until Quotebench is updated.',
    ]);
    expect(await a.app.dispatch('createSpeaker', { name: 'Ana', kind: 'person' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await fs.readFile(path.join(a.data, 'project.json'), 'utf8')).toBe(newer);
    await a.app.close();

    // A hand edit that left a trailing comma.
    const edited = '{\n  "schemaVersion": 1,\n  "schema": {"labels": []},\n  "speakers": [],\n}\n';
    const b = await setup({ 'corpus/.quotebench/project.json': edited });
    const [warning] = (await b.call('listDocuments', {})).warnings;
    expect(warning).toMatch(/^project\.json is not valid JSON \(.+\); it was moved to .+project\.json\.corrupt-[\dTZ-]+ and the default schema is used\.$/);
    const moved = (await listing(b.data)).find((f) => f.startsWith('project.json.corrupt-'))!;
    expect(await fs.readFile(path.join(b.data, moved), 'utf8')).toBe(edited);
    await b.app.close();
  });

  it('a hand-edited size limit applies when it is a number of bytes; anything else is named and the default used', async () => {
    const project = (max: unknown) => JSON.stringify({ schemaVersion: 1, schema: { labels: [{ name: 'QUOTE', color: '#e8a33d', key: 'q', attributes: [] }] }, speakers: [], targets: [], settings: { maxFileBytes: max } });
    const bytes = Buffer.byteLength(TEXT);
    const small = await setup({ 'corpus/.quotebench/project.json': project(20), 'corpus/b.txt': 'Short.\n' });
    const listed = await small.call('listDocuments', {});
    expect(listed.warnings).toEqual([]);
    expect(listed.documents.map((d: { id: string }) => d.id)).toEqual(['b.txt']);
    expect(listed.skipped).toEqual([{ id: 'a.txt', reason: 'too-large', message: `too large to annotate (${bytes} bytes; the limit is 20 bytes)`, bytes }]);
    await small.app.close();
    for (const bad of ['5MB', 0, -1, null, 2.5]) {
      const b = await setup({ 'corpus/.quotebench/project.json': project(bad) });
      const list = await b.call('listDocuments', {});
      expect(list.warnings).toEqual([`project.json: settings.maxFileBytes is ${JSON.stringify(bad)}, not a whole number of bytes above 0; the default (5.0 MB) is used.`]);
      expect(list.documents.map((d: { id: string }) => d.id)).toEqual(['a.txt', 'b.txt']);
      expect(list.skipped).toEqual([]);
      await b.app.close();
    }
  });

  it('migrates a version 0 project.json and settings.json, backing each up; registry changes go to a log', async () => {
    const v0 = JSON.stringify({ schema: { labels: [{ name: 'QUOTE', color: '#e8a33d', key: 'q', attributes: [] }] } });
    const { app, call, data, dir } = await setup({ 'corpus/.quotebench/project.json': v0 });
    expect((await call('getProject', {})).schema.labels.map((l: any) => l.name)).toEqual(['QUOTE']);
    // Opening migrated project.json on disk once, after a backup; it is not written again.
    const backup = (await listing(data)).find((f) => f.startsWith('project.json.v0-'))!;
    expect(backup).toMatch(/\.bak$/);
    expect(await fs.readFile(path.join(data, backup), 'utf8')).toBe(v0);
    const migrated = await fs.readFile(path.join(data, 'project.json'), 'utf8');
    expect(JSON.parse(migrated)).toEqual({ schemaVersion: 2, schema: { labels: [{ name: 'QUOTE', color: '#e8a33d', key: 'q', attributes: [] }] }, speakers: [], targets: [], settings: {} });
    await call('createSpeaker', { name: 'Ana', kind: 'person' });
    expect(await fs.readFile(path.join(data, 'project.json'), 'utf8')).toBe(migrated);
    expect((await fs.readFile(path.join(data, 'registry', 'maria.jsonl'), 'utf8')).split('\n')).toHaveLength(2);
    expect((await readProject(path.dirname(data))).speakers).toMatchObject([{ name: 'Ana' }]);
    // settings.json had no version before: opening the corpus rewrote it, after a backup.
    const settings = await listing(path.join(dir, 's'));
    expect(settings.map((f) => f.replace(/v0-.*\.bak$/, 'v0-*.bak'))).toEqual(['settings.json', 'settings.json.v0-*.bak']);
    expect(JSON.parse(await fs.readFile(path.join(dir, 's', 'settings.json'), 'utf8')).schemaVersion).toBe(1);
    await app.close();
  });
});

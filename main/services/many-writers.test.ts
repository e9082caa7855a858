/**
 * Several processes on one corpus: the registry is folded from one log per writer, so no process
 * overwrites another's speakers from a stale copy, and the open app learns of changes made
 * elsewhere (waitForChanges) within a poll.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangesSeen } from '../../shared/api.js';
import type { ProjectFile, Speaker } from '../../shared/model.js';
import { LayerStore } from './store/annotations.js';
import { createApp, type QuotebenchApp } from './app.js';
import { TEXT_TOKEN } from './handlers/change-feed.js';
import { openProject, readProject, registryDir } from './store/project.js';
import { runQuotebench } from '../tooling/testing/run-cli.js';

let dir: string;
let corpus: string;
const TEXT = 'The minister said “we stay” on Monday. “We go,” said Ana Ruiz, a spokeswoman.\n';

async function open(annotator: string): Promise<{ app: QuotebenchApp; call: <T = any>(m: string, a?: unknown) => Promise<T> }> {
  const app = await createApp({ settingsDir: path.join(dir, `settings-${annotator}`), mode: 'browser', initialCorpus: corpus });
  const call = async <T,>(m: string, a: unknown = {}): Promise<T> => {
    const r = await app.dispatch(m, a);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  await call('setAnnotator', { name: annotator });
  return { app, call };
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-writers-'));
  corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, 'a.txt'), TEXT);
  const first = ['Amina', 'Bilal', 'Carla', 'Dmitri', 'Elena', 'Farid'];
  const last = ['Haddad', 'Ivanova', 'Jensen', 'Khoury', 'Larsen'];
  for (let i = 0; i < 30; i += 1) await fs.writeFile(path.join(corpus, `n${i}.txt`), `“We will keep talking,” said ${first[i % 6]} ${last[Math.floor(i / 6)]}, a spokesperson.\n`);
});

describe('the registry with several writers', () => {
  it('the app open, `quotebench suggest` adds 30 speakers, one created in the app: all 31 are there and every link resolves', async () => {
    const { app, call } = await open('ana');
    await call('listDocuments');
    const suggest = await runQuotebench('suggest', corpus, '--annotator', 'suggester');
    expect(suggest.code).toBe(0);
    const added = (await readProject(corpus)).speakers.length;
    expect(added).toBe(30);
    await call('createSpeaker', { name: 'Farhana Qureshi', kind: 'person' });
    const project = await readProject(corpus);
    expect(project.speakers).toHaveLength(31);
    const ids = new Set(project.speakers.map((s) => s.id));
    const layer = new LayerStore(corpus, 'suggester', { readOnly: true });
    let linked = 0;
    for (let i = 0; i < 30; i += 1) {
      for (const s of (await layer.read(`n${i}.txt`))?.spans ?? []) {
        if (!s.speakerId) continue;
        linked += 1;
        expect(ids.has(s.speakerId), `${s.speakerId} of n${i}.txt`).toBe(true);
      }
    }
    expect(linked).toBeGreaterThanOrEqual(30);
    // The app shows them too, without a restart.
    expect((await call<ProjectFile>('getProject')).speakers).toHaveLength(31);
    await app.close();
  });

  it('two servers, two annotators: a role edited in one survives the other’s next speaker edit', async () => {
    const a = await open('ana');
    const b = await open('bob');
    const kayani = await a.call<Speaker>('createSpeaker', { name: 'Ashfaq Kayani', kind: 'person' });
    const other = await b.call<Speaker>('createSpeaker', { name: 'Ana Ruiz', kind: 'person' });
    await a.call('updateSpeaker', { id: kayani.id, patch: { role: 'army chief' } });
    await b.call('updateSpeaker', { id: other.id, patch: { affiliation: 'ministry' } });
    for (const p of [await readProject(corpus), await a.call<ProjectFile>('getProject'), await b.call<ProjectFile>('getProject')]) {
      expect(p.speakers).toEqual([
        { ...kayani, role: 'army chief' },
        { ...other, affiliation: 'ministry' },
      ]);
    }
    // Each wrote only its own log.
    expect((await fs.readdir(registryDir(corpus))).sort()).toEqual(['ana.jsonl', 'bob.jsonl']);
    await a.app.close();
    await b.app.close();
  });

  it('a bad line in a log is named and left out; the rest folds; the writer cuts a half-written last line before appending', async () => {
    const a = await open('ana');
    await a.call('createTarget', { label: 'the talks' });
    const log = path.join(registryDir(corpus), 'ana.jsonl');
    // A crash in the middle of an append left half a line.
    await fs.appendFile(log, '{"clock":9,"seq":2,"at":"x","op":"target.cre');
    await a.call('createTarget', { label: 'the deal' });
    const lines = (await fs.readFile(log, 'utf8')).split('\n');
    expect(lines.filter(Boolean).map((l) => JSON.parse(l).target.label)).toEqual(['the talks', 'the deal']);
    await fs.writeFile(path.join(registryDir(corpus), 'zed.jsonl'), 'not json\n{"clock":1,"seq":1,"at":"x","op":"target.create","target":{"id":"tg_z","label":"zed"}}\n');
    const warnings: string[] = [];
    const project = await openProject(corpus, (m) => warnings.push(m), { readOnly: true });
    // Clock 1 from both writers: 'ana' sorts before 'zed'.
    expect(project.data.targets.map((t) => t.label)).toEqual(['the talks', 'zed', 'the deal']);
    expect(warnings).toEqual(['registry/zed.jsonl line 1 is not valid JSON; it was left out.']);
    await a.app.close();
  });

  it('an import from the app into a colleague\'s layer records new speakers in the app user\'s log, not the colleague\'s', async () => {
    const a = await open('ana');
    const source = path.join(dir, 'in.jsonl');
    const line = { id: 'a.txt', text: TEXT, spans: [{ id: 's_q', start: 18, end: 27, label: 'QUOTE', text: '“we stay”', speaker: 'sp_minister' }], relations: [], speakers: [{ id: 'sp_minister', name: 'The Minister', aliases: [], kind: 'person', affiliation: '', role: '' }], targets: [] };
    await fs.writeFile(source, JSON.stringify(line) + '\n');
    const { jobId } = await a.call<{ jobId: string }>('importData', { format: 'jsonl', source, annotator: 'bob' });
    let job: { finished: boolean; error: string | null; imported?: { written: boolean; newSpeakers: number } };
    for (;;) {
      job = await a.call('getJob', { jobId });
      if (job.finished) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(job).toMatchObject({ error: null, imported: { written: true, newSpeakers: 1 } });
    expect(await fs.readdir(registryDir(corpus))).toEqual(['ana.jsonl']);
    expect((await readProject(corpus)).speakers.map((s) => s.name)).toEqual(['The Minister']);
    await a.app.close();
  });

  it('refuses a registry change the API would refuse, whoever records it', async () => {
    const project = await openProject(corpus, () => undefined);
    const evil = { id: '../../evil id <script>', name: 'x', aliases: [], kind: 'person' as const, affiliation: '', role: '' };
    await expect(project.change('ana', [{ op: 'speaker.create', speaker: evil }])).rejects.toThrow(/speaker\.id/);
    await expect(project.change('ana', [{ op: 'target.create', target: { id: 'tg_1', label: 'x'.repeat(50_000) } }])).rejects.toThrow(/target\.label/);
    await expect(fs.stat(registryDir(corpus))).rejects.toThrow();
  });
});

describe('waitForChanges', () => {
  it('answers when another process changes the registry, with what it did; else after the timeout', async () => {
    const a = await open('ana');
    const b = await open('bob');
    const first = await a.call<ChangesSeen>('waitForChanges', { registry: -1, timeoutMs: 0 });
    const quiet = Date.now();
    expect(await a.call<ChangesSeen>('waitForChanges', { registry: first.registry, timeoutMs: 400 })).toEqual({ registry: first.registry, notices: [], tokens: {} });
    expect(Date.now() - quiet).toBeGreaterThanOrEqual(380);
    const k = await b.call<Speaker>('createSpeaker', { name: 'Kayani', kind: 'person' });
    const m = await b.call<Speaker>('createSpeaker', { name: 'Kiyani', kind: 'person' });
    const waiting = a.call<ChangesSeen>('waitForChanges', { registry: (await a.call<ChangesSeen>('waitForChanges', { registry: -1, timeoutMs: 0 })).registry, timeoutMs: 10_000 });
    const started = Date.now();
    setTimeout(() => void b.call('mergeSpeakers', { keepId: k.id, mergeId: m.id }), 100);
    const seen = await waiting;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen.notices).toEqual(['bob merged Kiyani into Kayani']);
    expect((await a.call<ProjectFile>('getProject')).speakers.map((s) => s.name)).toEqual(['Kayani']);
    await a.app.close();
    await b.app.close();
  });

  it('answers when the open document’s own layer, a colleague’s layer or the article changes on disk, not for its own saves', async () => {
    const a = await open('ana');
    const docId = 'a.txt';
    await a.call('getDocument', { docId });
    const watch = { docId, layers: ['ana', 'bob'] };
    const base = await a.call<ChangesSeen>('waitForChanges', { registry: -1, ...watch, timeoutMs: 0 });
    // Its own save is not news.
    await a.call('createSpan', { docId, start: 4, end: 12, label: 'SOURCE' });
    const own = await a.call<ChangesSeen>('waitForChanges', { registry: base.registry, ...watch, tokens: base.tokens, timeoutMs: 350 });
    expect(own.tokens).toEqual(base.tokens);
    // Another process writes ana's layer (as a CLI run before the app took the lock would).
    const elsewhere = new LayerStore(corpus, 'ana');
    const sha = (await a.call('getDocument', { docId })).doc.sha256 as string;
    await elsewhere.mutate(docId, sha, (l) => void l.spans.push({ ...l.spans[0]!, id: 's_other', start: 0, end: 3, quote: 'The', label: 'CLAIM' }));
    const changed = await a.call<ChangesSeen>('waitForChanges', { registry: base.registry, ...watch, tokens: own.tokens, timeoutMs: 5000 });
    expect(changed.tokens.ana).not.toBe(own.tokens.ana);
    // The app reads the layer again: the other process's span is there, and its next save keeps it.
    expect((await a.call('getDocument', { docId })).spans.map((s: { id: string }) => s.id)).toContain('s_other');
    await a.call('createSpan', { docId, start: 18, end: 27, label: 'QUOTE' });
    expect((await new LayerStore(corpus, 'ana', { readOnly: true }).read(docId))!.spans.map((s) => s.id)).toContain('s_other');
    // A colleague's layer.
    await new LayerStore(corpus, 'bob').mutate(docId, sha, (l) => void l.spans.push({ ...l.spans[0]!, id: 's_bob', author: 'bob' } as never));
    const colleague = await a.call<ChangesSeen>('waitForChanges', { registry: base.registry, ...watch, tokens: changed.tokens, timeoutMs: 5000 });
    expect(colleague.tokens.bob).not.toBe(changed.tokens.bob);
    // The article itself.
    await fs.writeFile(path.join(corpus, docId), TEXT.replace('Monday', 'Tuesday'));
    const text = await a.call<ChangesSeen>('waitForChanges', { registry: base.registry, ...watch, tokens: colleague.tokens, timeoutMs: 5000 });
    expect(text.tokens[TEXT_TOKEN]).not.toBe(colleague.tokens[TEXT_TOKEN]);
    await a.app.close();
  });
});

/**
 * brat round trip on an attribution corpus shaped like PARC / PolNeAR brat releases
 * (testing/brat-attribution: two articles written for the project): Source / Cue / Content spans,
 * Attribution events with the trigger as its own T or as the cue, repeated roles (Cue2, Content2),
 * discontinuous contents (across a line break too), a source-only event, attributes on spans and
 * events in both A and M spelling, a coreference R, N links, notes on T, E and R, CRLF, emoji, Urdu.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseAnn, type BratDocument } from '../../shared/formats/brat-ann.js';
import type { AnnotationFile } from '../../shared/model.js';
import { createApp } from './app.js';
import { Ajv } from 'ajv';
import schema from '../../shared/formats/quotebench-jsonl.schema.json' with { type: 'json' };
import { runQuotebench } from '../tooling/testing/run-cli.js';

const FIXTURE = path.join(import.meta.dirname, '..', 'tooling', 'testing', 'brat-attribution');
const DOCS = ['wire/2011-09-22-border', 'wire/2011-10-05-talks'];

let dir: string;
let corpus: string;
let source: string;

const run = runQuotebench;

/**
 * Every line of an .ann with each id replaced by what it names (recursively, relations and events
 * included) and A/M spelling kept: two files are equal here exactly when they differ only in ids.
 */
function strictCanon(doc: BratDocument, rename: Record<string, string> = {}): string[] {
  const type = (t: string) => rename[t] ?? t;
  const entity = new Map(doc.entities.map((t) => [t.id, `${type(t.type)}[${t.ranges.map((r) => r.join('-')).join(',')}]`]));
  const event = new Map(doc.events.map((e) => [e.id, `${e.type}<${entity.get(e.trigger) ?? e.trigger}|${e.args.map((a) => `${a.role}:${entity.get(a.ref) ?? a.ref}`).join(' ')}>`]));
  const relation = new Map(doc.relations.map((r) => [r.id, `${r.type}(${r.args.map((a) => `${a.role}:${entity.get(a.ref) ?? event.get(a.ref) ?? a.ref}`).join(' ')})`]));
  const ref = (id: string) => entity.get(id) ?? event.get(id) ?? relation.get(id) ?? `UNRESOLVED ${id}`;
  return [
    ...doc.entities.map((t) => `T ${entity.get(t.id)} ${t.text}`),
    ...doc.relations.map((r) => `R ${relation.get(r.id)}`),
    ...doc.events.map((e) => `E ${event.get(e.id)}`),
    ...doc.attributes.map((a) => `${a.prefix} ${a.name} ${ref(a.target)} ${a.value ?? ''}`),
    ...doc.normalizations.map((n) => `N ${n.type} ${ref(n.target)} ${n.ref} ${n.text}`),
    ...doc.notes.map((n) => `# ${n.type} ${ref(n.target)} ${n.text}`),
  ].sort();
}

async function readAnn(folder: string, rel: string): Promise<BratDocument> {
  const { doc, problems } = parseAnn(await fs.readFile(path.join(folder, `${rel}.ann`), 'utf8'));
  expect(problems).toEqual([]);
  return doc;
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-brat-attr-'));
  corpus = path.join(dir, 'corpus');
  source = path.join(dir, 'brat');
  await fs.cp(FIXTURE, source, { recursive: true });
  await fs.mkdir(path.join(corpus, 'wire'), { recursive: true });
  for (const rel of DOCS) await fs.copyFile(path.join(FIXTURE, `${rel}.txt`), path.join(corpus, `${rel}.txt`));
});

describe('brat attribution corpus', () => {
  it('brat in, brat out: every T, R, E (Cue2, Content2), A, M, N and # line comes back; only ids change', async () => {
    const imported = await run('import', corpus, '--format', 'brat', '--annotator', 'parc', source);
    expect(imported.err).toBe('');
    expect(imported.out).toMatch(/^Imported into parc: 2 documents, 38 spans/);
    const out = path.join(dir, 'out');
    expect((await run('export', corpus, '--format', 'brat', '--annotator', 'parc', '--out', out)).code).toBe(0);
    for (const rel of DOCS) {
      expect(await fs.readFile(path.join(out, `${rel}.txt`))).toEqual(await fs.readFile(path.join(FIXTURE, `${rel}.txt`)));
      const original = await readAnn(FIXTURE, rel);
      const written = await readAnn(out, rel);
      expect(strictCanon(written)).toEqual(strictCanon(original));
      expect(written.events.flatMap((e) => e.args.map((a) => a.role))).toEqual(original.events.flatMap((e) => e.args.map((a) => a.role)));
    }
  });

  it('with --map, every content is a quote linked to its source mention and cue, in the app too; exported labels follow the map', async () => {
    const r = await run('import', corpus, '--format', 'brat', '--annotator', 'parc', '--map', 'Content=QUOTE,Source=SOURCE,Cue=CUE', source);
    expect(r.code).toBe(0);
    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
    await app.dispatch('setAnnotator', { name: 'parc' });
    const links: Record<string, [string, string, string][]> = {};
    for (const rel of DOCS) {
      const opened = await app.dispatch('getDocument', { docId: `${rel}.txt` });
      if (!opened.ok) throw new Error(opened.error.message);
      const layer = opened.value as unknown as Pick<AnnotationFile, 'spans' | 'relations'>;
      const quote = (id: string) => layer.spans.find((s) => s.id === id)!;
      links[rel] = layer.relations.filter((x) => x.label === 'source' || x.label === 'cue').map((x) => [quote(x.head).quote.slice(0, 24), x.label, quote(x.child).quote]);
    }
    await app.close();
    // Each content of E1 (Content, Content2) gets the event's source and both cues (Cue, Cue2).
    expect(links['wire/2011-09-22-border']).toEqual([
      ['"will not be dictated to', 'source', 'Gen. Tariq Rahman'],
      ['"will not be dictated to', 'cue', 'said'],
      ['"will not be dictated to', 'cue', 'added'],
      ['cooperation would contin', 'source', 'Gen. Tariq Rahman'],
      ['cooperation would contin', 'cue', 'said'],
      ['cooperation would contin', 'cue', 'added'],
      ["the network's leaders ha", 'source', 'A senior security official'],
      ["the network's leaders ha", 'cue', 'said'],
      ['"We have given them ever', 'source', 'the envoy'],
      ['"We have given them ever', 'cue', 'told'],
      ['"The patience\nof our par', 'source', 'the envoy'],
      ['"The patience\nof our par', 'cue', 'told'],
      ['the statement, which Rah', 'source', 'Analysts'],
      ['the statement, which Rah', 'cue', 'said'],
    ]);
    expect(links['wire/2011-10-05-talks']!.filter((l) => l[1] === 'source').map((l) => l[2])).toEqual(['The foreign ministry', 'Minister Hina Qadir', 'Qadir', 'some papers', 'the organisers']);

    const out = path.join(dir, 'out');
    expect((await run('export', corpus, '--format', 'brat', '--annotator', 'parc', '--out', out)).code).toBe(0);
    for (const rel of DOCS) expect(strictCanon(await readAnn(out, rel))).toEqual(strictCanon(await readAnn(FIXTURE, rel), { Content: 'QUOTE', Source: 'SOURCE', Cue: 'CUE' }));
  });
});

describe('brat attribution corpus, exported as JSONL', () => {
  it('validates against the JSON Schema and gives Python the same quote texts', async () => {
    expect((await run('import', corpus, '--format', 'brat', '--annotator', 'parc', source)).code).toBe(0);
    const out = path.join(dir, 'parc.jsonl');
    expect((await run('export', corpus, '--format', 'jsonl', '--annotator', 'parc', '--out', out)).code).toBe(0);
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const line of (await fs.readFile(out, 'utf8')).trim().split('\n')) {
      const record = JSON.parse(line);
      expect(ajv.validate(schema, record), JSON.stringify(ajv.errors)).toBe(true);
      for (const s of record.spans) expect(Array.from(record.text as string).slice(s.start, s.end).join('')).toBe(s.text);
    }
  });
});

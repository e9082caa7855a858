import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { canonicalAnn, parseAnn } from '../../shared/formats/brat-ann.js';
import schema from '../../shared/formats/quotebench-jsonl.schema.json' with { type: 'json' };
import { defaultProject, type AnnotationFile, type ProjectFile } from '../../shared/model.js';
import { createApp } from './app.js';
import { LayerStore } from './store/annotations.js';
import { freeKey, importLayer } from './formats/import.js';
import { readProject as foldedProject } from './store/project.js';
import { runQuotebench } from '../tooling/testing/run-cli.js';

/** Two articles; the first starts with an emoji so code points and UTF-16 differ. */
const A = '👍 Minister Qureishi said the plan worked, she added, for every town.\nIt is fair, officials said.\n';
const B = 'Ilse Vandermeer said: “We were never asked.”\n';
const cp = (text: string, needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;
const range = (text: string, needle: string) => `${cp(text, needle)} ${cp(text, needle) + Array.from(needle).length}`;

/** An attribution corpus as brat writes it: Source / Cue / Content tied by events. */
const ANN_A = [
  `T1\tSource ${range(A, 'Qureishi')}\tQureishi`,
  `T2\tCue ${range(A, 'said the')}`.replace(/ (\d+)$/, (_, n) => ` ${Number(n) - 4}`) + '\tsaid',
  `T3\tContent ${range(A, 'the plan worked')};${range(A, 'for every town')}\tthe plan worked for every town`,
  `T4\tAttribution ${range(A, 'said the')}`.replace(/ (\d+)$/, (_, n) => ` ${Number(n) - 4}`) + '\tsaid',
  `T5\tContent ${range(A, 'It is fair')}\tIt is fair`,
  `T6\tSource ${range(A, 'officials')}\tofficials`,
  'R1\tCoref Arg1:T1 Arg2:T6',
  'E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3 Content2:T5',
  'A1\tNested T3',
  'A2\tType T5 Indirect',
  'N1\tReference T1 Wikidata:Q42\tFarhana Qureishi',
  '#1\tAnnotatorNotes T3\tcheck the second piece',
].join('\n');
const ANN_B = [`T1\tSource ${range(B, 'Ilse Vandermeer')}\tIlse Vandermeer`, `T2\tContent ${range(B, '“We were never asked.”')}\t“We were never asked.”`, `T3\tCue ${range(B, 'said')}\tsaid`, 'E1\tAttribution:T3 Source:T1 Cue:T3 Content:T2'].join('\n');

let dir: string;
let corpus: string;
let bratDir: string;

const run = runQuotebench;

async function readLayer(annotator: string, docId: string): Promise<AnnotationFile | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', annotator, `${docId}.json`), 'utf8')) as AnnotationFile;
  } catch {
    return null;
  }
}

async function readProject(): Promise<ProjectFile> {
  return foldedProject(corpus);
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-import-'));
  corpus = path.join(dir, 'corpus');
  bratDir = path.join(dir, 'brat');
  await fs.mkdir(path.join(corpus, 'sub'), { recursive: true });
  await fs.writeFile(path.join(corpus, 'a.txt'), A);
  await fs.writeFile(path.join(corpus, 'sub', 'b.txt'), B);
  await fs.mkdir(path.join(bratDir, 'sub'), { recursive: true });
  await fs.writeFile(path.join(bratDir, 'a.ann'), ANN_A);
  await fs.writeFile(path.join(bratDir, 'sub', 'b.ann'), ANN_B);
});

describe('brat import', () => {
  it('with --map, each quote is linked to its source mention and cue, and unknown labels join the schema', async () => {
    const r = await run('import', corpus, '--format', 'brat', '--annotator', 'parc', '--map', 'Content=QUOTE,Source=SOURCE,Cue=CUE', bratDir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Imported into parc: 2 documents, 9 spans/);
    const layer = (await readLayer('parc', 'a.txt'))!;
    const byQuote = (q: string) => layer.spans.find((s) => s.quote === q)!;
    const content = layer.spans.find((s) => s.quote.startsWith('the plan'))!;
    expect(content).toMatchObject({ label: 'QUOTE', start: cp(A, 'the plan'), end: cp(A, 'for every town') + 14, attrs: { Nested: '' }, note: 'check the second piece' });
    expect(content.fragments).toEqual([
      [cp(A, 'the plan'), cp(A, 'the plan') + 15],
      [cp(A, 'for every town'), cp(A, 'for every town') + 14],
    ]);
    const links = (head: string) => layer.relations.filter((x) => x.head === head).map((x) => [x.label, layer.spans.find((s) => s.id === x.child)?.quote]);
    expect(links(content.id)).toEqual([
      ['source', 'Qureishi'],
      ['cue', 'said'],
    ]);
    expect(links(byQuote('It is fair').id)).toEqual([
      ['source', 'Qureishi'],
      ['cue', 'said'],
    ]);
    expect(byQuote('Qureishi').norms).toEqual([{ type: 'Reference', ref: 'Wikidata:Q42', text: 'Farhana Qureishi' }]);
    expect(layer.events?.[0]?.args.map((a) => a.role)).toEqual(['Source', 'Cue', 'Content', 'Content2']);
    const project = await readProject();
    expect(project.schema.labels.map((l) => l.name)).toEqual(['QUOTE', 'CLAIM', 'SOURCE', 'CUE', 'Attribution']);
    expect((await readLayer('parc', 'sub/b.txt'))!.spans).toHaveLength(3);

    // The app sees the links: the quote's inspector data is the same relations.
    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
    await app.dispatch('setAnnotator', { name: 'parc' });
    const opened = await app.dispatch('getDocument', { docId: 'a.txt' });
    const value = (opened.ok ? opened.value : null) as { relations: { head: string; label: string }[] } | null;
    expect(value?.relations.filter((x) => x.head === content.id).map((x) => x.label)).toEqual(['source', 'cue']);
    await app.close();
  });

  it('brat in, brat out reproduces every T, R, E, A, N and # line; only ids are renumbered', async () => {
    expect((await run('import', corpus, '--format', 'brat', '--annotator', 'parc', bratDir)).code).toBe(0);
    const out = path.join(dir, 'out');
    const r = await run('export', corpus, '--format', 'brat', '--annotator', 'parc', '--out', out);
    expect(r.code).toBe(0);
    for (const [rel, ann, text] of [
      ['a', ANN_A, A],
      ['sub/b', ANN_B, B],
    ] as const) {
      expect(await fs.readFile(path.join(out, `${rel}.txt`), 'utf8')).toBe(text);
      const written = parseAnn(await fs.readFile(path.join(out, `${rel}.ann`), 'utf8'));
      expect(written.problems).toEqual([]);
      expect(canonicalAnn(written.doc)).toEqual(canonicalAnn(parseAnn(ann).doc));
    }
    // A second export into the same, now non-empty, folder is refused.
    expect((await run('export', corpus, '--format', 'brat', '--annotator', 'parc', '--out', out)).code).toBe(1);
  });

  it('refuses text that differs from the document, with file, line, expected and found, and writes nothing', async () => {
    await fs.writeFile(path.join(bratDir, 'sub', 'b.ann'), ANN_B.replace('\tIlse Vandermeer', '\tIlse Vandermer'));
    await fs.writeFile(path.join(bratDir, 'ghost.ann'), 'T1\tSource 0 3\tabc');
    const r = await run('import', corpus, '--format', 'brat', '--annotator', 'parc', bratDir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('import refused, nothing was written');
    expect(r.err).toContain(`b.ann:1: T1 Source ${range(B, 'Ilse Vandermeer')}: expected "Ilse Vandermer", found "Ilse Vandermeer"`);
    expect(r.err).toContain('ghost.ann: no document ghost.txt in the corpus');
    expect(await readLayer('parc', 'a.txt')).toBeNull();
    await expect(fs.stat(path.join(corpus, '.quotebench', 'annotations', 'parc'))).rejects.toThrow();
  });

  it('--dry-run prints the plan and writes nothing; a layer with spans is replaced only with --replace', async () => {
    const dry = await run('import', corpus, '--format', 'brat', '--annotator', 'parc', '--dry-run', bratDir);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Dry run: would import into parc: 2 documents');
    expect(dry.out).toContain('sub/b.txt: 3 spans');
    expect(await readLayer('parc', 'a.txt')).toBeNull();
    // Not even the new labels: the project file was never written.
    await expect(fs.stat(path.join(corpus, '.quotebench'))).rejects.toThrow();
    expect((await run('import', corpus, '--format', 'brat', '--annotator', 'parc', bratDir)).code).toBe(0);
    const again = await run('import', corpus, '--format', 'brat', '--annotator', 'parc', bratDir);
    expect(again.code).toBe(1);
    expect(again.err).toContain('parc already has 6 spans there (use --replace');
    expect((await run('import', corpus, '--format', 'brat', '--annotator', 'parc', '--replace', bratDir)).code).toBe(0);
  });

  it('bad flags exit 2 with one line', async () => {
    const bad = await run('import', corpus, '--format', 'brat', '--annotator', 'parc', '--map', 'Content', bratDir);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect((await run('import', corpus, '--format', 'conll', '--annotator', 'parc', bratDir)).code).toBe(2);
    expect((await run('import', corpus, '--format', 'brat', bratDir)).code).toBe(2);
    expect((await run('import', '--help')).out).toContain('--map FROM=TO');
  });
});

describe('jsonl and prodigy import', () => {
  it('JSONL export, import into a new layer, export again: the same data', async () => {
    expect((await run('import', corpus, '--format', 'brat', '--annotator', 'parc', '--map', 'Content=QUOTE,Source=SOURCE,Cue=CUE', bratDir)).code).toBe(0);
    const first = path.join(dir, 'first.jsonl');
    expect((await run('export', corpus, '--format', 'jsonl', '--annotator', 'parc', '--out', first)).code).toBe(0);
    const imported = await run('import', corpus, '--format', 'jsonl', '--annotator', 'copy', first);
    expect(imported.err).toBe('');
    const second = path.join(dir, 'second.jsonl');
    expect((await run('export', corpus, '--format', 'jsonl', '--annotator', 'copy', '--out', second)).code).toBe(0);
    const strip = (t: string) => t.trim().split('\n').map((l) => ({ ...JSON.parse(l), annotator: null }));
    expect(strip(await fs.readFile(second, 'utf8'))).toEqual(strip(await fs.readFile(first, 'utf8')));
    // Events, derived links, norms and flags all fit the published schema.
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const line of strip(await fs.readFile(first, 'utf8'))) expect(validate({ ...line, annotator: 'parc' }), JSON.stringify(validate.errors)).toBe(true);
    expect(strip(await fs.readFile(first, 'utf8'))[0].events[0].args.map((a: { role: string }) => a.role)).toEqual(['Source', 'Cue', 'Content', 'Content2']);
  });

  it('prodigy lines are matched by text when the id is unknown; a wrong offset is refused with the line', async () => {
    const start = cp(B, '“');
    const good = { text: B, meta: { source: 'x' }, spans: [{ start, end: start + 22, label: 'quote' }] };
    const file = path.join(dir, 'p.jsonl');
    await fs.writeFile(file, JSON.stringify(good) + '\n');
    const r = await importLayer(corpus, file, { format: 'prodigy', annotator: 'pro', map: { quote: 'QUOTE' } });
    expect(r.problems).toEqual([]);
    expect((await readLayer('pro', 'sub/b.txt'))!.spans[0]).toMatchObject({ label: 'QUOTE', quote: '“We were never asked.”' });
    await fs.writeFile(file, '\n' + JSON.stringify({ ...good, spans: [{ start: start + 1, end: start + 23, label: 'QUOTE', text: '“We were never asked.”' }] }) + '\n{not json\n');
    const bad = await importLayer(corpus, file, { format: 'prodigy', annotator: 'pro2' });
    expect(bad.written).toBe(false);
    expect(bad.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(bad.problems[0]!.message).toContain('expected "“We were never asked.”", found "We were never asked.”');
    expect(await readLayer('pro2', 'sub/b.txt')).toBeNull();
  });
});

describe('export and import from the app (jobs)', () => {
  it('exports into .quotebench/exports with progress, and imports that file into a new layer', async () => {
    expect((await run('import', corpus, '--format', 'brat', '--annotator', 'parc', '--map', 'Content=QUOTE,Source=SOURCE,Cue=CUE', bratDir)).code).toBe(0);
    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
    const call = async (m: string, a: unknown) => {
      const r = await app.dispatch(m, a);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as any;
    };
    const finished = async (jobId: string) => {
      for (;;) {
        const job = await call('getJob', { jobId });
        if (job.finished) return job;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await call('setAnnotator', { name: 'parc' });
    const exported = await finished((await call('exportData', { format: 'jsonl' })).jobId);
    expect(exported).toMatchObject({ kind: 'export', error: null, done: 2, total: 2, exported: { documents: 2, records: 2, problems: 0 } });
    expect(path.dirname(exported.exported.path)).toBe(path.join(corpus, '.quotebench', 'exports'));
    expect((await fs.readFile(exported.exported.path, 'utf8')).trim().split('\n')).toHaveLength(2);
    // "only documents marked done" (the CLI's --status done): none yet, then the one marked done.
    expect((await finished((await call('exportData', { format: 'jsonl', status: 'done' })).jobId)).exported).toMatchObject({ documents: 0, records: 0 });
    await call('setStatus', { docId: 'sub/b.txt', status: 'done' });
    const onlyDone = await finished((await call('exportData', { format: 'jsonl', status: 'done' })).jobId);
    expect((await fs.readFile(onlyDone.exported.path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['sub/b.txt']);

    const dry = await finished((await call('importData', { format: 'jsonl', source: exported.exported.path, annotator: 'copy', dryRun: true })).jobId);
    expect(dry.imported).toMatchObject({ written: false, problems: [] });
    expect(await readLayer('copy', 'a.txt')).toBeNull();
    const done = await finished((await call('importData', { format: 'jsonl', source: exported.exported.path, annotator: 'copy' })).jobId);
    expect(done.imported.written).toBe(true);
    expect((await readLayer('copy', 'a.txt'))!.spans).toHaveLength(6);
    // The app's own view of the registry saw the import (no stale in-memory project).
    expect((await call('getProject', {})).schema.labels.map((l: { name: string }) => l.name)).toContain('Attribution');

    const refused = await app.dispatch('importData', { format: 'brat', source: exported.exported.path, annotator: 'x' });
    expect(refused.ok).toBe(false);
    expect((await app.dispatch('importData', { format: 'jsonl', source: 'relative/path.jsonl', annotator: 'x' })).ok).toBe(false);
    expect((await app.dispatch('pickImportSource', { kind: 'file' })).ok).toBe(false);

    // Another layer by name (a colleague's, adjudicated): its records, under its name; an unknown one is refused.
    await call('setAnnotator', { name: 'maria' });
    const other = await finished((await call('exportData', { format: 'jsonl', layer: 'copy' })).jobId);
    expect(path.basename(other.exported.path)).toMatch(/^copy-jsonl-/);
    expect((await fs.readFile(other.exported.path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l).annotator)).toEqual(['copy', 'copy']);
    const unknown = await app.dispatch('exportData', { format: 'jsonl', layer: 'nobody' });
    expect(unknown.ok ? null : unknown.error.message).toBe('There is no layer "nobody" in this corpus.');
    await app.close();

    // The desktop app (a native dialog exists): only a path the dialog chose in this session is read.
    let answer: string | null = exported.exported.path;
    const desktop = await createApp({ settingsDir: path.join(dir, 's2'), mode: 'electron', initialCorpus: corpus, pickPath: async () => answer });
    await desktop.dispatch('setAnnotator', { name: 'parc' });
    const typed = await desktop.dispatch('importData', { format: 'jsonl', source: exported.exported.path, annotator: 'typed', dryRun: true });
    expect(typed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(!typed.ok && typed.error.message).toMatch(/Browse/);
    expect(await desktop.dispatch('pickImportSource', { kind: 'file' })).toEqual({ ok: true, value: { path: exported.exported.path } });
    expect((await desktop.dispatch('importData', { format: 'jsonl', source: exported.exported.path, annotator: 'typed', dryRun: true })).ok).toBe(true);
    // A cancelled dialog adds nothing; another file is still refused.
    answer = null;
    expect(await desktop.dispatch('pickImportSource', { kind: 'file' })).toEqual({ ok: true, value: null });
    expect((await desktop.dispatch('importData', { format: 'jsonl', source: onlyDone.exported.path, annotator: 'typed', dryRun: true })).ok).toBe(false);
    await desktop.close();
  });
});

describe('import edge cases', () => {
  it('says where a line is not JSON without quoting the line (the source may be any file the renderer names)', async () => {
    const file = path.join(dir, 'secret.txt');
    await fs.writeFile(file, 'TOPSECRET-1 api key\n{"id": "a.txt", "text": 1,}\n');
    const report = await importLayer(corpus, file, { format: 'jsonl', annotator: 'x', dryRun: true });
    expect(report.problems).toEqual([
      { file, line: 1, message: 'not valid JSON' },
      { file, line: 2, message: 'not valid JSON (at character 27)' },
    ]);
    expect(JSON.stringify(report)).not.toContain('TOPSECRET');
  });

  it('refuses a JSONL line whose text differs from the document, saying where', async () => {
    const file = path.join(dir, 'x.jsonl');
    await fs.writeFile(file, '\uFEFF' + JSON.stringify({ id: 'a.txt', text: A.replace('fair', 'fine'), spans: [] }) + '\n' + JSON.stringify({ id: 'nope.txt', text: 'nothing like it', spans: [] }) + '\n');
    const r = await run('import', corpus, '--format', 'jsonl', '--annotator', 'x', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`x.jsonl:1: a.txt: the text differs from the corpus file (first difference at character ${cp(A, 'fair') + 1}: expected "n.\\nIt is fine, officials said.", found "n.\\nIt is fair, officials said.")`);
    expect(r.err).toContain('x.jsonl:2: no document in the corpus has the id "nope.txt" or exactly this text');
    await expect(fs.stat(path.join(corpus, '.quotebench'))).rejects.toThrow();
  });

  it('refuses registry entries and links the API would refuse, with file and line, and writes nothing (issue 13)', async () => {
    const quote = (extra: Record<string, unknown>) => ({ id: 'q1', start: cp(A, 'the plan'), end: cp(A, 'the plan') + 8, label: 'QUOTE', text: 'the plan', ...extra });
    const speaker = (id: string, name: string) => ({ id, name, aliases: [], kind: 'person', affiliation: '', role: '' });
    const lines = [
      { id: 'a.txt', text: A, spans: [quote({ speaker: '../../evil id <script>' })], speakers: [speaker('../../evil id <script>', 'Evil')] },
      { id: 'sub/b.txt', text: B, spans: [quote({ start: 0, end: 4, text: 'Ilse', speaker: 'sp_big' })].map((s) => ({ ...s, id: 'q2' })), speakers: [speaker('sp_big', 'N'.repeat(300_000))] },
      { id: 'a.txt', text: A, spans: [quote({ stance: 'FAVOR', target: 't_long' })], targets: [{ id: 't_long', label: 'T'.repeat(50_000) }] },
      {
        id: 'sub/b.txt',
        text: B,
        spans: [
          { id: 'h', start: 0, end: 4, label: 'SOURCE', text: 'Ilse' },
          { id: 'c', start: 5, end: 15, label: 'QUOTE', text: 'Vandermeer' },
        ],
        relations: [{ head: 'c', child: 'h', label: '<b onclick="x()">source</b>' }],
      },
    ];
    const file = path.join(dir, 'bad.jsonl');
    await fs.writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const report = await importLayer(corpus, file, { format: 'jsonl', annotator: 'x' });
    const where = report.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`);
    expect(where).toContain('bad.jsonl:1: a.txt: span 1: speakerId: must be 1-64 letters, digits, _ or -');
    expect(where).toContain('bad.jsonl:1: speaker 1: id: must be 1-64 letters, digits, _ or -');
    expect(where).toContain('bad.jsonl:2: speaker 1: name: Too big: expected string to have <=200 characters');
    expect(where).toContain('bad.jsonl:3: target 1: label: Too big: expected string to have <=300 characters');
    expect(where).toContain('bad.jsonl:4: sub/b.txt: relation 1: label: must start with a letter and use letters, digits, _ . : or - (64 at most)');
    // No message carries the 300,000-character name or the markup.
    expect(Math.max(...where.map((w) => w.length))).toBeLessThan(200);
    expect(where.join('\n')).not.toContain('<b');
    expect(report.written).toBe(false);
    await expect(fs.stat(path.join(corpus, '.quotebench', 'annotations'))).rejects.toThrow();
    await expect(fs.stat(path.join(corpus, '.quotebench', 'project.json'))).rejects.toThrow();
  });

  it('refuses an import that would take the schema past 40 labels', async () => {
    const spans = Array.from({ length: 37 }, (_, k) => ({ id: `s${k}`, start: 2, end: 10, label: `L${k}`, text: 'Minister' }));
    const file = path.join(dir, 'labels.jsonl');
    await fs.writeFile(file, JSON.stringify({ id: 'a.txt', text: A, spans }) + '\n');
    const report = await importLayer(corpus, file, { format: 'jsonl', annotator: 'x' });
    expect(report.problems.map((p) => p.message)).toEqual(['the schema would have 41 labels, more than 40 (map the new ones onto existing labels with --map)']);
    expect(report.written).toBe(false);
  });

  it('matches a JSONL line whose id the corpus does not know to the document with exactly its text', async () => {
    const start = cp(B, '“');
    const file = path.join(dir, 'moved.jsonl');
    await fs.writeFile(file, JSON.stringify({ id: 'elsewhere/renamed.txt', text: B, spans: [{ id: 's_1', start, end: start + 22, label: 'QUOTE', text: '“We were never asked.”' }] }) + '\n');
    const r = await run('import', corpus, '--format', 'jsonl', '--annotator', 'moved', file);
    expect(r.err).toBe('');
    expect((await readLayer('moved', 'sub/b.txt'))!.spans.map((s) => [s.id, s.quote])).toEqual([['s_1', '“We were never asked.”']]);
  });

  it('leaves out Prodigy lines answered reject or ignore, and matches the rest by text', async () => {
    const start = cp(B, '“');
    const span = { start, end: start + 22, label: 'QUOTE', text: '“We were never asked.”' };
    const file = path.join(dir, 'p.jsonl');
    await fs.writeFile(file, [{ text: B, spans: [span], answer: 'accept' }, { text: 'not in the corpus', spans: [], answer: 'reject' }, { text: A, spans: [], answer: 'ignore' }].map((x) => JSON.stringify(x)).join('\n'));
    const r = await run('import', corpus, '--format', 'prodigy', '--annotator', 'pro', file);
    expect(r.err).toBe('');
    expect(r.out).toBe('Imported into pro: 1 documents, 1 spans, 0 links; 2 rejected or ignored lines left out\n');
    expect(await readLayer('pro', 'a.txt')).toBeNull();
  });

  it('gives a renamed label its current name, and new labels a colour and a free key', async () => {
    const project = defaultProject();
    project.schema.labels[0] = { ...project.schema.labels[0]!, name: 'Quotation', formerNames: ['QUOTE'] };
    await fs.mkdir(path.join(corpus, '.quotebench'));
    await fs.writeFile(path.join(corpus, '.quotebench', 'project.json'), JSON.stringify(project));
    const r = await run('import', corpus, '--format', 'brat', '--annotator', 'parc', '--map', 'Content=QUOTE,Source=SOURCE,Cue=CUE', bratDir);
    expect(r.code).toBe(0);
    expect((await readLayer('parc', 'sub/b.txt'))!.spans.map((s) => s.label).sort()).toEqual(['CUE', 'Quotation', 'SOURCE']);
    const added = (await readProject()).schema.labels.slice(4);
    expect(added).toEqual([{ name: 'Attribution', color: expect.stringMatching(/^#[0-9a-f]{6}$/), key: 'b', attributes: [] }]);
  });

  it('chooses a label\'s first letter as its key when free, else another free one, else none', () => {
    expect(freeKey('Bias', new Set(['q']))).toBe('b');
    expect(freeKey('Attribution', new Set(['q', 'b']))).toBe('c');
    expect(freeKey('Zed', new Set([...'abcdefghijklmnopqrstuvwxyz0123456789']))).toBe('');
  });

  it('refuses to import over a layer file it cannot read', async () => {
    const file = path.join(corpus, '.quotebench', 'annotations', 'parc', 'a.txt.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '{"spans": [');
    const r = await run('import', corpus, '--format', 'brat', '--annotator', 'parc', '--replace', bratDir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/a\.txt: The annotation file for a\.txt .*Repair or remove it before importing/);
    expect(await fs.readFile(file, 'utf8')).toBe('{"spans": [');
    expect(await readLayer('parc', 'sub/b.txt')).toBeNull();
  });

  it('brat export leaves out spans whose text changed (and their links), and what it writes imports again', async () => {
    expect((await run('import', corpus, '--format', 'brat', '--annotator', 'parc', bratDir)).code).toBe(0);
    const file = path.join(corpus, '.quotebench', 'annotations', 'parc', 'a.txt.json');
    const layer = JSON.parse(await fs.readFile(file, 'utf8')) as AnnotationFile;
    const stale = layer.spans.find((s) => s.quote === 'officials')!;
    stale.quote = 'official';
    await fs.writeFile(file, JSON.stringify(layer));
    const out = path.join(dir, 'out');
    const r = await run('export', corpus, '--format', 'brat', '--annotator', 'parc', '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`left out a.txt ${stale.id}: the text at ${stale.start}-${stale.end} is no longer "official"`);
    const ann = parseAnn(await fs.readFile(path.join(out, 'a.ann'), 'utf8')).doc;
    expect(ann.entities.map((t) => t.text)).not.toContain('officials');
    expect(ann.relations).toEqual([]);
    await fs.rm(path.join(out, 'sub'), { recursive: true });
    const again = await run('import', corpus, '--format', 'brat', '--annotator', 'again', out);
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
  });
});

describe('a write that fails part way', () => {
  it('puts back every layer file and the registry as they were, and says so', async () => {
    expect((await run('import', corpus, '--format', 'brat', '--annotator', 'parc', bratDir)).code).toBe(0);
    const jsonl = path.join(dir, 'parc.jsonl');
    expect((await run('export', corpus, '--format', 'jsonl', '--annotator', 'parc', '--out', jsonl)).code).toBe(0);
    // A layer that already has a.txt (no events) and no sub/b.txt; the import would add a label and events.
    const keep = path.join(dir, 'keep.jsonl');
    await fs.writeFile(keep, JSON.stringify({ id: 'a.txt', text: A, spans: [{ start: 2, end: 10, label: 'QUOTE', text: 'Minister' }] }) + '\n');
    expect((await run('import', corpus, '--format', 'jsonl', '--annotator', 'roll', keep)).code).toBe(0);
    const layerBefore = await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'roll', 'a.txt.json'), 'utf8');
    const projectBefore = await foldedProject(corpus);

    // The store fails on the second document, after the registry and a.txt are written.
    class FailingStore extends LayerStore {
      override async mutate<T>(docId: string, sha: string, change: (layer: AnnotationFile) => T) {
        if (docId === 'sub/b.txt') throw new Error('ENOSPC: no space left on device');
        return super.mutate(docId, sha, change);
      }
    }
    const store = new FailingStore(corpus, 'roll');
    const mapped = { Source: 'SPEAKER_MENTION' };
    await expect(importLayer(corpus, jsonl, { format: 'jsonl', annotator: 'roll', replace: true, store, map: mapped })).rejects.toThrow(
      'Import stopped while writing (ENOSPC: no space left on device); what it had written was put back, nothing changed.',
    );
    const after = (await readLayer('roll', 'a.txt'))!;
    const was = JSON.parse(layerBefore) as AnnotationFile;
    expect({ ...after, updated: null }).toEqual({ ...was, updated: null });
    expect(await readLayer('roll', 'sub/b.txt')).toBeNull();
    expect(await foldedProject(corpus)).toEqual(projectBefore);

    // A layer file that did not exist before is removed again.
    await expect(importLayer(corpus, jsonl, { format: 'jsonl', annotator: 'fresh', store: new (class extends FailingStore {})(corpus, 'fresh') })).rejects.toThrow(/put back/);
    expect(await readLayer('fresh', 'a.txt')).toBeNull();
  });
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './services/app.js';
import { readProject } from './services/project.js';
import { defaultProject } from '../shared/model.js';
import { runQuotebench } from './services/testing/run-cli.js';

let dir: string;
let corpus: string;

const run = runQuotebench;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-cli-'));
  corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, 'a.txt'), 'Alpha\n“Yes,” she said.\n');
  await fs.writeFile(path.join(corpus, 'b.txt'), 'Beta\nNo.\n');
  await fs.writeFile(path.join(corpus, 'bad.txt'), Buffer.from([0xff, 0xfe, 0x41]));
  const app = await createApp({ settingsDir: path.join(dir, 'settings'), mode: 'browser', initialCorpus: corpus });
  for (const [name, labels] of [['ana', ['QUOTE', 'CUE']], ['ben', ['QUOTE']]] as const) {
    await app.dispatch('setAnnotator', { name });
    for (const [i, label] of labels.entries()) await app.dispatch('createSpan', { docId: 'a.txt', start: 6 + i, end: 12 + i, label });
  }
  await app.dispatch('setStatus', { docId: 'a.txt', status: 'done' });
});

describe('quotebench stats', () => {
  it('prints exact counts as JSON', async () => {
    const { code, out } = await run('stats', corpus, '--json');
    expect(code).toBe(0);
    const s = JSON.parse(out);
    expect(s.documents).toBe(2);
    expect(s.skipped).toEqual([{ id: 'bad.txt', reason: 'not-utf8', message: 'not valid UTF-8 (invalid byte at offset 0)' }]);
    expect(s.annotators).toEqual([
      { name: 'ana', documents: 1, spans: 2, byLabel: { QUOTE: 1, CUE: 1 }, byStatus: { todo: 1, 'in-progress': 1, done: 0 } },
      { name: 'ben', documents: 1, spans: 1, byLabel: { QUOTE: 1 }, byStatus: { todo: 1, 'in-progress': 0, done: 1 } },
    ]);
    expect(s.spansByLabel).toEqual({ QUOTE: 2, CUE: 1 });
    expect(s.totalSpans).toBe(3);
  });

  it('counts a renamed label under its current name', async () => {
    const file = path.join(corpus, '.quotebench', 'project.json');
    const project = defaultProject();
    project.schema.labels[0] = { ...project.schema.labels[0]!, name: 'QUOTATION', formerNames: ['QUOTE'] };
    await fs.writeFile(file, JSON.stringify(project));
    const s = JSON.parse((await run('stats', corpus, '--json')).out);
    expect(s.spansByLabel).toEqual({ QUOTATION: 2, CUE: 1 });
    expect(s.annotators.map((a: { byLabel: Record<string, number> }) => a.byLabel)).toEqual([{ QUOTATION: 1, CUE: 1 }, { QUOTATION: 1 }]);
  });

  it('prints a readable table', async () => {
    const { code, out } = await run('stats', corpus);
    expect(code).toBe(0);
    expect(out).toContain('Documents: 2');
    expect(out).toContain('bad.txt: not valid UTF-8');
    expect(out).toContain('ana: 2 spans in 1 documents (QUOTE 1, CUE 1)');
  });
});

describe('bad input', () => {
  it('exits 2 with one line for each mistake', async () => {
    const cases: [string[], RegExp][] = [
      [['stats'], /needs a CORPUS/],
      [['stats', path.join(dir, 'missing')], /no such folder/],
      [['stats', path.join(corpus, 'a.txt')], /not a folder/],
      [['stats', corpus, '--bogus'], /stats: Unknown option '--bogus'/],
      [['serve', corpus, '--port', 'abc'], /--port must be a number/],
      [['serve', corpus, '--port', '70000'], /--port must be a number/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['import', corpus, '--format', 'brat', '--annotator', 'ana'], /import: give CORPUS and SOURCE/],
      [['import', corpus, '--annotator', 'ana', dir], /import: --format must be one of brat, jsonl, prodigy/],
      [['import', corpus, '--format', 'jsonl', '--annotator', 'a/b', dir], /import: --annotator NAME is required/],
      [['import', corpus, '--format', 'jsonl', '--annotator', 'ana', '--map', 'Content=9X', dir], /import: --map "Content=9X" is not FROM=TO/],
      [['import', corpus, '--format', 'jsonl', '--annotator', 'ana', '--dry', dir], /import: Unknown option '--dry'/],
      [['export', corpus, '--format', 'brat', '--annotator', 'ana', '--out', '-'], /brat writes a folder/],
      [['import', corpus, '--format', 'jsonl', '--annotator', 'ana', path.join(dir, 'missing.jsonl')], /import: no such file: /],
      [['import', corpus, '--format', 'brat', '--annotator', 'ana', path.join(dir, 'missing')], /import: no such folder: /],
      [['import', corpus, '--format', 'brat', '--annotator', 'ana', path.join(corpus, 'a.txt')], /brat reads a folder of \.ann files, and .* is not a folder/],
      [['import', corpus, '--format', 'jsonl', '--annotator', 'ana', corpus], /jsonl reads a \.jsonl file, and .* is not a file/],
      [['agreement', corpus, '--annotators', 'ana'], /needs at least two names/],
      [['export', corpus, '--format', 'jsonl', '--annotator', 'ana'], /--out PATH is required/],
      [['suggest'], /suggest needs a CORPUS/],
      [['suggest', corpus], /suggest: --annotator NAME is required/],
      [['suggest', corpus, '--annotator', 'ana', '--dryrun'], /suggest: Unknown option '--dryrun'/],
      // Every command: an unknown flag, and a CORPUS that is not there.
      [['serve', corpus, '--bogus'], /^quotebench: serve: Unknown option '--bogus'/],
      [['export', corpus, '--bogus'], /^quotebench: export: Unknown option '--bogus'/],
      [['agreement', corpus, '--bogus'], /^quotebench: agreement: Unknown option '--bogus'/],
      [['serve', path.join(dir, 'missing')], /^quotebench: no such folder: /],
      [['export', path.join(dir, 'missing'), '--format', 'jsonl', '--annotator', 'ana', '--out', '-'], /^quotebench: no such folder: /],
      [['import', path.join(dir, 'missing'), '--format', 'jsonl', '--annotator', 'ana', path.join(dir, 'x.jsonl')], /^quotebench: no such folder: /],
      [['agreement', path.join(dir, 'missing'), '--annotators', 'ana,ben'], /^quotebench: no such folder: /],
      [['suggest', path.join(dir, 'missing'), '--annotator', 'ana'], /^quotebench: no such folder: /],
    ];
    for (const [argv, message] of cases) {
      const { code, err, out } = await run(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err.startsWith('quotebench: ')).toBe(true);
      expect(out).toBe('');
    }
  });

  it('exits 1 with one line when the input is wrong: an unknown layer, a non-empty brat folder', async () => {
    const cases: [string[], RegExp][] = [
      [['export', corpus, '--format', 'jsonl', '--annotator', 'nobody', '--out', '-'], /^quotebench: export: no layer for nobody in this corpus \(layers: ana, ben\)$/],
      [['agreement', corpus, '--annotators', 'ana,nobody'], /^quotebench: no layer for nobody in this corpus/],
      [['export', corpus, '--format', 'brat', '--annotator', 'ana', '--out', corpus], /is not empty; brat exports go into a new or empty folder$/],
    ];
    for (const [argv, message] of cases) {
      const { code, err, out } = await run(...argv);
      expect(code, argv.join(' ')).toBe(1);
      expect(err.trim()).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(out).toBe('');
    }
  });

  it('documents every flag in --help', async () => {
    expect((await run('--help')).out).toContain('serve CORPUS');
    const serve = await run('serve', '--help');
    expect(serve.code).toBe(0);
    for (const flag of ['--port', '--settings-dir', '--help']) expect(serve.out).toContain(flag);
    expect((await run('stats', '--help')).out).toContain('--json');
    const main = (await run('--help')).out;
    expect(main).toContain('import CORPUS');
    expect(main).toContain('brat');
    const importHelp = await run('import', '--help');
    expect(importHelp.code).toBe(0);
    for (const flag of ['--format', 'brat | jsonl | prodigy', '--annotator', '--map FROM=TO', '--dry-run', '--replace', '--help']) expect(importHelp.out).toContain(flag);
    const exportHelp = (await run('export', '--help')).out;
    expect(exportHelp).toContain('jsonl | quotes-jsonl | quotes-csv | w3c | prodigy | brat');
    for (const flag of ['--format', '--annotator', '--out', '--status', '--bom', '--help']) expect(exportHelp).toContain(flag);
    const agreementHelp = await run('agreement', '--help');
    expect(agreementHelp.code).toBe(0);
    for (const flag of ['--annotators', '--json', '--help']) expect(agreementHelp.out).toContain(flag);
    for (const flag of ['--status S', '--bom', '--map FROM=TO', '--dry-run', '--replace']) expect(main).toContain(flag);
    expect(main).toContain('suggest CORPUS --annotator NAME');
    for (const command of ['serve', 'stats', 'export', 'import', 'agreement', 'suggest']) {
      const help = await run(command, '--help');
      expect(help.code, command).toBe(0);
      expect(help.out, command).toMatch(new RegExp(`^Usage: quotebench ${command} `));
      expect(help.out, command).toContain('-h, --help');
    }
    const suggestHelp = await run('suggest', '--help');
    expect(suggestHelp.code).toBe(0);
    for (const flag of ['--annotator NAME', '--dry-run', '--help']) expect(suggestHelp.out).toContain(flag);
  });
});

describe('quotebench suggest', () => {
  const layerOf = async (name: string, doc: string) => JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', name, doc), 'utf8'));

  it('writes suggested quotes with their cue, source and speaker into a layer, once', async () => {
    await fs.writeFile(path.join(corpus, 'c.txt'), 'Port\n“We will not move,” said Ana Ruiz. She said the port was safe.\n');
    const dry = await run('suggest', corpus, '--annotator', 'bot', '--dry-run');
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toBe('Dry run: would suggest into bot: 3 quotes (9 spans, 6 links) in 2 documents; 1 new speaker\n  a.txt: 1 quote\n  c.txt: 2 quotes\n  new speakers: Ana Ruiz\n');
    await expect(fs.stat(path.join(corpus, '.quotebench', 'annotations', 'bot'))).rejects.toThrow();

    const first = await run('suggest', corpus, '--annotator', 'bot');
    expect(first.out).toBe('Suggested into bot: 3 quotes (9 spans, 6 links) in 2 documents; 1 new speaker\n  a.txt: 1 quote\n  c.txt: 2 quotes\n');
    const layer = await layerOf('bot', 'c.txt.json');
    const project = await readProject(corpus);
    const ruiz = project.speakers.find((s: { name: string }) => s.name === 'Ana Ruiz')!;
    expect(ruiz).toMatchObject({ kind: 'person', aliases: [] });
    const brief = layer.spans.map((s: { label: string; start: number; end: number; quote: string; attrs: object; speakerId?: string }) => [s.label, s.start, s.end, s.quote, s.attrs, s.speakerId ?? null]);
    expect(brief).toEqual([
      ['QUOTE', 5, 24, '“We will not move,”', { form: 'direct' }, ruiz.id],
      ['SOURCE', 30, 38, 'Ana Ruiz', {}, ruiz.id],
      ['CUE', 25, 29, 'said', {}, null],
      ['QUOTE', 49, 66, 'the port was safe', { form: 'indirect' }, ruiz.id],
      ['SOURCE', 40, 43, 'She', {}, ruiz.id],
      ['CUE', 44, 48, 'said', {}, null],
    ]);
    expect(layer.spans[0].provenance).toMatchObject({ from: 'suggester', sourceSpanId: 'sg_5_24', decidedBy: 'bot', suggested: true });
    const [q1, s1, c1, q2, s2, c2] = layer.spans.map((s: { id: string }) => s.id);
    expect(layer.relations.map((r: { head: string; child: string; label: string }) => [r.head, r.child, r.label])).toEqual([
      [q1, s1, 'source'],
      [q1, c1, 'cue'],
      [q2, s2, 'source'],
      [q2, c2, 'cue'],
    ]);

    // Running it again adds nothing and leaves every file as it was.
    const before = await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'bot', 'c.txt.json'), 'utf8');
    const again = await run('suggest', corpus, '--annotator', 'bot');
    expect(again.out).toBe('Suggested into bot: 0 quotes (0 spans, 0 links) in 0 documents\n');
    expect(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'bot', 'c.txt.json'), 'utf8')).toBe(before);
  });

  it('leaves out quotes the layer already has, and matches names to the registry', async () => {
    // ana marked a QUOTE over 6-12 of a.txt (“Yes,”) in beforeEach: nothing new there for her.
    await fs.writeFile(path.join(corpus, 'c.txt'), 'Port\n“No,” Ms Qureishi said.\n');
    const app = await createApp({ settingsDir: path.join(dir, 'settings'), mode: 'browser', initialCorpus: corpus });
    const created = await app.dispatch('createSpeaker', { name: 'Farhana Qureshi', kind: 'person', aliases: ['Qureishi'] });
    await app.close();
    const { out } = await run('suggest', corpus, '--annotator', 'ana');
    expect(out).toBe('Suggested into ana: 1 quote (3 spans, 2 links) in 1 document\n  c.txt: 1 quote\n');
    const layer = await layerOf('ana', 'c.txt.json');
    expect(layer.spans[0]).toMatchObject({ label: 'QUOTE', quote: '“No,”', speakerId: created.ok ? (created.value as { id: string }).id : 'missing' });
  });
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './services/app.js';
import { readProject } from './services/store/project.js';
import { defaultProject } from '../shared/model.js';
import { runQuotebench } from './tooling/testing/run-cli.js';
import { printableLines } from '../shared/printable.js';

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

describe("issue 13: the corpus's own files are out of reach", () => {
  const data = (...parts: string[]) => path.join(corpus, '.quotebench', ...parts);

  /** Every file and folder under .quotebench with its size and mtime: equal before and after means nothing was written. */
  async function tree(root: string): Promise<string[]> {
    const out: string[] = [];
    async function walk(dirPath: string): Promise<void> {
      for (const e of (await fs.readdir(dirPath, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dirPath, e.name);
        const st = await fs.lstat(full);
        out.push(`${path.relative(root, full)} ${e.isDirectory() ? 'dir' : st.size} ${st.mtimeMs}`);
        if (e.isDirectory()) await walk(full);
      }
    }
    await walk(root);
    return out;
  }

  it('export refuses an --out inside .quotebench or onto an article, even with --force, and writes nothing', async () => {
    await fs.writeFile(path.join(corpus, 'dump.jsonl'), JSON.stringify({ id: 'x', text: 'Some text here.' }) + '\n');
    const before = await tree(corpus);
    const cases: [string, RegExp][] = [
      [data('project.json'), /is inside the corpus's own data folder \(\.quotebench\), where its layers and registry live; choose a path outside it$/],
      [data('annotations', 'ana', 'a.txt.json'), /is inside the corpus's own data folder/],
      [data('exports', 'new.jsonl'), /is inside the corpus's own data folder/],
      [data(), /is inside the corpus's own data folder/],
      [path.join(corpus, 'a.txt'), /is an article of the corpus \(a\.txt\); an export never replaces one$/],
      [path.join(corpus, 'dump.jsonl'), /is an article dump of the corpus \(dump\.jsonl\); an export never replaces one$/],
    ];
    for (const [out, message] of cases) {
      for (const force of [[], ['--force']]) {
        const r = await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--out', out, ...force);
        expect(r.code, out).toBe(2);
        expect(r.err.trim().split('\n'), out).toHaveLength(1);
        expect(r.err.trim(), out).toMatch(/^quotebench: export: /);
        expect(r.err.trim(), out).toMatch(message);
      }
    }
    // A link outside the corpus that points at project.json is project.json.
    await fs.symlink(data('project.json'), path.join(dir, 'innocent.jsonl'));
    const viaLink = await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--out', path.join(dir, 'innocent.jsonl'), '--force');
    expect(viaLink.code).toBe(2);
    expect(viaLink.err).toMatch(/inside the corpus's own data folder/);
    // brat, a folder: not inside .quotebench either.
    const brat = await run('export', corpus, '--format', 'brat', '--annotator', 'ana', '--out', data('exports', 'b'));
    expect(brat.code).toBe(2);
    expect(brat.err).toMatch(/inside the corpus's own data folder/);
    expect(await tree(corpus)).toEqual(before);
  });

  it('export does not replace an existing file unless --force', async () => {
    const target = path.join(dir, 'out.jsonl');
    await fs.writeFile(target, 'keep me\n');
    const refused = await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--out', target);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(`quotebench: export: ${target} already exists; give --force to replace it\n`);
    expect(await fs.readFile(target, 'utf8')).toBe('keep me\n');
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const forced = await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--out', target, '--force');
    expect(forced.code).toBe(0);
    expect(JSON.parse((await fs.readFile(target, 'utf8')).split('\n')[0]!).id).toBe('a.txt');
    const fresh = await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--out', path.join(dir, 'new.jsonl'));
    expect(fresh.code).toBe(0);
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const help = (await run('export', '--help')).out;
    expect(help).toContain('--force');
    expect((await run('--help')).out).toContain('[--force]');
  });

  it('stats writes nothing: the .quotebench tree (names, sizes, mtimes) is the same after', async () => {
    await fs.writeFile(path.join(corpus, 'new.txt'), 'A new article.\n');
    const before = await tree(data());
    const r = await run('stats', corpus, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).documents).toBe(3);
    expect(await tree(data())).toEqual(before);
  });

  it('a .quotebench that is a link is refused with a clear message, and nothing outside is read or written', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    await fs.rename(data(), elsewhere);
    await fs.writeFile(path.join(elsewhere, 'index.json'), '{"unrelated": true}\n');
    await fs.symlink(elsewhere, data());
    const before = await tree(elsewhere);
    for (const argv of [
      ['stats', corpus],
      ['export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--out', '-'],
      ['suggest', corpus, '--annotator', 'ana'],
      ['agreement', corpus, '--annotators', 'ana,ben'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv[0]).toBe(1);
      expect(r.err, argv[0]).toBe(`quotebench: ${data()} is a link (to ${elsewhere}). Quotebench keeps a corpus's own data only in real files and folders under .quotebench and never writes through a link; replace the link with the folder or file itself.\n`);
    }
    expect(await tree(elsewhere)).toEqual(before);
    expect(await fs.readFile(path.join(elsewhere, 'index.json'), 'utf8')).toBe('{"unrelated": true}\n');
  });

  it('names an id or a layer file cannot hold are listed apart and never break the other documents', async () => {
    await fs.writeFile(path.join(corpus, 'back\\slash.txt'), '“Hi,” he said.\n');
    const long = 'é'.repeat(124) + '.txt'; // 252 bytes: the file can exist, its layer file (257 bytes with .json) cannot
    await fs.writeFile(path.join(corpus, long), '“Hi,” he said.\n');
    await fs.writeFile(Buffer.concat([Buffer.from(corpus + path.sep + 'latin'), Buffer.from([0xe9]), Buffer.from('.txt')]), '“Hi,” he said.\n');
    const stats = JSON.parse((await run('stats', corpus, '--json')).out);
    expect(stats.documents).toBe(2);
    expect(stats.skipped.filter((s: { reason: string }) => s.reason === 'bad-name')).toEqual([
      { id: 'back\\slash.txt', reason: 'bad-name', message: 'the name has a backslash (\\), which a document id cannot hold (ids use / between folders); rename the file to annotate it' },
      { id: long, reason: 'bad-name', message: 'the name is too long for its annotation file (257 bytes with ".json"; file systems allow 255); rename the file to annotate it' },
      { id: 'latin\uFFFD.txt', reason: 'bad-name', message: 'the name is not valid UTF-8 (each \uFFFD stands for a byte that is not), so no document id can name it; rename it to annotate it' },
    ].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })));
    const suggest = await run('suggest', corpus, '--annotator', 'bot');
    expect(suggest.code).toBe(0);
    expect(suggest.out).toBe('Suggested into bot: 1 quote (3 spans, 2 links) in 1 document\n  a.txt: 1 quote\n');
    const exported = await run('export', corpus, '--format', 'jsonl', '--annotator', 'bot', '--out', '-');
    expect(exported.code).toBe(0);
    expect(exported.out.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a.txt']);
  });

  it('export and agreement report a damaged layer file, skip it and go on', async () => {
    await fs.writeFile(data('annotations', 'ben', 'b.txt.json'), '{ not json');
    await fs.writeFile(data('annotations', 'ana', 'b.txt.json'), JSON.stringify({ schemaVersion: 1, docId: 'b.txt', annotator: 'ana', docSha256: '', status: 'in-progress', spans: [], relations: [], updated: '' }));
    const exported = await run('export', corpus, '--format', 'jsonl', '--annotator', 'ben', '--out', '-');
    expect(exported.code).toBe(0);
    expect(exported.out.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a.txt']);
    expect(exported.err).toMatch(/^quotebench: skipped b\.txt: The annotation file for b\.txt is not valid JSON \(.*\)\.$/m);
    const agreement = await run('agreement', corpus, '--annotators', 'ana,ben', '--json');
    expect(agreement.code).toBe(0);
    const report = JSON.parse(agreement.out);
    expect(report.documents).toBe(1);
    expect(report.skipped).toEqual([{ docId: 'b.txt', annotator: 'ben', message: expect.stringMatching(/^The annotation file for b\.txt is not valid JSON/) }]);
    const table = await run('agreement', corpus, '--annotators', 'ana,ben');
    expect(table.out).toMatch(/^Skipped b\.txt \(ben\): The annotation file for b\.txt is not valid JSON/m);
    // Nothing was moved aside: these commands only read.
    expect(await fs.readFile(data('annotations', 'ben', 'b.txt.json'), 'utf8')).toBe('{ not json');
    // suggest reports the document it cannot read and does the others.
    await fs.writeFile(path.join(corpus, 'c.txt'), 'Port\n“We stay,” said Ana Ruiz.\n');
    const suggest = await run('suggest', corpus, '--annotator', 'ben');
    expect(suggest.code).toBe(0);
    expect(suggest.out).toBe('Suggested into ben: 1 quote (3 spans, 2 links) in 1 document; 1 new speaker\n  c.txt: 1 quote\n');
    expect(suggest.err).toMatch(/^quotebench: skipped b\.txt: The annotation file for b\.txt is not valid JSON \(.*\)\.\n$/);
  });

  it('a dry run or a refused import on a damaged project.json changes nothing at all', async () => {
    await fs.writeFile(data('project.json'), '{ damaged');
    const source = path.join(dir, 'in.jsonl');
    await fs.writeFile(source, JSON.stringify({ id: 'b.txt', text: 'Beta\nNo.\n', spans: [{ start: 5, end: 8, label: 'QUOTE' }] }) + '\n');
    const before = await tree(data());
    const dry = await run('import', corpus, '--format', 'jsonl', '--annotator', 'cy', '--dry-run', source);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^Dry run: would import into cy: 1 documents, 1 spans/);
    expect(await tree(data())).toEqual(before);
    await fs.writeFile(source, JSON.stringify({ id: 'b.txt', text: 'Beta\nYes.\n', spans: [] }) + '\n');
    const refused = await run('import', corpus, '--format', 'jsonl', '--annotator', 'cy', source);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^quotebench: import refused, nothing was written/m);
    expect(refused.err).toMatch(/^quotebench: project.json is not valid JSON .*; the default schema is used\.$/m);
    expect(await tree(data())).toEqual(before);
    expect(await fs.readFile(data('project.json'), 'utf8')).toBe('{ damaged');
  });

  it('control characters from bad input never reach the terminal raw', async () => {
    const brat = path.join(dir, 'brat');
    await fs.mkdir(brat);
    await fs.writeFile(path.join(brat, 'a.ann'), 'T1\tQUOTE 6 12\t\u001b[2J\u001b]0;pwned\u0007\n');
    const r = await run('import', corpus, '--format', 'brat', '--annotator', 'cy', brat);
    expect(r.code).toBe(1);
    expect(printableLines(r.err)).toBe(r.err);
    expect(r.err).toContain('\\u001b[2J');
    await fs.writeFile(path.join(corpus, 'evil\u001b[2J.txt'), Buffer.from([0xff, 0x00]));
    const stats = await run('stats', corpus);
    expect(stats.out).toContain('evil\\u001b[2J.txt: ');
    expect(stats.out).not.toContain('\u001b');
    const json = await run('stats', corpus, '--json');
    expect(json.out).not.toContain('\u001b');
    expect(JSON.parse(json.out).skipped.map((s: { id: string }) => s.id)).toContain('evil\u001b[2J.txt');
  });
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './services/app.js';
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
  });
});

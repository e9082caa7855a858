import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import schema from '../../shared/formats/quotebench-jsonl.schema.json' with { type: 'json' };
import { createApp } from './app.js';
import { readProject } from './store/project.js';
import { runQuotebench } from '../tooling/testing/run-cli.js';

let dir: string;
let corpus: string;

// Texts full of what breaks offsets: emoji with skin tone and ZWJ, combining accents, CJK, Urdu and Arabic
// (with harakat, combining marks, and a right-to-left mark), CRLF.
const texts: Record<string, string> = {
  'emoji.txt': 'Fans 👍🏽 and 👨‍👩‍👧 said: “We stay,” the mayor said.\n',
  'accents.txt': 'Cafe\u0301 owner Zoë: “Ça va.” 北京 replied “好”.\r\nSecond line, “with CRLF”.\r\n',
  'urdu.txt': 'بینر پر لکھا تھا \u200Fوَقَالَ الشَّيْخُ: “پانی سب کا حق ہے” — said the elder.\n',
};

const run = runQuotebench;

const cp = (text: string, needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-export-'));
  corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  for (const [name, text] of Object.entries(texts)) await fs.writeFile(path.join(corpus, name), text);
  const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
  const call = async (m: string, a: unknown) => {
    const r = await app.dispatch(m, a);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as any;
  };
  await call('setAnnotator', { name: 'ana' });
  const mayor = await call('createSpeaker', { name: 'The Mayor', kind: 'person', affiliation: 'Town hall', role: 'mayor' });
  const target = await call('createTarget', { label: 'staying open' });
  for (const [docId, text] of Object.entries(texts)) {
    const qStart = cp(text, '“');
    const qText = text.slice(text.indexOf('“'), text.indexOf('”') + 1);
    const q = (await call('createSpan', { docId, start: qStart, end: qStart + Array.from(qText).length, label: 'QUOTE' })).span;
    const verb = text.includes('said') ? 'said' : 'replied';
    const said = cp(text, verb);
    const cue = (await call('createSpan', { docId, start: said, end: said + verb.length, label: 'CUE' })).span;
    await call('addRelation', { docId, head: q.id, child: cue.id, label: 'cue' });
    await call('updateSpan', { docId, spanId: q.id, patch: { speakerId: mayor.id, stance: { targetId: target.id, value: 'FAVOR' }, note: 'line "one"\nline two' } });
  }
  // A two-fragment quote in the CRLF file.
  const t = texts['accents.txt']!;
  const f1 = cp(t, '“Ça va.”');
  const f2 = cp(t, '“with CRLF”');
  const two = (await call('createSpan', { docId: 'accents.txt', start: f1, end: f1 + 8, label: 'CLAIM' })).span;
  await call('updateSpan', { docId: 'accents.txt', spanId: two.id, patch: { fragments: [[f1, f1 + 8], [f2, f2 + 11]] } });
  await call('setStatus', { docId: 'urdu.txt', status: 'done' });
});

describe('quotebench export', () => {
  it('writes JSONL that matches its JSON Schema, with code point offsets', async () => {
    const out = path.join(dir, 'out.jsonl');
    const r = await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--out', out);
    expect(r).toMatchObject({ code: 0 });
    expect(r.err).toContain('exported 3 documents from 3 documents');
    const lines = (await fs.readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const l of lines) expect(validate(l), JSON.stringify(validate.errors)).toBe(true);
    const emoji = lines.find((l) => l.id === 'emoji.txt');
    const quote = emoji.spans.find((s: any) => s.label === 'QUOTE');
    expect(quote).toMatchObject({ start: 24, end: 34, text: '“We stay,”', form: 'direct', stance: 'FAVOR' });
    expect(emoji.relations).toEqual([{ id: expect.any(String), head: quote.id, child: emoji.spans.find((s: any) => s.label === 'CUE').id, label: 'cue' }]);
    expect(emoji.speakers).toMatchObject([{ name: 'The Mayor', kind: 'person' }]);
    const claim = lines.find((l) => l.id === 'accents.txt').spans.find((s: any) => s.label === 'CLAIM');
    expect(claim.fragments).toHaveLength(2);
  });

  it('JSONL of a layer made in the app (speakers, stances, targets, notes, fragments, status) imports into a new layer and exports the same', async () => {
    const first = path.join(dir, 'first.jsonl');
    expect((await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--out', first)).code).toBe(0);
    const imported = await run('import', corpus, '--format', 'jsonl', '--annotator', 'ana-copy', first);
    expect(imported.err).toBe('');
    expect(imported.out).toMatch(/^Imported into ana-copy: 3 documents, 7 spans, 3 links/);
    const second = path.join(dir, 'second.jsonl');
    expect((await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana-copy', '--out', second)).code).toBe(0);
    const records = async (file: string) => (await fs.readFile(file, 'utf8')).trim().split('\n').map((l) => ({ ...JSON.parse(l), annotator: null }));
    const [a, b] = [await records(first), await records(second)];
    expect(b).toEqual(a);
    expect(a.map((r) => r.status)).toEqual(['in-progress', 'in-progress', 'done']);
    expect(a.flatMap((r) => r.spans).filter((s: { stance?: string }) => s.stance)).toHaveLength(3);
    // The speaker and target already in the registry are reused, not copied.
    const project = await readProject(corpus);
    expect([project.speakers.length, project.targets.length]).toEqual([1, 1]);
  });

  it('JSONL keeps the provenance of accepted suggestions, and a round trip keeps it', async () => {
    expect((await run('suggest', corpus, '--annotator', 'sug')).code).toBe(0);
    const first = path.join(dir, 'sug.jsonl');
    expect((await run('export', corpus, '--format', 'jsonl', '--annotator', 'sug', '--out', first)).code).toBe(0);
    const records = async (file: string) => (await fs.readFile(file, 'utf8')).trim().split('\n').map((l) => ({ ...JSON.parse(l), annotator: null }));
    const a = await records(first);
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const l of a) expect(validate({ ...l, annotator: 'sug' }), JSON.stringify(validate.errors)).toBe(true);
    const spans = a.flatMap((r) => r.spans);
    expect(spans.length).toBeGreaterThan(0);
    for (const s of spans) expect(s.provenance).toMatchObject({ from: 'suggester', sourceSpanId: expect.stringMatching(/^sg_\d+_\d+$/), suggested: true });
    expect((await run('import', corpus, '--format', 'jsonl', '--annotator', 'sug-copy', first)).code).toBe(0);
    const second = path.join(dir, 'sug-copy.jsonl');
    expect((await run('export', corpus, '--format', 'jsonl', '--annotator', 'sug-copy', '--out', second)).code).toBe(0);
    expect(await records(second)).toEqual(a);
  });

  it('filters by status and writes to stdout with -', async () => {
    const r = await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--status', 'done', '--out', '-');
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['urdu.txt']);
  });

  it('writes a quotes CSV that parses back, with BOM, newlines and quotes escaped', async () => {
    const out = path.join(dir, 'quotes.csv');
    expect((await run('export', corpus, '--format', 'quotes-csv', '--annotator', 'ana', '--out', out, '--bom')).code).toBe(0);
    const raw = await fs.readFile(out, 'utf8');
    expect(raw.startsWith('\uFEFFdoc,quote,form,')).toBe(true);
    // No empty row anywhere (a spreadsheet would show it): the header line is followed by the first quote's row.
    expect(raw.split('\r\n')[1]).toMatch(/^(accents|emoji|urdu)\.txt,/);
    expect(raw.endsWith('\r\n')).toBe(true);
    expect(raw).not.toContain('\r\n\r\n');
    const parsed = Papa.parse<Record<string, string>>(raw.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(3);
    const row = parsed.data.find((d) => d.doc === 'emoji.txt')!;
    expect(row).toMatchObject({ quote: '“We stay,”', speaker: 'The Mayor', affiliation: 'Town hall', cue: 'said', stance: 'FAVOR', target: 'staying open', note: 'line "one"\nline two', start: '24', end: '34' });
    expect(row.sentence).toBe('Fans 👍🏽 and 👨‍👩‍👧 said: “We stay,” the mayor said.');
    // Python's csv module (what spreadsheet-minded scripts use) reads the same rows, offsets in code points.
    const script = `
import csv, sys
corpus, path = sys.argv[1:3]
assert all(csv.reader(open(path, encoding="utf-8-sig", newline=""))), "an empty row"
rows = list(csv.DictReader(open(path, encoding="utf-8-sig", newline="")))
for r in rows:
    raw = open(corpus + "/" + r["doc"], "rb").read().decode("utf-8")
    assert raw[int(r["start"]):int(r["end"])] == r["quote"], r
print(len(rows), repr(rows[0]["note"]))
`;
    expect(execFileSync('python3', ['-c', script, corpus, out], { encoding: 'utf8' }).trim()).toBe(`3 'line "one"\\nline two'`);
  });

  it('refuses bad flags with one line', async () => {
    for (const [args, msg] of [
      [['--format', 'xml', '--annotator', 'ana', '--out', '-'], /--format must be one of/],
      [['--format', 'jsonl', '--out', '-'], /--annotator NAME is required/],
      [['--format', 'jsonl', '--annotator', 'ana'], /--out PATH is required/],
      [['--format', 'jsonl', '--annotator', 'ana', '--out', '/nonexistent/x.jsonl'], /does not exist/],
      [['--format', 'jsonl', '--annotator', 'ana', '--out', '-', '--status', 'finished'], /--status must be/],
    ] as const) {
      const r = await run('export', corpus, ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('every export format agrees with Python on every offset', async () => {
    const files: Record<string, string> = {};
    for (const format of ['jsonl', 'quotes-jsonl', 'w3c', 'prodigy']) {
      files[format] = path.join(dir, `all.${format}`);
      expect((await run('export', corpus, '--format', format, '--annotator', 'ana', '--out', files[format]!)).code).toBe(0);
    }
    const script = `
import json, sys
corpus, jsonl, quotes, w3c, prodigy = sys.argv[1:6]
def doc(i):
    raw = open(corpus + "/" + i, "rb").read().decode("utf-8")
    return raw[1:] if raw.startswith("\\ufeff") else raw
n = 0
for line in open(jsonl, encoding="utf-8"):
    r = json.loads(line); t = doc(r["id"]); assert r["text"] == t
    for s in r["spans"]:
        assert t[s["start"]:s["end"]] == s["text"], (s, t[s["start"]:s["end"]]); n += 1
        for a, b in s.get("fragments", []): assert s["start"] <= a < b <= s["end"]
for line in open(quotes, encoding="utf-8"):
    q = json.loads(line); assert doc(q["doc"])[q["start"]:q["end"]] == q["quote"]; n += 1
for a in json.load(open(w3c, encoding="utf-8"))["items"]:
    for tg in (a["target"] if isinstance(a["target"], list) else [a["target"]]):
        quote, pos = tg["selector"]; t = doc(tg["source"])
        assert t[pos["start"]:pos["end"]] == quote["exact"]; assert t[:pos["start"]].endswith(quote["prefix"]); n += 1
for line in open(prodigy, encoding="utf-8"):
    r = json.loads(line)
    for s in r["spans"]: assert r["text"][s["start"]:s["end"]] == s["text"]; n += 1
print(n)
`;
    const checked = execFileSync('python3', ['-c', script, corpus, files.jsonl!, files['quotes-jsonl']!, files.w3c!, files.prodigy!], { encoding: 'utf8' });
    // 7 JSONL spans + 3 quotes + 8 W3C targets (the two-fragment span has two) + 7 Prodigy spans.
    expect(Number(checked.trim())).toBe(25);
  });

  it('writes brat: the decoded .txt and an .ann whose every T agrees with Python, one Attribution event per linked quote', async () => {
    const out = path.join(dir, 'brat');
    const r = await run('export', corpus, '--format', 'brat', '--annotator', 'ana', '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toBe('quotebench: exported 3 documents (22 annotation lines) to ' + out + '\n');
    for (const [name, text] of Object.entries(texts)) expect(await fs.readFile(path.join(out, name), 'utf8')).toBe(text);
    const emoji = (await fs.readFile(path.join(out, 'emoji.ann'), 'utf8')).trim().split('\n');
    expect(emoji).toEqual([
      'T1\tQUOTE 24 34\t“We stay,”',
      'T2\tCUE 18 22\tsaid',
      'T3\tAttribution 18 22\tsaid',
      'E1\tAttribution:T3 Cue:T2 Content:T1',
      'A1\tform T1 direct',
      '#1\tAnnotatorNotes T1\tline "one"',
      '#2\tAnnotatorNotes T1\tline two',
    ]);
    const script = `
import sys, glob, os
n = 0
for ann in glob.glob(os.path.join(sys.argv[1], "*.ann")):
    text = open(ann[:-4] + ".txt", "rb").read().decode("utf-8")
    for line in open(ann, encoding="utf-8", newline="\\n"):
        id_, rest = line.rstrip("\\n").split("\\t", 1)
        if id_.startswith("T"):
            kind, ranges = rest.split("\\t")[0].split(" ", 1)
            pieces = [tuple(map(int, r.split())) for r in ranges.split(";")]
            assert " ".join(text[a:b] for a, b in pieces) == rest.split("\\t")[1], line
            assert all("\\n" not in text[a:b] and "\\r" not in text[a:b] for a, b in pieces)
            n += 1
print(n)
`;
    // 3 quotes, 3 cues, 3 triggers and the two-fragment CLAIM.
    expect(execFileSync('python3', ['-c', script, out], { encoding: 'utf8' }).trim()).toBe('10');
  });
});

describe('docs/FORMATS.md', () => {
  const formats = () => fs.readFile(path.join(import.meta.dirname, '..', '..', 'docs', 'FORMATS.md'), 'utf8');
  /** The code block of `lang` that follows `heading` in FORMATS.md. */
  const blockAfter = (md: string, heading: string, lang: string) => {
    const from = md.indexOf(heading);
    expect(from, heading).toBeGreaterThan(-1);
    const open = md.indexOf('```' + lang + '\n', from) + lang.length + 4;
    return md.slice(open, md.indexOf('\n```', open));
  };

  it('the three-line Python and pandas snippets read a real export; the worked example is true to its offsets', async () => {
    const md = await formats();
    const file = path.join(dir, 'export.jsonl');
    expect((await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--out', file)).code).toBe(0);
    const plain = blockAfter(md, '**In Python, in three lines**', 'python');
    expect(plain.split('\n')).toHaveLength(3);
    const check = '\nassert all(t == d["text"][a:b] for d in docs for (i, l, a, b, t) in [(d["id"], s["label"], s["start"], s["end"], s["text"]) for s in d["spans"]])\nprint(len(spans))';
    expect(execFileSync('python3', ['-c', plain + check], { cwd: dir, encoding: 'utf8' }).trim()).toBe('7');
    const pandas = blockAfter(md, '**With pandas**', 'python');
    expect(pandas.split('\n')).toHaveLength(3);
    // CI installs pandas (.ci/run); elsewhere the pandas snippet runs where a python3 has it.
    const python = ['python3', '/usr/bin/python3'].find((p) => {
      try {
        execFileSync(p, ['-c', 'import pandas'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    });
    if (python || process.env.CI) {
      const rows = execFileSync(python ?? 'python3', ['-c', pandas + '\nassert all(r.text[r.span_start:r.span_end] == r.span_text for r in spans.itertuples())\nprint(len(spans))'], { cwd: dir, encoding: 'utf8' });
      expect(rows.trim()).toBe('7');
    }
    // The JSONL worked example: every span's text at its code point offsets.
    const example = JSON.parse(blockAfter(md, '**Worked example.**', 'json').replace('"cbc01b73…"', '"x"'));
    for (const s of example.spans) expect(Array.from(example.text).slice(s.start, s.end).join('')).toBe(s.text);
  });
});

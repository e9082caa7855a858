import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeArticle, writeCorpus } from '../tooling/bench/generate.js';
import { layerFile } from './store/annotations.js';
import { createApp } from './app.js';
import { Corpus } from './corpus/corpus.js';
import { exportLayer, MIN_DOCS_FOR_WORKERS, type ExportFormat, type ExportInternals, type ExportOptions } from './formats/export.js';
import { runQuotebench } from '../tooling/testing/run-cli.js';

// The same export made on one thread and by worker threads must be the same to the byte, with
// the same counts, problems (in order) and progress steps.

let dir: string;
let corpus: string;
/** Documents with a layer of ana: 150 generated articles and 3 articles of a dump. */
const WITH_LAYER = 153;
let done: string[];

const dumpLine = (id: string, seed: number) => JSON.stringify({ id, text: makeArticle(seed, 900), meta: { wire: 'AP', seed } });

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-export-par-'));
  corpus = path.join(dir, 'corpus');
  const ids = await writeCorpus(corpus, { docs: 150, spansPerDoc: 6, annotators: ['ana'], bytes: 1500 });
  await fs.writeFile(path.join(corpus, 'wire.jsonl'), [dumpLine('w1', 1), dumpLine('w2', 2), dumpLine('w3', 3)].join('\n') + '\n');
  const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus, log: () => undefined });
  const call = async (m: string, a: unknown) => {
    const r = await app.dispatch(m, a);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value as any;
  };
  await call('setAnnotator', { name: 'ana' });
  const listed: string[] = (await call('listDocuments', {})).documents.map((d: { id: string }) => d.id);
  const wire = listed.filter((id) => id.startsWith('wire'));
  expect(wire).toHaveLength(3);
  const speaker = await call('createSpeaker', { name: 'Farhana Qureishi', kind: 'person' });
  const target = await call('createTarget', { label: 'the budget' });
  for (const docId of [...wire, ids[4]!, ids[90]!]) {
    const span = (await call('createSpan', { docId, start: 0, end: 5, label: 'QUOTE' })).span;
    await call('updateSpan', { docId, spanId: span.id, patch: { speakerId: speaker.id, stance: { targetId: target.id, value: 'AGAINST' }, note: 'first "five"\nletters' } });
  }
  done = [ids[2]!, ids[47]!, ids[120]!, wire[1]!];
  for (const docId of done) await call('setStatus', { docId, status: 'done' });
  await app.close();
  // Articles changed since their layers were written: one moved (a line in front), one rewritten (orphans).
  const file = (id: string) => path.join(corpus, ...id.split('/'));
  await fs.writeFile(file(ids[3]!), 'Update: a correction was added.\n' + (await fs.readFile(file(ids[3]!), 'utf8')));
  await fs.writeFile(file(ids[7]!), makeArticle(4242, 1500));
});

interface Run {
  bytes: Buffer;
  summary: Awaited<ReturnType<typeof exportLayer>>;
  steps: [number, number][];
  warnings: string[];
}

/**
 * One export into memory. The sink copies what it is given at once; with `drain` it behaves as
 * a stream does: it holds chunks as given (no copy) and writes them out only when, every third
 * chunk, it answers a promise and "drains" them. Buffers lent to it are then used again, so an
 * export that reused one too early would lose or garble bytes here.
 */
async function run(options: Omit<ExportOptions, 'progress' | 'warn'>, internals?: ExportInternals, drain = false): Promise<Run> {
  const chunks: Buffer[] = [];
  const steps: [number, number][] = [];
  const warnings: string[] = [];
  let held: (string | Uint8Array)[] = [];
  const copy = (chunk: string | Uint8Array) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  const sink = (chunk: string | Uint8Array) => {
    if (!drain) return void copy(chunk);
    held.push(chunk);
    if (held.length < 3) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        held.forEach(copy);
        held = [];
        resolve();
      }),
    );
  };
  const summary = await exportLayer(corpus, { ...options, progress: (n, total) => steps.push([n, total]), warn: (m) => warnings.push(m) }, sink, internals);
  held.forEach(copy);
  return { bytes: Buffer.concat(chunks), summary, steps, warnings };
}

/** All batches to the workers; batches 1, 4, 7… formatted by this thread and the rest by workers. */
const ALL_TO_WORKERS: ExportInternals = { minDocsForWorkers: 0, mainTakes: () => false };
const MIXED: ExportInternals = { minDocsForWorkers: 0, mainTakes: (k) => k % 3 === 1 };

const LINE_FORMATS: ExportFormat[] = ['jsonl', 'quotes-jsonl', 'quotes-csv', 'prodigy', 'w3c'];

describe('a parallel export', () => {
  for (const format of LINE_FORMATS) {
    it(`${format}: worker threads write the same bytes, counts, problems and progress as one thread`, async () => {
      for (const status of [undefined, 'done'] as const) {
        const options = { format, annotator: 'ana', status, bom: format === 'quotes-csv' };
        const one = await run({ ...options, jobs: 1 });
        expect(one.summary.workers).toBe(0);
        // Every listed document is one progress step (the .jsonl dump counts by its articles).
        const total = one.steps.length;
        expect(one.steps).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
        expect(one.summary.documents).toBe(status ? done.length : WITH_LAYER);
        if (!status) expect(one.summary.problems.filter((p) => p.message.startsWith('orphaned')).length).toBeGreaterThan(0);
        for (const [jobs, internals, drain] of [
          [3, ALL_TO_WORKERS, false],
          [2, MIXED, true],
        ] as const) {
          const many = await run({ ...options, jobs }, internals, drain);
          // Whichever worker started first may have taken every batch given to workers.
          expect(many.summary.workers).toBeGreaterThanOrEqual(1);
          expect(many.bytes.equals(one.bytes), `${format} ${status ?? 'all'} with ${jobs} threads`).toBe(true);
          expect(many.summary).toEqual({ ...one.summary, workers: many.summary.workers });
          expect(many.steps).toEqual(one.steps);
          expect(many.warnings).toEqual([]);
        }
      }
    });
  }

  it('jsonl: the in-process output is what the one-thread loop always wrote (records in document order, dump articles with their meta)', async () => {
    const one = await run({ format: 'jsonl', annotator: 'ana', jobs: 1 });
    const lines = one.bytes.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(WITH_LAYER);
    expect(lines.map((l) => l.id)).toEqual([...lines.map((l) => l.id)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    const w2 = lines.find((l) => l.id.startsWith('wire') && l.meta.sourceId === 'w2');
    expect(w2.meta).toMatchObject({ path: 'wire.jsonl', line: 2, sourceMeta: { wire: 'AP', seed: 2 } });
    expect(w2.speakers).toMatchObject([{ name: 'Farhana Qureishi' }]);
  });

  it('small corpora stay on the calling thread; a large enough one uses the workers on its own', async () => {
    expect((await run({ format: 'jsonl', annotator: 'ana', jobs: 2 })).summary.workers).toBe(0);
    expect(MIN_DOCS_FOR_WORKERS).toBeGreaterThan(WITH_LAYER);
    const auto = await run({ format: 'jsonl', annotator: 'ana', jobs: 2 }, { minDocsForWorkers: 0 });
    expect(auto.bytes.equals((await run({ format: 'jsonl', annotator: 'ana', jobs: 1 })).bytes)).toBe(true);
  });

  it('a document whose layer file cannot be read is left out both ways, with the same report, output and progress', async () => {
    const copy = path.join(dir, 'broken');
    await fs.cp(corpus, copy, { recursive: true });
    const ids = (await fs.readdir(path.join(copy, '000'))).sort();
    const bad = `000/${ids[60]!}`;
    await fs.writeFile(layerFile(copy, 'ana', bad), '{"schemaVersion": 1, "spans": [');
    const outcome = async (jobs: number, internals?: ExportInternals) => {
      let steps = 0;
      const chunks: Buffer[] = [];
      // Bytes are lent by the export: copied.
      const summary = await exportLayer(copy, { format: 'jsonl', annotator: 'ana', jobs, progress: () => (steps += 1) }, (c) => void chunks.push(Buffer.from(typeof c === 'string' ? Buffer.from(c) : c)), internals);
      return { summary, steps, bytes: Buffer.concat(chunks) };
    };
    const one = await outcome(1);
    expect(one.summary.skipped).toEqual([{ docId: bad, message: expect.stringMatching(new RegExp(`^The annotation file for ${bad} is not valid JSON`)) }]);
    const exported = one.bytes.toString('utf8').trim().split('\n').map((l) => JSON.parse(l).id as string);
    expect(exported).not.toContain(bad);
    expect(exported.length).toBe(one.summary.documents);
    for (const internals of [ALL_TO_WORKERS, MIXED]) {
      const many = await outcome(2, internals);
      expect(many.summary.skipped).toEqual(one.summary.skipped);
      expect(many.summary.documents).toBe(one.summary.documents);
      expect(many.steps).toBe(one.steps);
      expect(many.bytes.equals(one.bytes)).toBe(true);
    }
  });
});

describe('reading for an export', () => {
  it('keeps no text in the cache of recent texts (keep: false), and reads the same text', async () => {
    const c = await Corpus.open(corpus, 10 * 1024 * 1024);
    const id = (await c.describe()).docs[5]!.id;
    const once = await c.readText(id, { keep: false });
    const kept = await c.readText(id);
    expect(once).not.toBe(kept);
    expect(once).toEqual(kept);
    // A kept text is answered from the cache while the file's size and mtime hold.
    expect(await c.readText(id)).toBe(kept);
    expect(await c.readText(id, { keep: false })).toBe(kept);
  });
});

describe('a worker thread that fails', () => {
  const workerUrl = new URL('../tooling/testing/faulty-export-worker.ts', import.meta.url);
  const faulty = (fault: string): ExportInternals => ({ ...ALL_TO_WORKERS, workerUrl, workerData: { fault } });
  const threads = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;

  for (const [fault, message] of [
    ['exit', /^export: a worker thread stopped \(exit code 3\)$/],
    ['throw', /^export: a worker thread failed: boom in the worker$/],
  ] as const) {
    it(`fails the export with a clear message and leaves no thread behind (${fault})`, async () => {
      const before = threads();
      const error = await run({ format: 'jsonl', annotator: 'ana', jobs: 3 }, faulty(fault)).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(message);
      expect(threads()).toBe(before);
    });
  }

  it('that cannot start is left out: the export is the same, made on this thread, and says so once', async () => {
    const one = await run({ format: 'quotes-csv', annotator: 'ana', jobs: 1 });
    const fallback = await run({ format: 'quotes-csv', annotator: 'ana', jobs: 3 }, faulty('start'));
    expect(fallback.summary.workers).toBe(0);
    expect(fallback.bytes.equals(one.bytes)).toBe(true);
    expect(fallback.steps).toEqual(one.steps);
    expect(fallback.warnings).toEqual(['a worker thread could not start (cannot load the export module); the export goes on without it']);
    // A worker that cannot even be created (new Worker throws at once) is left out the same way.
    const refused = await run({ format: 'quotes-csv', annotator: 'ana', jobs: 2 }, { ...ALL_TO_WORKERS, workerUrl: new URL('node:fs') });
    expect(refused.summary.workers).toBe(0);
    expect(refused.bytes.equals(one.bytes)).toBe(true);
    expect(refused.warnings).toEqual(['a worker thread could not start (The URL must be of scheme file); the export goes on without it']);
  });
});

describe('quotebench export --jobs', () => {
  let big: string;
  beforeAll(async () => {
    // Large enough for workers without any test setting.
    big = path.join(dir, 'big');
    await writeCorpus(big, { docs: MIN_DOCS_FOR_WORKERS + 20, spansPerDoc: 2, annotators: ['ana'], bytes: 600 });
  });

  it('--jobs 2 writes the same file as --jobs 1 (workers join once started)', async () => {
    const [a, b] = [path.join(dir, 'one.jsonl'), path.join(dir, 'two.jsonl')];
    const one = await runQuotebench('export', big, '--format', 'jsonl', '--annotator', 'ana', '--out', a, '--jobs', '1');
    const two = await runQuotebench('export', big, '--format', 'jsonl', '--annotator', 'ana', '--out', b, '--jobs', '2');
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(two.err).toBe(one.err.replace(a, b));
    expect(one.err).toBe(`quotebench: exported ${MIN_DOCS_FOR_WORKERS + 20} documents from ${MIN_DOCS_FOR_WORKERS + 20} documents to ${a}\n`);
    expect((await fs.readFile(b)).equals(await fs.readFile(a))).toBe(true);
  });

  it('leaves out a document whose layer file cannot be read, says so, and exports the rest', async () => {
    const ids = (await fs.readdir(path.join(big, '001'))).sort();
    const layer = layerFile(big, 'ana', `001/${ids[0]!}`);
    const kept = await fs.readFile(layer);
    await fs.writeFile(layer, 'not json');
    try {
      const out = path.join(dir, 'out', 'skips.jsonl');
      await fs.mkdir(path.dirname(out), { recursive: true });
      const r = await runQuotebench('export', big, '--format', 'jsonl', '--annotator', 'ana', '--out', out, '--jobs', '2');
      expect(r.code).toBe(0);
      expect(r.err).toMatch(new RegExp(`^quotebench: skipped 001/${ids[0]}: The annotation file for 001/${ids[0]} is not valid JSON .*\\n$`, 'm'));
      const exported = (await fs.readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l).id as string);
      expect(exported).toHaveLength(MIN_DOCS_FOR_WORKERS + 19);
      expect(exported).not.toContain(`001/${ids[0]}`);
    } finally {
      await fs.writeFile(layer, kept);
    }
  });

  it('refuses a --jobs that is not a whole number from 1 to 64, in one line', async () => {
    for (const jobs of ['0', '-1', '1.5', 'two', '65', '']) {
      const r = await runQuotebench('export', big, '--format', 'jsonl', '--annotator', 'ana', '--out', '-', `--jobs=${jobs}`);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`quotebench: export: --jobs must be a whole number from 1 to 64 (threads that read and format documents), got "${jobs}"\n`);
    }
  });
});

/**
 * The main-side measurements (issue 7, items 1, 5, 6, 7 and the main half of 8), each through
 * the real services the app uses, each beside a baseline measured in the same run:
 * open (cold and warm), saving an edit, JSONL export, agreement, memory, accepting 2,000
 * suggestions in one call (bulk-accept.ts), and whole `quotebench` processes (cli-bench.ts).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fss, { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeAgreement } from '../../services/analysis/agreement.js';
import { layerDir, layerFile } from '../../services/store/annotations.js';
import { createApp, type QuotebenchApp } from '../../services/app.js';
import { INDEX_FILE } from '../../services/corpus/corpus-index.js';
import { exportLayer } from '../../services/formats/export.js';
import { bulkAcceptBench } from './bulk-accept.js';
import { cliBench } from './cli-bench.js';
import { writeCorpus } from './generate.js';
import { registryBench } from './registry-bench.js';
import { limitRow, median, ratioRow, time } from './stats.js';
import type { BenchModule, BenchResult } from './types.js';

/** The measurement groups, selectable with `--only`. */
export const NODE_GROUPS = ['open', 'save', 'export', 'agreement', 'memory', 'bulk', 'registry', 'cli'] as const;
export type NodeGroup = (typeof NODE_GROUPS)[number];

const ANNOTATORS = ['alice', 'bob'];
const here = path.dirname(fileURLToPath(import.meta.url));

interface Sizes {
  docs: number;
  spansPerDoc: number;
  smallDocs: number;
  editsPerRun: number;
}

function sizes(quick: boolean): Sizes {
  // Full: 10,000 articles of ~5 KB (~50 MB), 20 spans each = 200,000 spans per annotator.
  // Small corpus for the save comparison: 50 articles x 20 = 1,000 spans.
  return quick ? { docs: 60, spansPerDoc: 20, smallDocs: 5, editsPerRun: 3 } : { docs: 10_000, spansPerDoc: 20, smallDocs: 50, editsPerRun: 10 };
}

async function ok<T>(app: QuotebenchApp, method: string, args: unknown): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/**
 * Opens the corpus as the app does at start: createApp, getSession, listDocuments as the
 * renderer asks for it (`provisional: true`), and again when that answer was provisional (the
 * list checked by size and mtime). Answers the times to the first list and to the checked one.
 */
async function openAsApp(root: string, settingsDir: string, expectDocs: number): Promise<{ app: QuotebenchApp; firstMs: number; checkedMs: number; provisional: boolean }> {
  const t0 = performance.now();
  const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: root, log: () => undefined });
  await ok(app, 'getSession', {});
  let list = await ok<{ documents: unknown[]; provisional?: true }>(app, 'listDocuments', { provisional: true });
  const firstMs = performance.now() - t0;
  const provisional = list.provisional === true;
  if (provisional) list = await ok<{ documents: unknown[] }>(app, 'listDocuments', {});
  const checkedMs = performance.now() - t0;
  if (list.documents.length !== expectDocs) throw new Error(`listDocuments answered ${list.documents.length} documents, expected ${expectDocs}`);
  return { app, firstMs, checkedMs, provisional };
}

/** Plain Node: list the folder, read every .txt (and every layer file of `annotator`) and hash it. */
function readAndHashAll(root: string, annotator?: string): number {
  const list = (dir: string, ext: string) => (fss.readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.endsWith(ext) && !n.startsWith('.')).map((n) => path.join(dir, n));
  const files = [...list(root, '.txt'), ...(annotator ? list(layerDir(root, annotator), '.json') : [])];
  let bytes = 0;
  for (const file of files) {
    const data = fss.readFileSync(file);
    createHash('sha256').update(data).digest('hex');
    bytes += data.length;
  }
  return bytes;
}

/** Plain Node: temp file, write, fsync, rename, fsync of the folder. */
async function plainDurableWrite(file: string, data: string): Promise<void> {
  const tmp = `${file}.bench.tmp`;
  const handle = await fs.open(tmp, 'w');
  await handle.writeFile(data, 'utf8');
  await handle.sync();
  await handle.close();
  await fs.rename(tmp, file);
  const dir = await fs.open(path.dirname(file), 'r');
  await dir.sync();
  await dir.close();
}

/** Streams writes to a file with backpressure, as `quotebench export` does. */
export function fileWriter(file: string): { write: (chunk: string | Uint8Array) => Promise<void> | undefined; end: () => Promise<void> } {
  const stream = createWriteStream(file, { encoding: 'utf8' });
  return {
    write: (chunk) => (stream.write(chunk) ? undefined : new Promise<void>((resolve) => stream.once('drain', () => resolve()))),
    end: () => new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve()))),
  };
}

/** Runs main/tooling/bench/child.ts in a fresh Node process and answers what it printed as JSON. */
export function runChild<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'child.ts'), ...args], { cwd: path.join(here, '..', '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench child ${args[0]} exited ${code}: ${err.trim()}`));
      else {
        try {
          resolve(JSON.parse(out.trim().split('\n').pop()!) as T);
        } catch {
          reject(new Error(`bench child ${args[0]} printed no result: ${out} ${err}`));
        }
      }
    });
  });
}

/** Fresh settings with `annotator` set, so opening lists that annotator's layer at once. */
async function settingsFor(dir: string, root: string, annotator = ANNOTATORS[0]!): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const app = await createApp({ settingsDir: dir, mode: 'browser', initialCorpus: root, log: () => undefined });
  await ok(app, 'setAnnotator', { name: annotator });
  await app.close();
  return dir;
}

/** The main-side bench, limited to `groups` (all when absent). */
export function createNodeBench(groups: readonly NodeGroup[] = NODE_GROUPS): BenchModule {
  return async ({ runs, quick, tmp }) => {
    const want = new Set(groups);
    const sz = sizes(quick);
    const results: BenchResult[] = [];
    const log = (m: string) => process.stderr.write(`bench: ${m}\n`);
    // The bulk accept brings its own article: it needs none of the corpora below (its rows go last, in group order).
    const bulkRows: BenchResult[] = [];
    if (want.has('bulk')) {
      log('bulk: accepting suggestions in a long article, one editDocument call');
      bulkRows.push(...(await bulkAcceptBench({ runs, quick, tmp, log })));
    }
    // The registry needs no generated articles either.
    if ([...want].every((g) => g === 'bulk' || g === 'registry')) return [...(want.has('registry') ? await registryBench(tmp, runs, log) : []), ...bulkRows];
    const big = path.join(tmp, 'corpus-big');
    const small = path.join(tmp, 'corpus-small');
    const bigSpans = sz.docs * sz.spansPerDoc;
    const smallSpans = sz.smallDocs * sz.spansPerDoc;

    log(`generating ${sz.docs} articles with ${bigSpans} spans per annotator (${ANNOTATORS.join(', ')})`);
    const bigIds = await writeCorpus(big, { docs: sz.docs, spansPerDoc: sz.spansPerDoc, annotators: ANNOTATORS });
    const smallIds = await writeCorpus(small, { docs: sz.smallDocs, spansPerDoc: sz.spansPerDoc, annotators: ANNOTATORS.slice(0, 1), seed: 2 });
    const settingsBig = await settingsFor(path.join(tmp, 'settings-big'), big);
    const settingsSmall = await settingsFor(path.join(tmp, 'settings-small'), small);
    const indexFile = path.join(big, INDEX_FILE);
    const docsLabel = sz.docs.toLocaleString('en');

    if (want.has('open')) {
      log('open: cold (a new annotator, and one with a layer) and warm');
      const settingsNew = await settingsFor(path.join(tmp, 'settings-new'), big, 'carol');
      const baseline: number[] = [];
      const baselineLayer: number[] = [];
      const coldNew: number[] = [];
      const cold: number[] = [];
      const warm: number[] = [];
      const warmChecked: number[] = [];
      readAndHashAll(big, ANNOTATORS[0]); // both sides start with the files in the page cache
      /** Opens as the app does, closes; a cold open must never be provisional (there is no index). */
      const openClose = async (settings: string, expectProvisional: boolean) => {
        const o = await openAsApp(big, settings, sz.docs);
        await o.app.close();
        if (o.provisional !== expectProvisional) throw new Error(`the open was ${o.provisional ? '' : 'not '}provisional`);
        return o;
      };
      for (let i = 0; i < runs; i += 1) {
        baseline.push(await time(async () => readAndHashAll(big)));
        baselineLayer.push(await time(async () => readAndHashAll(big, ANNOTATORS[0])));
        await fs.rm(indexFile, { force: true });
        coldNew.push((await openClose(settingsNew, false)).checkedMs);
        await fs.rm(indexFile, { force: true });
        cold.push((await openClose(settingsBig, false)).checkedMs);
        const w = await openClose(settingsBig, true);
        warm.push(w.firstMs);
        warmChecked.push(w.checkedMs);
      }
      const how = 'createApp + getSession + listDocuments through dispatch';
      results.push(
        ratioRow({ name: `open ${docsLabel} articles, cold, no layer yet`, unit: 'ms', samples: coldNew, baselineName: 'plain Node readFileSync + sha256 of every article', baselineSamples: baseline, maxRatio: 1.3, target: '<= 1.3x baseline', note: `${how}; no index; an annotator with no layer` }),
        ratioRow({ name: `open ${docsLabel} articles, cold, ${bigSpans.toLocaleString('en')}-span layer`, unit: 'ms', samples: cold, baselineName: "the same, plus every file of the annotator's layer", baselineSamples: baselineLayer, maxRatio: 1.3, target: '<= 1.3x baseline', note: `${how}; no index; the list counts each article's spans` }),
        // The stricter reading: the app reads only the first bytes of each layer file now, so a
        // baseline that reads them whole would flatter it; this one reads the articles alone.
        ratioRow({ name: `open ${docsLabel} articles, cold, ${bigSpans.toLocaleString('en')}-span layer, vs the articles alone`, unit: 'ms', samples: cold, baselineName: 'plain Node readFileSync + sha256 of every article (no layer file)', baselineSamples: baseline, maxRatio: 1.3, target: '<= 1.3x baseline', note: 'the row above against the first baseline' }),
        ratioRow({ name: `open ${docsLabel} articles, warm, ${bigSpans.toLocaleString('en')}-span layer, list shown`, unit: 'ms', samples: warm, baselineName: 'cold open with the layer (row above)', baselineSamples: cold, maxRatio: 0.1, target: '<= 0.10x cold', note: 'the same, with .quotebench/index.json left by the cold open: the list the renderer shows first, from the index (no file stat\'ed), checked right after (next row)' }),
        ratioRow({ name: `open ${docsLabel} articles, warm, ${bigSpans.toLocaleString('en')}-span layer, list checked`, unit: 'ms', samples: warmChecked, baselineName: 'cold open with the layer', baselineSamples: cold, maxRatio: 0.1, target: '<= 0.10x cold (strict reading)', note: 'the same open until the list checked by size and mtime (every article and layer file stat\'ed) has replaced it' }),
      );
    }

    if (want.has('save')) {
      log('save: createSpan / updateSpan in both corpora, and the plain durable write');
      const docBig = bigIds[Math.floor(bigIds.length / 2)]!;
      const docSmall = smallIds[Math.floor(smallIds.length / 2)]!;
      const appBig = (await openAsApp(big, settingsBig, sz.docs)).app;
      const appSmall = (await openAsApp(small, settingsSmall, sz.smallDocs)).app;
      await ok(appBig, 'getDocument', { docId: docBig });
      await ok(appSmall, 'getDocument', { docId: docSmall });
      const edit = async (app: QuotebenchApp, docId: string, n: number) => {
        // One new span, then a note on it: the two edits an analyst makes most.
        const created = await time(() => ok(app, 'createSpan', { docId, start: 10 + n, end: 30 + n, label: 'QUOTE' }));
        const span = (await ok<{ spans: { id: string }[] }>(app, 'getDocument', { docId })).spans.at(-1)!;
        const updated = await time(() => ok(app, 'updateSpan', { docId, spanId: span.id, patch: { note: `edit ${n}` } }));
        return [created, updated];
      };
      const inBig: number[] = [];
      const inSmall: number[] = [];
      const plain: number[] = [];
      const file = layerFile(big, ANNOTATORS[0]!, docBig);
      for (let i = 0; i < runs * sz.editsPerRun; i += 1) {
        inBig.push(...(await edit(appBig, docBig, i)));
        inSmall.push(...(await edit(appSmall, docSmall, i)));
        const data = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
        for (let k = 0; k < 2; k += 1) plain.push(await time(() => plainDurableWrite(file, JSON.stringify(data, null, 2) + '\n')));
      }
      await appBig.close();
      await appSmall.close();
      results.push(
        ratioRow({ name: `save an edit, ${bigSpans.toLocaleString('en')} spans`, unit: 'ms', samples: inBig, p95: true, baselineName: "that document's layer file written alone (temp, fsync, rename, fsync dir)", baselineSamples: plain, maxRatio: 2, target: '<= 2x baseline' }),
        ratioRow({ name: `save an edit, ${bigSpans.toLocaleString('en')} vs ${smallSpans.toLocaleString('en')} spans`, unit: 'ms', samples: inBig, p95: true, baselineName: `the same edits in a corpus of ${smallSpans.toLocaleString('en')} spans`, baselineSamples: inSmall, maxRatio: 1.2, target: '<= 1.2x baseline', note: 'createSpan and updateSpan through dispatch, answered after the durable write' }),
      );
    }

    if (want.has('export')) {
      log('export: JSONL, and JSON.stringify + write of the same records');
      const out = path.join(tmp, 'export.jsonl');
      const exported: number[] = [];
      const plain: number[] = [];
      let records: unknown[] = [];
      for (let i = 0; i < runs; i += 1) {
        exported.push(
          await time(async () => {
            const w = fileWriter(out);
            const summary = await exportLayer(big, { format: 'jsonl', annotator: ANNOTATORS[0]! }, w.write);
            await w.end();
            if (summary.records !== sz.docs) throw new Error(`export wrote ${summary.records} records, expected ${sz.docs}`);
          }),
        );
        if (i === 0) records = (await fs.readFile(out, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
        plain.push(await time(() => fs.writeFile(path.join(tmp, 'plain.jsonl'), records.map((r) => JSON.stringify(r) + '\n').join(''))));
      }
      records = [];
      results.push(ratioRow({ name: `export ${bigSpans.toLocaleString('en')} spans to JSONL`, unit: 'ms', samples: exported, baselineName: 'JSON.stringify + writeFile of the same records, already in memory', baselineSamples: plain, maxRatio: 1.5, target: '<= 1.5x baseline', note: 'exportLayer as `quotebench export` runs it: scan, read each layer and text, stream lines' }));
      log('export: peak memory in a child process');
      const peak: number[] = [];
      const peakSmall: number[] = [];
      for (let i = 0; i < Math.min(runs, 3); i += 1) {
        peak.push((await runChild<{ maxRssMB: number }>(['export', big, ANNOTATORS[0]!, path.join(tmp, 'child-export.jsonl')])).maxRssMB);
        peakSmall.push((await runChild<{ maxRssMB: number }>(['export', small, ANNOTATORS[0]!, path.join(tmp, 'child-export.jsonl')])).maxRssMB);
      }
      results.push(ratioRow({ name: `export ${bigSpans.toLocaleString('en')} spans, peak RSS`, unit: 'MB', samples: peak, baselineName: `peak RSS exporting ${smallSpans.toLocaleString('en')} spans`, baselineSamples: peakSmall, maxRatio: 1.5, target: '<= 1.5x baseline (flat)', note: 'a fresh Node process per export' }));
    }

    if (want.has('agreement')) {
      log('agreement: two layers');
      const samples: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        samples.push(
          await time(async () => {
            const report = await computeAgreement(big, ANNOTATORS);
            if (report.documents !== sz.docs) throw new Error(`agreement over ${report.documents} documents, expected ${sz.docs}`);
          }),
        );
      }
      results.push(limitRow({ name: `agreement, 2 layers of ${bigSpans.toLocaleString('en')} spans`, unit: 'ms', samples, max: 2000, target: '< 2000 ms', note: 'computeAgreement as `quotebench agreement` runs it: read both layers, exact and overlap matching, kappa' }));
    }

    if (want.has('memory')) {
      log('memory: main side with the corpus open, in a child process');
      const rss: number[] = [];
      const heap: number[] = [];
      const idle: number[] = [];
      for (let i = 0; i < Math.min(runs, 3); i += 1) {
        const open = await runChild<{ rssMB: number; heapUsedMB: number }>(['open', big, settingsBig, String(sz.docs)]);
        rss.push(open.rssMB);
        heap.push(open.heapUsedMB);
        idle.push((await runChild<{ rssMB: number }>(['idle'])).rssMB);
      }
      results.push(limitRow({ name: `main-side RSS, ${docsLabel} articles open`, unit: 'MB', samples: rss, max: 300, target: '< 300 MB', baselineName: 'idle Node with the same loader (context only)', baselineSamples: idle, note: `after getSession + listDocuments and a GC, in a fresh process; JS heap used ${median(heap).toFixed(0)} MB` }));
    }

    if (want.has('registry')) results.push(...(await registryBench(tmp, runs, log)));

    if (want.has('cli')) results.push(...(await cliBench(big, sz.docs, tmp, runs, log)));

    return [...results, ...bulkRows];
  };
}

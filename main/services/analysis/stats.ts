/** Corpus statistics for `quotebench stats`: documents, skipped files, annotators, span counts. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { DocStatus, SkipReason, ProjectFile } from '../../../shared/model.js';
import { Corpus, DATA_DIR } from '../corpus/corpus.js';
import { openProject } from '../store/project.js';
import { assertOwnDataDir } from '../platform/data-path.js';
import { resolveLabel } from '../../../shared/schema.js';
import { defaultJobs, MIN_DOCS_FOR_WORKERS, startWorker, workerEntry } from '../platform/workers.js';

/** One annotator's layer over the corpus: documents with a layer file, spans by label, documents by status. */
export interface AnnotatorStats {
  name: string;
  /** Documents with a layer file. */
  documents: number;
  spans: number;
  byLabel: Record<string, number>;
  byStatus: Record<DocStatus, number>;
}

/** What `quotebench stats` prints (as a table, or as this JSON with --json). */
export interface CorpusStats {
  corpus: string;
  documents: number;
  skipped: { id: string; reason: SkipReason; message: string }[];
  annotators: AnnotatorStats[];
  spansByLabel: Record<string, number>;
  totalSpans: number;
  warnings: string[];
}

/** One annotator's counts over a run of documents, with the damaged layer files met, in document order. */
export interface LayerCounts {
  stats: AnnotatorStats;
  warnings: string[];
}

/** What a stats worker is sent once its modules are loaded: a run of documents to count in every layer. */
export interface StatsWorkerTask {
  corpusRoot: string;
  names: string[];
  schema: ProjectFile['schema'];
  docIds: string[];
}

/** Options for computeStats beyond the corpus's own settings. */
export interface StatsOptions {
  maxFileBytes?: number;
  /** Threads that read layer files (this one included); default one per core, at most MAX_JOBS. */
  jobs?: number;
  /** Fewer documents x layers than this stay on this thread (a worker's start costs tens of ms). */
  minDocsForWorkers?: number;
  /** Tests: another worker entry (one that fails). */
  workerUrl?: URL;
}

/**
 * Counts `docIds` in each of `names`' layers: status and spans per label (a renamed label under
 * its current name, as every export writes it). Runs on this thread and in stats workers alike.
 */
export async function countLayers(corpusRoot: string, names: readonly string[], schema: ProjectFile['schema'], docIds: readonly string[]): Promise<LayerCounts[]> {
  // Loaded only when there are layers to read: it brings lowdb and ajv, about a fifth of what
  // `quotebench stats` on a corpus without layers would otherwise spend starting.
  const { LayerStore } = await import('../store/annotations.js');
  const counts: LayerCounts[] = [];
  for (const name of names) {
    const store = new LayerStore(corpusRoot, name, { readOnly: true });
    const a: AnnotatorStats = { name, documents: 0, spans: 0, byLabel: {}, byStatus: { todo: 0, 'in-progress': 0, done: 0 } };
    const warnings: string[] = [];
    for (const id of docIds) {
      try {
        const layer = await store.read(id);
        if (!layer) {
          a.byStatus.todo += 1;
          continue;
        }
        a.documents += 1;
        a.byStatus[layer.status] += 1;
        for (const s of layer.spans) {
          const label = resolveLabel(schema, s.label);
          a.spans += 1;
          a.byLabel[label] = (a.byLabel[label] ?? 0) + 1;
        }
      } catch (error) {
        warnings.push((error as Error).message);
      }
    }
    counts.push({ stats: a, warnings });
  }
  return counts;
}

/**
 * A stats worker, started before the articles are described so that it loads its modules
 * meanwhile; `count` sends it its run. Answers null when it could not start or failed (this
 * thread counts the run then).
 */
function statsWorker(url: URL): { count: (task: StatsWorkerTask) => Promise<LayerCounts[] | null>; stop: () => void } {
  const started: Promise<Worker | null> = startWorker(url, null).catch(() => null);
  return {
    count: async (task) => {
      const worker = await started;
      if (!worker) return null;
      return new Promise((resolve) => {
        worker.once('message', (answer: LayerCounts[]) => resolve(answer));
        worker.once('error', () => resolve(null));
        worker.once('exit', () => resolve(null));
        worker.postMessage(task);
      });
    },
    stop: () => void started.then((worker) => worker?.terminate()),
  };
}

/**
 * Reads a corpus folder without writing anything to it (damaged files are reported, not moved).
 * Reading and checking the layer files is most of the work: on a large corpus, runs of documents
 * are counted at once by this thread and worker threads and merged in document order, so the
 * answer is exactly one thread's (stats-parallel.test.ts).
 */
export async function computeStats(corpusRoot: string, opts: StatsOptions = {}): Promise<CorpusStats> {
  const warnings: string[] = [];
  // A linked data folder is refused before project.json is read through it.
  assertOwnDataDir(corpusRoot);
  const project = await openProject(corpusRoot, (m) => warnings.push(m), { readOnly: true });
  // readOnly: not even the index is saved (stats promises to write nothing).
  const corpus = await Corpus.open(corpusRoot, opts.maxFileBytes ?? project.data.settings.maxFileBytes, { readOnly: true });
  const annotationsDir = path.join(corpus.root, DATA_DIR, 'annotations');
  let names: string[] = [];
  try {
    names = (await fs.readdir(annotationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    names = [];
  }
  // Decided on the listed files, before describing them, so the workers load while this thread reads articles.
  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), corpus.listedCount));
  const parallel = names.length > 0 && jobs >= 2 && corpus.listedCount * names.length >= (opts.minDocsForWorkers ?? MIN_DOCS_FOR_WORKERS);
  const workers = parallel ? Array.from({ length: jobs - 1 }, () => statsWorker(opts.workerUrl ?? workerEntry('stats-worker', import.meta.url))) : [];
  try {
    const { docs, skipped } = await corpus.describe();
    const ids = docs.map((d) => d.id);
    // Equal runs: the workers have loaded their modules while this thread described the articles.
    const runs = Array.from({ length: workers.length + 1 }, (_, k) => ids.slice(Math.floor((k * ids.length) / (workers.length + 1)), Math.floor(((k + 1) * ids.length) / (workers.length + 1))));
    const schema = project.data.schema;
    const counted = workers.map((w, k) => w.count({ corpusRoot: corpus.root, names, schema, docIds: runs[k + 1]! }));
    const parts: LayerCounts[][] = names.length > 0 ? [await countLayers(corpus.root, names, schema, runs[0]!)] : [];
    for (const [k, counting] of counted.entries()) parts.push((await counting) ?? (await countLayers(corpus.root, names, schema, runs[k + 1]!)));
    const spansByLabel: Record<string, number> = {};
    const annotators = names.map((name, i) => {
      const a: AnnotatorStats = { name, documents: 0, spans: 0, byLabel: {}, byStatus: { todo: 0, 'in-progress': 0, done: 0 } };
      // Merged in run order: labels keep the order in which one thread would first have met them.
      for (const part of parts) {
        const p = part[i]!;
        a.documents += p.stats.documents;
        a.spans += p.stats.spans;
        for (const [label, n] of Object.entries(p.stats.byLabel)) a.byLabel[label] = (a.byLabel[label] ?? 0) + n;
        for (const status of ['todo', 'in-progress', 'done'] as const) a.byStatus[status] += p.stats.byStatus[status];
        warnings.push(...p.warnings);
      }
      for (const [label, n] of Object.entries(a.byLabel)) spansByLabel[label] = (spansByLabel[label] ?? 0) + n;
      return a;
    });
    return {
      corpus: corpus.root,
      documents: docs.length,
      skipped: skipped.map((s) => ({ id: s.id, reason: s.reason, message: s.message })),
      annotators,
      spansByLabel,
      totalSpans: annotators.reduce((n, a) => n + a.spans, 0),
      warnings,
    };
  } finally {
    for (const w of workers) w.stop();
  }
}

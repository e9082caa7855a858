/**
 * Agreement between annotators' layers of a corpus (shared/agreement.ts does the arithmetic):
 * reads each layer read-only, resolves renamed labels and merged speakers, and reports.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { AgreementAccumulator, type AccumulatorState, type AgreementReport, type AgreementSpan, type SpanCounts } from '../../../shared/agreement.js';
import { piecesOf } from '../../../shared/fragments.js';
import { resolveSpeakerId, type DocumentText, type ProjectFile, type Span } from '../../../shared/model.js';
import { labelRole, resolveLabel } from '../../../shared/schema.js';
import { LayerStore } from '../store/annotations.js';
import { Corpus, DATA_DIR } from '../corpus/corpus.js';
import { openProject } from '../store/project.js';
import { ApiError } from '../../../shared/result.js';
import { assertOwnDataDir } from '../platform/data-path.js';
import { cooperative } from '../platform/cooperative.js';
import { defaultJobs, MIN_DOCS_FOR_WORKERS, startWorker, workerEntry } from '../platform/workers.js';

/** The annotators with a layer folder in the corpus, sorted. */
export async function listLayerNames(corpusRoot: string): Promise<string[]> {
  try {
    return (await fs.readdir(path.join(corpusRoot, DATA_DIR, 'annotations'), { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** The label agreement compares: the current name of a renamed label, QUOTE (and the other roles) by meaning. */
function agreementLabel(name: string, project: Pick<ProjectFile, 'schema'>): string {
  const label = resolveLabel(project.schema, name);
  return labelRole(project.schema.labels, label) ?? label;
}

/** A span as agreement compares it: current label name (QUOTE by meaning), pieces, and the quote fields. */
export function toAgreementSpan(span: Span, project: Pick<ProjectFile, 'schema' | 'speakerRedirects'>, labelOf = (name: string) => agreementLabel(name, project)): AgreementSpan {
  return {
    id: span.id,
    label: labelOf(span.label),
    pieces: piecesOf(span),
    stance: span.stance ? `${span.stance.value}` : '',
    form: span.attrs.form ?? '',
    speaker: span.speakerId ? resolveSpeakerId(project, span.speakerId) : '',
  };
}

/** Agreement's knobs (the CLI and the app use the defaults; tests set them). */
export interface AgreementOptions {
  /** Threads that read layers at once, this one included: default one per core, at most 4. */
  jobs?: number;
  /** Corpora with fewer documents stay on this thread (a worker's start costs tens of ms). */
  minDocsForWorkers?: number;
  /** Tests: another worker entry (one that fails). */
  workerUrl?: URL;
  /** Told who counted each run of documents, in document order. */
  onRun?: (run: { docs: number; by: 'this thread' | 'worker' }) => void;
  /** Checked between documents on this thread: once aborted, agreement stops with the signal's reason (it writes nothing). */
  signal?: AbortSignal;
}

/** A document agreement left out: one annotator's layer file of it could not be read (damaged, newer, unreadable). */
export interface SkippedLayer {
  docId: string;
  annotator: string;
  message: string;
}

/** The agreement report with the documents left out and why (`quotebench agreement --json` prints it whole). */
export type AgreementResult = AgreementReport & { skipped: SkippedLayer[] };

/** What a worker thread answers: the counts of its run and the documents it left out. */
export interface AgreementWorkerAnswer {
  state: AccumulatorState;
  skipped: SkippedLayer[];
}

/** What a worker thread is given: a run of documents (with the sha256 the listing saw) to count. */
export interface AgreementWorkerData {
  corpusRoot: string;
  annotators: string[];
  project: ProjectFile;
  docs: { id: string; sha256: string }[];
}


/**
 * Counts agreement over `docs`, one document at a time, every annotator's layer of it (memory
 * holds one document's spans). `textOf` is asked for an article only when a layer was written on
 * another text (re-anchored in memory; orphans left out). A document one of whose layer files
 * cannot be read is left out for every annotator (so the figures stay comparable) and noted in
 * `skipped`.
 */
export async function accumulateAgreement(
  corpusRoot: string,
  annotators: readonly string[],
  project: ProjectFile,
  docs: readonly { id: string; sha256: string }[],
  textOf: (docId: string) => Promise<DocumentText>,
  skipped: SkippedLayer[] = [],
  signal?: AbortSignal,
): Promise<AgreementAccumulator> {
  const stores = annotators.map((name) => new LayerStore(corpusRoot, name, { readOnly: true }));
  const acc = new AgreementAccumulator(annotators);
  // A label's current name and role are the same for every span that has it: looked up once.
  const labels = new Map<string, string>();
  const labelOf = (name: string) => {
    let l = labels.get(name);
    if (l === undefined) labels.set(name, (l = agreementLabel(name, project)));
    return l;
  };
  const pause = cooperative();
  for (const d of docs) {
    await pause();
    signal?.throwIfAborted();
    const spans: AgreementSpan[][] = [];
    let bad: SkippedLayer | null = null;
    for (const store of stores) {
      try {
        spans.push(((await store.readCurrent(d.id, d.sha256, () => textOf(d.id)))?.spans ?? []).map((s) => toAgreementSpan(s, project, labelOf)));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        bad = { docId: d.id, annotator: store.annotator, message: error.message };
        break;
      }
    }
    if (bad) {
      skipped.push(bad);
      continue;
    }
    // Documents at least one of them annotated.
    if (spans.some((list) => list.length > 0)) acc.add(d.id, spans);
  }
  return acc;
}

/** A worker thread counting one run of documents; null when it could not start or failed (this thread counts the run then). */
async function countInWorker(data: AgreementWorkerData, url = workerEntry('agreement-worker', import.meta.url)): Promise<AgreementWorkerAnswer | null> {
  let worker: Worker;
  try {
    worker = await startWorker(url, data);
  } catch {
    return null;
  }
  return new Promise((resolve) => {
    worker.once('message', (answer: AgreementWorkerAnswer) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}

/**
 * `jobs` contiguous runs of `items`; the first (this thread's, which starts at once while each
 * worker first loads its modules, about 0.3 s here) a fifth larger than the others.
 */
export function splitRuns<T>(items: readonly T[], jobs: number): T[][] {
  const first = Math.round((items.length * 1.2) / (jobs + 0.2));
  const runs = [items.slice(0, first)];
  const rest = items.length - first;
  for (let k = 0; k < jobs - 1; k += 1) runs.push(items.slice(first + Math.floor((k * rest) / (jobs - 1)), first + Math.floor(((k + 1) * rest) / (jobs - 1))));
  return runs;
}

/**
 * Agreement over every annotatable document of the corpus between `annotators` (the first is the
 * reference). A large corpus is split into runs of documents counted at once by this thread and
 * worker threads (reading and parsing the layers is most of the work), merged in document order:
 * the same report as one thread (agreement-parallel.test.ts).
 */
export async function computeAgreement(corpusRoot: string, annotators: readonly string[], project?: ProjectFile, opts: AgreementOptions = {}): Promise<AgreementResult> {
  if (!project) assertOwnDataDir(corpusRoot);
  const proj = project ?? (await openProject(corpusRoot, () => undefined, { readOnly: true })).data;
  const corpus = await Corpus.open(corpusRoot, proj.settings.maxFileBytes);
  const { docs } = await corpus.describe();
  const existing = new Set(await listLayerNames(corpus.root));
  const missing = annotators.filter((a) => !existing.has(a));
  if (missing.length > 0) throw new Error(`no layer for ${missing.join(', ')} in this corpus (layers: ${[...existing].join(', ') || 'none'})`);
  const listed = docs.map((d) => ({ id: d.id, sha256: d.sha256 }));
  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), listed.length));
  const parallel = jobs >= 2 && listed.length >= (opts.minDocsForWorkers ?? MIN_DOCS_FOR_WORKERS);
  const runs = parallel ? splitRuns(listed, jobs) : [listed];
  const textOf = (docId: string) => corpus.readText(docId, { keep: false });
  // Runs after the first go to workers, started before this thread counts the first.
  const counted = runs.slice(1).map((run) => countInWorker({ corpusRoot: corpus.root, annotators: [...annotators], project: proj, docs: run }, opts.workerUrl));
  const skipped: SkippedLayer[] = [];
  const acc = await accumulateAgreement(corpus.root, annotators, proj, runs[0]!, textOf, skipped, opts.signal);
  opts.onRun?.({ docs: runs[0]!.length, by: 'this thread' });
  for (const [k, counting] of counted.entries()) {
    const answer = await counting;
    opts.signal?.throwIfAborted();
    opts.onRun?.({ docs: runs[k + 1]!.length, by: answer ? 'worker' : 'this thread' });
    if (answer) skipped.push(...answer.skipped);
    acc.merge(answer?.state ?? (await accumulateAgreement(corpus.root, annotators, proj, runs[k + 1]!, textOf, skipped, opts.signal)).state());
  }
  const speakers = new Map(proj.speakers.map((sp) => [sp.id, sp.name]));
  return { ...acc.report({ speakerName: (id) => speakers.get(id) ?? id }), skipped };
}

function fmt(figure: { value: number | null; reason?: string }): string {
  return figure.value === null ? `undefined (${figure.reason})` : figure.value.toFixed(3);
}

/** The report as a few readable tables for the terminal. */
export function formatAgreement(report: AgreementReport & { skipped?: SkippedLayer[] }): string {
  const out: string[] = [];
  out.push(`Agreement over ${report.documents} documents between ${report.annotators.join(', ')}`);
  for (const k of report.skipped ?? []) out.push(`Skipped ${k.docId} (${k.annotator}): ${k.message}`);
  out.push(`  exact:   ${report.rules.exact}`);
  out.push(`  overlap: ${report.rules.overlap}`);
  out.push(`  ${report.rules.reference}`);
  for (const pair of report.pairs) {
    out.push('', `${pair.a} (reference) vs ${pair.b}`);
    out.push('  label          mode     matched  only A  only B  precision  recall  F1');
    for (const mode of ['exact', 'overlap'] as const) {
      const rows = [...Object.entries(pair[mode].labels), ['overall', pair[mode].overall] as const];
      for (const [label, c] of rows) {
        out.push(
          `  ${label.padEnd(14)} ${mode.padEnd(8)} ${String(c.matched).padStart(7)} ${String(c.onlyA).padStart(7)} ${String(c.onlyB).padStart(7)}  ${fmt(c.precision).padStart(9)}  ${fmt(c.recall).padStart(6)}  ${fmt(c.f1)}`,
        );
      }
    }
    for (const [field, k] of Object.entries(pair.kappa)) {
      const chance = k.observed !== undefined && k.expected !== undefined ? `; observed ${k.observed.toFixed(3)}, by chance ${k.expected.toFixed(3)}` : '';
      out.push(`  Cohen's kappa on ${field} (${k.n} matched quotes${chance}): ${fmt(k)}`);
    }
    out.push('  per document (matched / only A / only B, F1):');
    const width = Math.max(0, ...pair.documents.map((d) => d.docId.length));
    const cells = (c: SpanCounts) => `${c.matched}/${c.onlyA}/${c.onlyB} ${fmt(c.f1)}`;
    for (const d of pair.documents) out.push(`    ${d.docId.padEnd(width)}  exact ${cells(d.exact).padEnd(14)}  overlap ${cells(d.overlap)}`);
  }
  if (report.annotators.length > 2) {
    out.push('', "Krippendorff's alpha (nominal) on quotes grouped across annotators:");
    for (const [field, a] of Object.entries(report.alpha)) out.push(`  ${field}: ${fmt(a)} (${a.units} units, ${a.pairable} pairable values)`);
    if (report.matrix) {
      out.push('', 'Pairwise overlap F1:');
      out.push('  ' + ''.padEnd(12) + report.matrix.annotators.map((a) => a.slice(0, 10).padStart(11)).join(''));
      report.matrix.overlapF1.forEach((row, i) => out.push('  ' + report.matrix!.annotators[i]!.slice(0, 12).padEnd(12) + row.map((v) => (v === null ? 'n/a' : v.toFixed(3)).padStart(11)).join('')));
    }
  }
  return out.join('\n') + '\n';
}

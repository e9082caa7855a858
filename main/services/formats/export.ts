/**
 * Writes one annotator's layer out in an export format, one document at a time (memory stays
 * flat whatever the corpus size). Used by `quotebench export` and the app's File > Export.
 * Formatting is in export-format.ts, the batches over threads in export-schedule.ts and the
 * worker threads in export-pool.ts; this module composes them and writes to the sink.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { serialiseAnn } from '../../../shared/formats/brat-ann.js';
import { layerToBrat } from '../../../shared/formats/brat-layer.js';
import { exportableSpans, QUOTE_COLUMNS, type ExportProblem } from '../../../shared/formats/export-records.js';
import type { AnnotationFile, DocumentText } from '../../../shared/model.js';
import { createOffsetMap } from '../../../shared/offsets.js';
import { LayerStore } from '../store/annotations.js';
import { cooperative } from '../platform/cooperative.js';
import { Corpus } from '../corpus/corpus.js';
import { assertOwnDataDir } from '../platform/data-path.js';
import { formatBatch, isDocumentProblem, layerAsExported, openExportSource, type BatchResult, type FormatOptions, type SkippedDocument } from './export-format.js';
import { ExportPool } from './export-pool.js';
import { inParallel, looksLarge } from './export-schedule.js';
import { openProject } from '../store/project.js';
import { defaultJobs, MAX_JOBS, MIN_DOCS_FOR_WORKERS } from '../platform/workers.js';

export { MAX_JOBS, MIN_DOCS_FOR_WORKERS };
export { EXPORT_FORMATS, type ExportFormat } from './export-format.js';

/** How an export runs: the format and whose layer (as every thread formats), and what only the calling thread needs. */
export interface ExportOptions extends FormatOptions {
  /** quotes-csv: start with a UTF-8 byte-order mark (for spreadsheet software). */
  bom?: boolean;
  /** Called after each document: (done, total). */
  progress?: (done: number, total: number) => void;
  /**
   * Threads that read and format documents (default: one per core, at most MAX_JOBS). 1 keeps
   * the export on the calling thread; so does a corpus of fewer than MIN_DOCS_FOR_WORKERS.
   */
  jobs?: number;
  /** Told when worker threads could not start and the export runs on the calling thread instead. */
  warn?: (message: string) => void;
  /** Checked between documents: once aborted, the export stops with the signal's reason (the caller removes its output). */
  signal?: AbortSignal;
}

/** What an export wrote and what it left out. */
export interface ExportSummary {
  documents: number;
  records: number;
  problems: ExportProblem[];
  /** Documents left out whole, with why (a damaged layer file, an article that cannot be read). */
  skipped: SkippedDocument[];
  /** Worker threads that formatted the documents; 0 when the calling thread did it all. */
  workers: number;
}

/** For tests: another worker entry, the corpus size from which workers start, which batches this thread formats. */
export interface ExportInternals {
  workerUrl?: URL;
  minDocsForWorkers?: number;
  /** Batch k is formatted here when true, else by a worker (waiting for one to have room). */
  mainTakes?: (batch: number) => boolean;
  /** Given to a test's worker entry as `workerData.test`. */
  workerData?: Record<string, unknown>;
}

/**
 * Gathers small chunks into writes of about `limit` UTF-16 units: one write per record costs a
 * system call (and, on a stream, a drain wait) per document.
 */
function batched(write: ExportSink, onFree?: (chunks: Uint8Array[]) => void, limit = 1 << 20) {
  let parts: string[] = [];
  let size = 0;
  /** Bytes given to the sink since it last drained: the sink may still hold them. */
  let lent: Uint8Array[] = [];
  const send = async (chunk: string | Uint8Array) => {
    if (typeof chunk !== 'string') lent.push(chunk);
    const waiting = write(chunk);
    if (!waiting) return;
    await waiting;
    // Drained: the sink is done with every chunk it was given (see ExportSink).
    const free = lent;
    lent = [];
    onFree?.(free);
  };
  const flush = async () => {
    if (parts.length === 0) return;
    const chunk = parts.join('');
    parts = [];
    size = 0;
    await send(chunk);
  };
  return {
    flush,
    /** A string is gathered; bytes (a whole batch, already large) go out as they are, in order. */
    write: async (chunk: string | Uint8Array) => {
      if (typeof chunk !== 'string') {
        await flush();
        return send(chunk);
      }
      parts.push(chunk);
      size += chunk.length;
      if (size >= limit) await flush();
    },
  };
}

/**
 * Where an export goes, chunk by chunk, in order: strings, or UTF-8 bytes when worker threads
 * made them. Return a promise to hold the export back (a stream's back-pressure). Bytes are
 * lent: once a promise the sink returned has resolved, the sink must be done with every chunk it
 * was given until then (as a stream is when it drains), because their buffers are used again for
 * later batches. A sink that keeps chunks must copy them.
 */
export type ExportSink = (chunk: string | Uint8Array) => Promise<void> | void;

/**
 * Streams the export to `sink`; resolves with what was written and what was left out. Large
 * corpora are formatted by this thread and `jobs - 1` worker threads (export-worker.ts) in
 * batches, written in document order: the output, the problems and the progress steps are
 * exactly those of one loop over the documents.
 */
export async function exportLayer(corpusRoot: string, options: ExportOptions, sink: ExportSink, internals: ExportInternals = {}): Promise<ExportSummary> {
  if (options.format === 'brat') throw new Error('brat exports to a folder: use exportBratFolder');
  const jobs = options.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`jobs must be a whole number of at least 1, got ${jobs}`);
  const minDocs = internals.minDocsForWorkers ?? MIN_DOCS_FOR_WORKERS;
  const format: FormatOptions = { format: options.format, annotator: options.annotator, status: options.status };
  const startPool = () => new ExportPool(jobs - 1, { quotebenchExport: true, corpusRoot, options: format, test: internals.workerData }, internals.workerUrl, options.warn ?? (() => undefined));
  let pool = jobs >= 2 && looksLarge(corpusRoot, minDocs) ? startPool() : null;
  try {
    const src = await openExportSource(corpusRoot, options.annotator);
    const ids = (await src.corpus.describe()).docs.map((d) => d.id);
    if (jobs >= 2 && ids.length >= minDocs) pool ??= startPool();
    else if (pool) {
      void pool.close();
      pool = null;
    }
    const out = batched(sink, (chunks) => pool?.recycle(chunks));
    const summary: ExportSummary = { documents: 0, records: 0, problems: [], skipped: [], workers: 0 };
    // The header as a one-row table: unparse({fields, data: []}) already ends in a line break, which made an empty second row.
    if (options.format === 'quotes-csv') await out.write((options.bom ? '\uFEFF' : '') + Papa.unparse([QUOTE_COLUMNS as string[]], { newline: '\r\n' }) + '\r\n');
    if (options.format === 'w3c') await out.write('{\n  "@context": "http://www.w3.org/ns/anno.jsonld",\n  "type": "AnnotationCollection",\n  "items": [\n');
    let first = true;
    let done = 0;
    const emit = async (r: BatchResult) => {
      options.signal?.throwIfAborted();
      for (let k = 0; k < r.read; k += 1) options.progress?.((done += 1), ids.length);
      summary.documents += r.documents;
      summary.records += r.records;
      summary.problems.push(...r.problems);
      summary.skipped.push(...r.skipped);
      for (const part of r.parts) {
        await out.write(options.format === 'w3c' && !first ? ',\n' + part : part);
        first = false;
      }
      if (r.bytes && r.bytes.length > 0) {
        if (options.format === 'w3c' && !first) await out.write(',\n');
        await out.write(r.bytes);
        first = false;
      }
      if (r.error !== undefined) throw r.error;
    };
    if (!pool) {
      const pause = cooperative();
      for (const id of ids) await emit(await formatBatch(src, format, [id], pause));
    } else {
      await inParallel(src, format, ids, jobs, pool, emit, internals.mainTakes);
      summary.workers = pool.used();
    }
    if (options.format === 'w3c') await out.write((first ? '' : '\n') + '  ]\n}\n');
    await out.flush();
    return summary;
  } finally {
    await pool?.close();
  }
}

/**
 * brat: DOC.txt (the text as decoded) and DOC.ann per document, under `outDir` with the corpus's
 * relative paths. Written into a temporary sibling folder that is renamed into place at the end,
 * so a failed export leaves nothing behind. `outDir` must not exist or be empty.
 */
export async function exportBratFolder(corpusRoot: string, options: Omit<ExportOptions, 'format' | 'bom'>, outDir: string): Promise<ExportSummary> {
  const existing = await fs.readdir(outDir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (existing && existing.length > 0) throw new Error(`${outDir} is not empty; brat exports go into a new or empty folder`);
  assertOwnDataDir(corpusRoot);
  const project = (await openProject(corpusRoot, () => undefined, { readOnly: true })).data;
  const corpus = await Corpus.open(corpusRoot, project.settings.maxFileBytes);
  const { docs } = await corpus.describe();
  const store = new LayerStore(corpus.root, options.annotator, { readOnly: true });
  const summary: ExportSummary = { documents: 0, records: 0, problems: [], skipped: [], workers: 0 };
  const temp = path.join(path.dirname(path.resolve(outDir)), `.${path.basename(outDir)}.partial-${process.pid}-${Date.now()}`);
  await fs.mkdir(temp, { recursive: true });
  try {
    for (const [i, d] of docs.entries()) {
      options.signal?.throwIfAborted();
      options.progress?.(i + 1, docs.length);
      let stored: AnnotationFile | null;
      let doc: DocumentText;
      try {
        stored = await store.read(d.id);
        if (!stored || (options.status && stored.status !== options.status)) continue;
        doc = await corpus.readText(d.id, { keep: false });
      } catch (error) {
        if (!isDocumentProblem(error)) throw error;
        summary.skipped.push({ docId: d.id, message: error.message });
        continue;
      }
      const { layer, problems: orphaned } = layerAsExported(doc, stored);
      summary.problems.push(...orphaned);
      // DOC.txt and DOC.ann; an article of a dump (no .txt in its id) gets both beside its id.
      const base = path.join(temp, ...d.id.replace(/\.txt$/i, '').split('/'));
      await fs.mkdir(path.dirname(base), { recursive: true });
      await fs.writeFile(base + '.txt', doc.text, 'utf8');
      // Spans whose text no longer matches the file are left out (with their links), as in every export.
      const { spans, problems } = exportableSpans({ doc, layer, project }, createOffsetMap(doc.text));
      summary.problems.push(...problems);
      const ann = layerToBrat({ ...layer, spans }, doc.text);
      await fs.writeFile(base + '.ann', serialiseAnn(ann), 'utf8');
      summary.documents += 1;
      summary.records += ann.entities.length + ann.relations.length + ann.events.length + ann.attributes.length + ann.normalizations.length + ann.notes.length;
    }
    if (existing) await fs.rmdir(outDir);
    await fs.rename(temp, outDir);
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    throw error;
  }
  return summary;
}

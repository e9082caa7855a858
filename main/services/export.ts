/**
 * Writes one annotator's layer out in an export format, one document at a time (memory stays
 * flat whatever the corpus size). Used by `quotebench export` and the app's File > Export.
 */
import fss from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Worker, type MessagePort } from 'node:worker_threads';
import Papa from 'papaparse';
import { serialiseAnn } from '../../shared/formats/brat-ann.js';
import { layerToBrat } from '../../shared/formats/brat-layer.js';
import type { DocStatus } from '../../shared/model.js';
import { createOffsetMap } from '../../shared/offsets.js';
import { exportableSpans, QUOTE_COLUMNS, toJsonlRecord, toProdigyRecord, toQuoteRows, toW3cAnnotations, type ExportProblem } from '../../shared/formats/export-records.js';
import { currentView } from '../../shared/anchoring.js';
import type { AnnotationFile, DocumentText, ProjectFile } from '../../shared/model.js';
import { ApiError, type ErrorCode } from '../../shared/result.js';
import { LayerStore } from './annotations.js';
import { Corpus } from './corpus.js';
import { INDEX_FILE } from './corpus-index.js';
import { cooperative } from './cooperative.js';
import { openProject } from './project.js';
import { assertOwnDataDir } from './data-path.js';
import { defaultJobs, MAX_JOBS, MIN_DOCS_FOR_WORKERS, startWorker, workerEntry } from './workers.js';

export { MAX_JOBS, MIN_DOCS_FOR_WORKERS };

export const EXPORT_FORMATS = ['jsonl', 'quotes-jsonl', 'quotes-csv', 'w3c', 'prodigy', 'brat'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  annotator: string;
  /** Only documents with this status. */
  status?: DocStatus;
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

/** A document left out of an export because its layer file or its article could not be read (damaged, newer, gone). */
export interface SkippedDocument {
  docId: string;
  message: string;
}

/**
 * Whether `error` is about one document's files (left out, the export goes on) rather than the
 * export itself: an ApiError, which is how every reader reports a damaged, newer or missing file.
 */
export function isDocumentProblem(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

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
 * The layer as the export writes it: re-anchored in memory when the article changed since the
 * layer was written (the file is not touched), with a problem for every orphan, which is left out.
 */
export function layerAsExported(doc: DocumentText, layer: AnnotationFile): { layer: AnnotationFile; problems: ExportProblem[] } {
  const current = currentView(layer, doc.text, doc.sha256, new Date().toISOString());
  const problems = (current.orphans ?? []).map((o) => ({ docId: doc.id, spanId: o.span.id, message: `orphaned when the file changed ("${o.span.quote.slice(0, 40)}": ${o.reason}); place or delete it in the app` }));
  return { layer: current, problems };
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
 * A batch's output as UTF-8 built piece by piece in one growing buffer of its own: off the
 * JavaScript heap (a batch's strings, kept until it ends, would outlive young collections and
 * fill the old generation until the next full one), encoded by the thread that made it, and
 * transferable to another thread without a copy. `separator` goes between pieces (w3c: `,\n`).
 */
class Utf8Builder {
  private buf: Buffer;
  private length = 0;
  private pieces = 0;

  /** `reuse`: a buffer of an earlier batch, already written out. */
  constructor(
    private readonly separator: string,
    reuse?: ArrayBuffer,
  ) {
    this.buf = reuse ? Buffer.from(reuse) : Buffer.allocUnsafeSlow(1 << 20);
  }

  push(piece: string): void {
    if (this.pieces++ > 0 && this.separator) this.append(this.separator);
    this.append(piece);
  }

  private append(text: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (this.length + text.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.length + text.length * 3));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    this.length += this.buf.write(text, this.length);
  }

  /** The bytes written (a view of the buffer). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** What formatting documents needs, opened read-only once per thread. */
export interface ExportSource {
  project: ProjectFile;
  corpus: Corpus;
  store: LayerStore;
}

/** The options a thread formats documents with (no callbacks: they cross to worker threads). */
export type FormatOptions = Pick<ExportOptions, 'format' | 'annotator' | 'status'>;

/** Opens the project, the corpus and the annotator's layer read-only, as every export reads them. */
export async function openExportSource(corpusRoot: string, annotator: string): Promise<ExportSource> {
  assertOwnDataDir(corpusRoot);
  const project = (await openProject(corpusRoot, () => undefined, { readOnly: true })).data;
  const corpus = await Corpus.open(corpusRoot, project.settings.maxFileBytes);
  return { project, corpus, store: new LayerStore(corpus.root, annotator, { readOnly: true }) };
}

/**
 * A contiguous run of documents formatted: the output in pieces of one document's size (one
 * annotation each for w3c), the counts, and how far it got. Documents are read in order; at the
 * first failure the batch stops and carries the error, with what came before it. Pieces, not one
 * joined string: a string of more than 128 KB lives in V8's large-object space until the next
 * full collection, and a thousand of them made the workers' memory grow by a hundred MB.
 */
export interface BatchResult {
  parts: string[];
  /** Instead of `parts`: their UTF-8, joined (for w3c by `,\n`). */
  bytes?: Uint8Array;
  /** Documents whose layer was read (one progress step each, as in the document loop). */
  read: number;
  documents: number;
  records: number;
  problems: ExportProblem[];
  skipped: SkippedDocument[];
  error?: unknown;
}

/**
 * Formats the documents `ids` in order (the work of the export, on whichever thread): as strings
 * in `parts`, or with `asBytes` as UTF-8 in `bytes` (in `reuse` when given and large enough).
 */
export async function formatBatch(src: ExportSource, options: FormatOptions, ids: readonly string[], pause?: () => Promise<void> | undefined, asBytes = false, reuse?: ArrayBuffer): Promise<BatchResult> {
  const { project, corpus, store } = src;
  const result: BatchResult = { parts: [], read: 0, documents: 0, records: 0, problems: [], skipped: [] };
  const builder = asBytes ? new Utf8Builder(options.format === 'w3c' ? ',\n' : '', reuse) : null;
  const parts = builder ?? result.parts;
  try {
    for (const id of ids) {
      await pause?.();
      let stored: AnnotationFile | null;
      let doc: DocumentText;
      // One progress step per document, read or left out.
      result.read += 1;
      try {
        stored = await store.read(id);
        if (!stored || (options.status && stored.status !== options.status)) continue;
        doc = await corpus.readText(id, { keep: false });
      } catch (error) {
        // One damaged layer file or unreadable article is left out and reported, like a bad article in the listing.
        if (!isDocumentProblem(error)) throw error;
        result.skipped.push({ docId: id, message: error.message });
        continue;
      }
      const { layer, problems: orphaned } = layerAsExported(doc, stored);
      result.problems.push(...orphaned);
      const input = { doc, layer, project };
      result.documents += 1;
      if (options.format === 'jsonl' || options.format === 'prodigy') {
        const { record, problems } = options.format === 'jsonl' ? toJsonlRecord(input) : toProdigyRecord(input);
        result.problems.push(...problems);
        result.records += 1;
        parts.push(JSON.stringify(record) + '\n');
      } else if (options.format === 'quotes-jsonl' || options.format === 'quotes-csv') {
        const { rows, problems } = toQuoteRows(input);
        result.problems.push(...problems);
        result.records += rows.length;
        if (rows.length === 0) continue;
        if (options.format === 'quotes-jsonl') parts.push(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
        else parts.push(Papa.unparse({ fields: QUOTE_COLUMNS as string[], data: rows.map((r) => QUOTE_COLUMNS.map((c) => r[c])) }, { header: false, newline: '\r\n', quotes: false }) + '\r\n');
      } else if (options.format === 'w3c') {
        const { annotations, problems } = toW3cAnnotations(input);
        result.problems.push(...problems);
        for (const a of annotations) parts.push('    ' + JSON.stringify(a));
        result.records += annotations.length;
      } else throw new Error(`${options.format} is not a line-based export`);
    }
  } catch (error) {
    result.error = error;
  }
  if (builder) result.bytes = builder.bytes();
  return result;
}

/** Documents per batch at most (about 1 MB of JSONL for 5 KB articles). */
const BATCH_DOCS = 100;

/**
 * Whether the corpus looks large enough for workers before it is opened: its index (about 200
 * bytes per article) says so. Workers then start while this thread opens the corpus; whether
 * they are used is decided on the real count, and a wrong guess only costs their start.
 */
function looksLarge(corpusRoot: string, minDocs: number): boolean {
  try {
    return fss.statSync(path.join(corpusRoot, INDEX_FILE)).size >= minDocs * 100;
  } catch {
    return false;
  }
}

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

/** A promise settled from outside, for a batch whose answer comes later. */
interface Slot {
  promise: Promise<BatchResult>;
  resolve: (r: BatchResult | Promise<BatchResult>) => void;
  reject: (e: unknown) => void;
}

function slot(): Slot {
  let settle!: Omit<Slot, 'promise'>;
  const promise = new Promise<BatchResult>((resolve, reject) => (settle = { resolve, reject }));
  // Awaited in document order: a failure must not count as unhandled while an earlier batch is awaited.
  promise.catch(() => undefined);
  return { promise, ...settle };
}

/**
 * The documents in batches over this thread and the pool's workers, written in document order.
 * This thread formats batches too, from the first on, and each worker joins once it has opened
 * the corpus, so a worker's start (tens to hundreds of ms) costs no waiting. Two loops share the
 * thread: one hands out batches (to a worker with room, else formats the batch here, giving the
 * event loop a turn every few ms), the other writes each answer as soon as its turn comes. At
 * most `window` batches are under way or waiting to be written, which keeps memory flat
 * whatever the corpus size. `mainTakes` (tests) fixes which batches this thread formats.
 */
async function inParallel(src: ExportSource, format: FormatOptions, ids: readonly string[], threads: number, pool: ExportPool, emit: (r: BatchResult) => Promise<void>, mainTakes?: (batch: number) => boolean): Promise<void> {
  const size = Math.max(1, Math.min(BATCH_DOCS, Math.ceil(ids.length / (threads * 4))));
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  // Dropped once written: a settled promise kept here would keep its batch's output.
  const slots: (Slot | null)[] = batches.map(() => slot());
  const window = 2 + 2 * threads;
  let written = 0;
  let stopped = false;
  const wake: { producer?: () => void } = {};
  const writer = (async () => {
    try {
      for (let b = 0; b < batches.length; b += 1) {
        const result = await slots[b]!.promise;
        slots[b] = null;
        await emit(result);
        written = b + 1;
        wake.producer?.();
      }
    } finally {
      stopped = true;
      wake.producer?.();
    }
  })();
  // Awaited at the end: its failure must not count as unhandled while batches are still handed out.
  writer.catch(() => undefined);
  const pause = cooperative(5);
  for (let k = 0; k < batches.length && !stopped; k += 1) {
    while (!stopped && k >= written + window) await new Promise<void>((resolve) => (wake.producer = resolve));
    let here = mainTakes ? mainTakes(k) : !pool.hasRoom();
    if (mainTakes && !here) {
      await pool.room();
      here = !pool.hasRoom();
    }
    if (stopped) break;
    const s = slots[k]!;
    if (pool.failure) s.reject(pool.failure);
    else if (here) s.resolve(pool.local(await formatBatch(src, format, batches[k]!, pause, true, pool.takeLocal())));
    else s.resolve(pool.run(batches[k]!));
  }
  await writer;
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

/** What a worker thread is started with (export-worker.ts). */
export interface ExportWorkerData {
  quotebenchExport: true;
  corpusRoot: string;
  options: FormatOptions;
  /** For a test's worker entry (ExportInternals.workerData). */
  test?: Record<string, unknown>;
}

/** A batch as it crosses between threads: the error as its message and code. */
export type PostedBatch = Omit<BatchResult, 'error'> & { error?: { message: string; code?: ErrorCode } };

/** Messages to a worker: a batch to format, or a buffer of its own back to use again. */
type ToWorker = { id: number; ids: readonly string[] } | { recycle: ArrayBuffer };

/** Messages from a worker: ready once it opened the corpus, then one answer per batch. */
export type WorkerMessage = { type: 'ready' } | { type: 'batch'; id: number; result: PostedBatch };

/** A batch's error in a form that crosses threads (an ApiError keeps its code). */
function postedBatch(r: BatchResult): PostedBatch {
  if (r.error === undefined) return r as PostedBatch;
  const error = r.error instanceof ApiError ? { message: r.error.message, code: r.error.code } : { message: r.error instanceof Error ? r.error.message : String(r.error) };
  return { ...r, error };
}

function receivedBatch(r: PostedBatch): BatchResult {
  if (!r.error) return r;
  return { ...r, error: r.error.code ? new ApiError(r.error.code, r.error.message) : new Error(r.error.message) };
}

/** Serves batches on `port` until the thread is terminated (the body of export-worker.ts). */
export async function serveExport(port: MessagePort, data: ExportWorkerData): Promise<void> {
  const src = await openExportSource(data.corpusRoot, data.options.annotator);
  let queue = Promise.resolve();
  // Buffers of earlier batches, written out and sent back by the main thread.
  const free: ArrayBuffer[] = [];
  port.on('message', (m: ToWorker) => {
    if ('recycle' in m) return void (free.length < 4 && free.push(m.recycle));
    queue = queue.then(async () => {
      const result = postedBatch(await formatBatch(src, data.options, m.ids, undefined, true, free.pop()));
      // The bytes move to the main thread without a copy.
      port.postMessage({ type: 'batch', id: m.id, result } satisfies WorkerMessage, [result.bytes!.buffer as ArrayBuffer]);
    });
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

/** A worker's young generation in MB: a batch's garbage dies young, and a small one keeps its memory small. */
const WORKER_YOUNG_MB = 8;

/** A worker on `url`, by default the entry next to this module (export-worker.js when compiled). */
function startExportWorker(url: URL | undefined, data: ExportWorkerData): Promise<Worker> {
  return startWorker(url ?? workerEntry('export-worker'), data, { maxYoungGenerationSizeMb: WORKER_YOUNG_MB });
}

/**
 * Worker threads, each opening the corpus and then answering batches of document ids. A worker
 * that cannot start is left out (this thread does its share; `warn` is told). Once a worker has
 * started, any failure of it (an uncaught error, an exit) fails every batch still waiting and
 * the pool, so the export stops with that message. close() terminates them all.
 */
class ExportPool {
  private broken: Error | null = null;
  private closing = false;
  private nextId = 0;
  private readonly pending = new Map<number, Slot>();
  /** Started workers and their batches under way. */
  private readonly load = new Map<Worker, number>();
  private readonly answered = new Set<Worker>();
  /** Where each buffer in flight was made. */
  private readonly owner = new WeakMap<ArrayBuffer, Worker | 'here'>();
  private readonly freeHere: ArrayBuffer[] = [];
  private readonly workers: Worker[] = [];
  /** Workers being created (from sources: bundled first). */
  private readonly spawns: Promise<void>[] = [];
  private waiting: (() => void)[] = [];
  /** Workers still opening the corpus. */
  starting = 0;

  constructor(n: number, data: ExportWorkerData, url: URL | undefined, warn: (message: string) => void) {
    let warned = false;
    const warnOnce = (reason: string) => {
      if (!warned) warn(`a worker thread could not start (${reason}); the export goes on without it`);
      warned = true;
    };
    for (let i = 0; i < n; i += 1) {
      this.starting += 1;
      this.spawns.push(
        startExportWorker(url, data).then(
          (w) => this.adopt(w, warnOnce),
          (error: Error) => {
            this.starting -= 1;
            warnOnce(error.message);
            this.changed();
          },
        ),
      );
    }
  }

  private adopt(w: Worker, warnOnce: (reason: string) => void): void {
    this.workers.push(w);
    if (this.closing) return void w.terminate();
    // A failure before the worker said it was ready: it is left out, and nothing was given to it.
    const early = (reason: string) => {
      if (this.closing || this.load.has(w)) return false;
      this.starting -= 1;
      warnOnce(reason);
      void w.terminate();
      this.changed();
      return true;
    };
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') {
        this.starting -= 1;
        this.load.set(w, 0);
      } else {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.load.set(w, this.load.get(w)! - 1);
        this.answered.add(w);
        if (m.result.bytes) this.owner.set(m.result.bytes.buffer as ArrayBuffer, w);
        p.resolve(receivedBatch(m.result));
      }
      this.changed();
    });
    w.on('error', (error) => early(error.message) || this.fail(`a worker thread failed: ${error.message}`));
    w.on('messageerror', (error) => this.fail(`a worker thread sent what cannot be read: ${error.message}`));
    w.on('exit', (code) => early(`exit code ${code}`) || this.fail(`a worker thread stopped (exit code ${code})`));
  }

  /** Workers that have started (and not failed). */
  get started(): number {
    return this.load.size;
  }

  /** Why the pool failed, once a started worker failed. */
  get failure(): Error | null {
    return this.broken;
  }

  /** Whether a started worker has fewer than two batches under way. */
  hasRoom(): boolean {
    for (const n of this.load.values()) if (n < 2) return true;
    return false;
  }

  /** Resolves once a worker has room, the pool failed, or no worker is left to start. */
  async room(): Promise<void> {
    while (!this.hasRoom() && !this.broken && this.starting + this.started > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private changed(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /** The batch formatted by the least busy started worker (hasRoom() must be true). */
  run(ids: readonly string[]): Promise<BatchResult> {
    let worker: Worker | undefined;
    for (const [w, n] of this.load) if (worker === undefined || n < this.load.get(worker)!) worker = w;
    const s = slot();
    const id = this.nextId++;
    this.pending.set(id, s);
    this.load.set(worker!, this.load.get(worker!)! + 1);
    worker!.postMessage({ id, ids } satisfies ToWorker);
    return s.promise;
  }

  /** A batch formatted on this thread: its buffer comes back here once written. */
  local(r: BatchResult): BatchResult {
    if (r.bytes) this.owner.set(r.bytes.buffer as ArrayBuffer, 'here');
    return r;
  }

  /** A buffer for a batch formatted on this thread, when one was written out and is free. */
  takeLocal(): ArrayBuffer | undefined {
    return this.freeHere.pop();
  }

  /**
   * Buffers the sink is done with go back where they were made (a worker's without a copy):
   * no garbage for the collector, and none of this thread's memory waits for a full collection.
   */
  recycle(chunks: readonly Uint8Array[]): void {
    for (const chunk of chunks) {
      const buffer = chunk.buffer as ArrayBuffer;
      const owner = this.owner.get(buffer);
      this.owner.delete(buffer);
      if (owner === 'here') {
        if (this.freeHere.length < 2) this.freeHere.push(buffer);
      } else if (owner && this.load.has(owner) && !this.broken && !this.closing) owner.postMessage({ recycle: buffer } satisfies ToWorker, [buffer]);
    }
  }

  /** How many workers answered at least one batch. */
  used(): number {
    return this.answered.size;
  }

  private fail(message: string): boolean {
    if (this.closing) return true;
    this.broken ??= new Error(`export: ${message}`);
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(this.broken);
    }
    this.changed();
    return true;
  }

  /** Terminates every worker. */
  async close(): Promise<void> {
    this.closing = true;
    this.changed();
    await Promise.all(this.spawns);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

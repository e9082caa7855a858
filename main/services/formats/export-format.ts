/**
 * Formatting for the line-based exports: a run of documents read and written out as JSONL,
 * Prodigy, quote rows (JSONL or CSV) or W3C annotations, as strings or as UTF-8 bytes. The one
 * implementation, run by the calling thread and by every worker thread alike (export.ts,
 * export-pool.ts).
 */
import Papa from 'papaparse';
import { currentView } from '../../../shared/anchoring.js';
import { QUOTE_COLUMNS, toJsonlRecord, toProdigyRecord, toQuoteRows, toW3cAnnotations, type ExportProblem } from '../../../shared/formats/export-records.js';
import type { AnnotationFile, DocStatus, DocumentText, ProjectFile } from '../../../shared/model.js';
import { ApiError } from '../../../shared/result.js';
import { LayerStore } from '../store/annotations.js';
import { Corpus } from '../corpus/corpus.js';
import { assertOwnDataDir } from '../platform/data-path.js';
import { openProject } from '../store/project.js';

/** Every export format, as the CLI and the app name them. */
export const EXPORT_FORMATS = ['jsonl', 'quotes-jsonl', 'quotes-csv', 'w3c', 'prodigy', 'brat'] as const;
/** One export format's name. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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
export interface FormatOptions {
  format: ExportFormat;
  annotator: string;
  /** Only documents with this status. */
  status?: DocStatus;
}

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

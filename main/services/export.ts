/**
 * Writes one annotator's layer out in an export format, one document at a time (memory stays
 * flat whatever the corpus size). Used by `quotebench export` and the app's File > Export.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { serialiseAnn } from '../../shared/formats/brat-ann.js';
import { layerToBrat } from '../../shared/formats/brat-layer.js';
import type { DocStatus } from '../../shared/model.js';
import { createOffsetMap } from '../../shared/offsets.js';
import { exportableSpans, QUOTE_COLUMNS, toJsonlRecord, toProdigyRecord, toQuoteRows, toW3cAnnotations, type ExportProblem } from '../../shared/formats/export-records.js';
import { currentView } from '../../shared/anchoring.js';
import type { AnnotationFile, DocumentText } from '../../shared/model.js';
import { LayerStore } from './annotations.js';
import { Corpus } from './corpus.js';
import { cooperative } from './cooperative.js';
import { openProject } from './project.js';

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
}

export interface ExportSummary {
  documents: number;
  records: number;
  problems: ExportProblem[];
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
function batched(write: (chunk: string) => Promise<void> | void, limit = 1 << 20) {
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const chunk = parts.join('');
    parts = [];
    size = 0;
    await write(chunk);
  };
  return {
    flush,
    write: async (chunk: string) => {
      parts.push(chunk);
      size += chunk.length;
      if (size >= limit) await flush();
    },
  };
}

/** Streams the export to `write`; resolves with what was written and what was left out. */
export async function exportLayer(corpusRoot: string, options: ExportOptions, sink: (chunk: string) => Promise<void> | void): Promise<ExportSummary> {
  const out = batched(sink);
  const write = out.write;
  const warnings: string[] = [];
  const project = (await openProject(corpusRoot, (m) => warnings.push(m), { readOnly: true })).data;
  const corpus = await Corpus.open(corpusRoot, project.settings.maxFileBytes);
  const { docs } = await corpus.describe();
  const store = new LayerStore(corpus.root, options.annotator, { readOnly: true });
  const summary: ExportSummary = { documents: 0, records: 0, problems: [] };
  if (options.format === 'brat') throw new Error('brat exports to a folder: use exportBratFolder');
  let first = true;
  if (options.format === 'quotes-csv') await write((options.bom ? '\uFEFF' : '') + Papa.unparse({ fields: QUOTE_COLUMNS as string[], data: [] }, { newline: '\r\n' }) + '\r\n');
  if (options.format === 'w3c') await write('{\n  "@context": "http://www.w3.org/ns/anno.jsonld",\n  "type": "AnnotationCollection",\n  "items": [\n');
  const pause = cooperative();
  for (const [i, d] of docs.entries()) {
    await pause();
    const stored = await store.read(d.id);
    options.progress?.(i + 1, docs.length);
    if (!stored || (options.status && stored.status !== options.status)) continue;
    const doc = await corpus.readText(d.id);
    const { layer, problems: orphaned } = layerAsExported(doc, stored);
    summary.problems.push(...orphaned);
    const input = { doc, layer, project };
    summary.documents += 1;
    if (options.format === 'jsonl') {
      const { record, problems } = toJsonlRecord(input);
      summary.problems.push(...problems);
      summary.records += 1;
      await write(JSON.stringify(record) + '\n');
    } else if (options.format === 'prodigy') {
      const { record, problems } = toProdigyRecord(input);
      summary.problems.push(...problems);
      summary.records += 1;
      await write(JSON.stringify(record) + '\n');
    } else if (options.format === 'quotes-jsonl' || options.format === 'quotes-csv') {
      const { rows, problems } = toQuoteRows(input);
      summary.problems.push(...problems);
      summary.records += rows.length;
      if (rows.length === 0) continue;
      if (options.format === 'quotes-jsonl') await write(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
      else await write(Papa.unparse({ fields: QUOTE_COLUMNS as string[], data: rows.map((r) => QUOTE_COLUMNS.map((c) => r[c])) }, { header: false, newline: '\r\n', quotes: false }) + '\r\n');
    } else {
      const { annotations, problems } = toW3cAnnotations(input);
      summary.problems.push(...problems);
      for (const a of annotations) {
        await write((first ? '' : ',\n') + '    ' + JSON.stringify(a));
        first = false;
        summary.records += 1;
      }
    }
  }
  if (options.format === 'w3c') await write((first ? '' : '\n') + '  ]\n}\n');
  await out.flush();
  return summary;
}

/**
 * brat: DOC.txt (the text as decoded) and DOC.ann per document, under `outDir` with the corpus's
 * relative paths. Written into a temporary sibling folder that is renamed into place at the end,
 * so a failed export leaves nothing behind. `outDir` must not exist or be empty.
 */
export async function exportBratFolder(corpusRoot: string, options: Omit<ExportOptions, 'format' | 'bom'>, outDir: string): Promise<ExportSummary> {
  const existing = await fs.readdir(outDir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (existing && existing.length > 0) throw new Error(`${outDir} is not empty; brat exports go into a new or empty folder`);
  const project = (await openProject(corpusRoot, () => undefined, { readOnly: true })).data;
  const corpus = await Corpus.open(corpusRoot, project.settings.maxFileBytes);
  const { docs } = await corpus.describe();
  const store = new LayerStore(corpus.root, options.annotator, { readOnly: true });
  const summary: ExportSummary = { documents: 0, records: 0, problems: [] };
  const temp = path.join(path.dirname(path.resolve(outDir)), `.${path.basename(outDir)}.partial-${process.pid}-${Date.now()}`);
  await fs.mkdir(temp, { recursive: true });
  try {
    for (const [i, d] of docs.entries()) {
      const stored = await store.read(d.id);
      options.progress?.(i + 1, docs.length);
      if (!stored || (options.status && stored.status !== options.status)) continue;
      const doc = await corpus.readText(d.id);
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

/**
 * The persisted index of a corpus, `CORPUS/.quotebench/index.json`: per article its size, mtime,
 * sha256, title and length (or why it is skipped), and per annotator's layer file its size,
 * mtime, span count and status. Reopening a corpus then stats files instead of reading them.
 * It is derived data: an entry is used only when size and mtime still match, and a file that is
 * missing, unreadable, malformed or of another version is discarded and rebuilt, never an error.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocStatus, SkippedFile } from '../../shared/model.js';
import { writeFileDurable } from './durable-file.js';

/** Where the index lives, relative to the corpus root. */
export const INDEX_FILE = path.join('.quotebench', 'index.json');
/** Bumped whenever the shape or the meaning of an entry changes; other versions are discarded. */
export const INDEX_VERSION = 1;

/** What listing needs of a decoded article. */
export interface DecodedInfo {
  title: string;
  length: number;
  sha256: string;
}

/** An article as last seen: its decoded facts, or why it cannot be annotated. */
export interface DocEntry {
  bytes: number;
  mtimeMs: number;
  info: DecodedInfo | SkippedFile;
}

/** A layer file as last seen: what the document list shows of it. */
export interface LayerEntry {
  bytes: number;
  mtimeMs: number;
  spanCount: number;
  status: DocStatus;
}

/**
 * On disk, entries are tuples (a third of the size of objects, and parsed that much faster):
 * docs: id → [bytes, mtimeMs, sha256, title, length] or [bytes, mtimeMs, null, reason, message];
 * layers: annotator → id → [bytes, mtimeMs, spanCount, status]. Docs are kept in document order.
 */
interface IndexFile {
  version: number;
  docs: Record<string, [number, number, string | null, string, number | string]>;
  layers: Record<string, Record<string, [number, number, number, DocStatus]>>;
}

const STATUSES = new Set<string>(['todo', 'in-progress', 'done']);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function docEntry(id: string, v: unknown): DocEntry | null {
  if (!Array.isArray(v) || v.length !== 5) return null;
  const [bytes, mtimeMs, sha256, a, b] = v as unknown[];
  if (!isNum(bytes) || !isNum(mtimeMs) || typeof a !== 'string') return null;
  if (typeof sha256 === 'string' && isNum(b)) return { bytes, mtimeMs, info: { sha256, title: a, length: b } };
  if (sha256 === null && typeof b === 'string') return { bytes, mtimeMs, info: { id, reason: a as SkippedFile['reason'], message: b, bytes } };
  return null;
}

function docTuple(e: DocEntry): IndexFile['docs'][string] {
  return 'reason' in e.info ? [e.bytes, e.mtimeMs, null, e.info.reason, e.info.message] : [e.bytes, e.mtimeMs, e.info.sha256, e.info.title, e.info.length];
}

function layerEntry(v: unknown): LayerEntry | null {
  if (!Array.isArray(v) || v.length !== 4) return null;
  const [bytes, mtimeMs, spanCount, status] = v as unknown[];
  if (!isNum(bytes) || !isNum(mtimeMs) || !isNum(spanCount) || typeof status !== 'string' || !STATUSES.has(status)) return null;
  return { bytes, mtimeMs, spanCount, status: status as DocStatus };
}

/** The index of one corpus in memory; `save()` writes it when something changed. */
export class CorpusIndex {
  private docs = new Map<string, DocEntry>();
  private layers = new Map<string, Map<string, LayerEntry>>();
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly createDataDir: boolean,
  ) {}

  /**
   * The corpus's index as on disk; empty when there is none or it cannot be used.
   * `createDataDir`: whether save() may create `.quotebench` (the app does; the CLI's read-only
   * commands only keep an index in a corpus that already has one).
   */
  static async load(corpusRoot: string, opts: { createDataDir?: boolean } = {}): Promise<CorpusIndex> {
    const index = new CorpusIndex(path.join(corpusRoot, INDEX_FILE), opts.createDataDir ?? false);
    let data: unknown;
    try {
      data = JSON.parse(await fs.readFile(index.file, 'utf8'));
    } catch {
      return index; // missing or damaged: rebuilt from the files
    }
    if (!isObj(data) || data.version !== INDEX_VERSION || !isObj(data.docs)) return index;
    for (const [id, v] of Object.entries(data.docs)) {
      const e = docEntry(id, v);
      if (e) index.docs.set(id, e);
    }
    if (isObj(data.layers)) {
      for (const [annotator, files] of Object.entries(data.layers)) {
        if (!isObj(files)) continue;
        const m = new Map<string, LayerEntry>();
        for (const [id, v] of Object.entries(files)) {
          const e = layerEntry(v);
          if (e) m.set(id, e);
        }
        index.layers.set(annotator, m);
      }
    }
    return index;
  }

  /** The article's entry when its size and mtime are still these. */
  doc(id: string, bytes: number, mtimeMs: number): DocEntry['info'] | null {
    const e = this.docs.get(id);
    return e && e.bytes === bytes && e.mtimeMs === mtimeMs ? e.info : null;
  }

  setDoc(id: string, entry: DocEntry): void {
    const e = this.docs.get(id);
    if (e && e.bytes === entry.bytes && e.mtimeMs === entry.mtimeMs && JSON.stringify(e.info) === JSON.stringify(entry.info)) return;
    this.docs.set(id, entry);
    this.dirty = true;
  }

  /** Keeps only the articles in `order`, in that order (files that went away leave the index; a reader sees them in document order). */
  keepDocs(order: readonly string[]): void {
    const kept = new Map<string, DocEntry>();
    for (const id of order) {
      const e = this.docs.get(id);
      if (e) kept.set(id, e);
    }
    if (kept.size !== this.docs.size) this.dirty = true;
    this.docs = kept;
  }

  /** The layer file's entry when its size and mtime are still these. */
  layer(annotator: string, docId: string, bytes: number, mtimeMs: number): LayerEntry | null {
    const e = this.layers.get(annotator)?.get(docId);
    return e && e.bytes === bytes && e.mtimeMs === mtimeMs ? e : null;
  }

  setLayer(annotator: string, docId: string, entry: LayerEntry | null): void {
    let m = this.layers.get(annotator);
    const e = m?.get(docId);
    if (entry === null) {
      if (e) {
        m!.delete(docId);
        this.dirty = true;
      }
      return;
    }
    if (e && e.bytes === entry.bytes && e.mtimeMs === entry.mtimeMs && e.spanCount === entry.spanCount && e.status === entry.status) return;
    if (!m) this.layers.set(annotator, (m = new Map()));
    m.set(docId, entry);
    this.dirty = true;
  }

  /**
   * Writes the index durably when it changed. A failure (a read-only folder, a full disk) only
   * means the next open reads the files again, so it is swallowed.
   */
  async save(): Promise<void> {
    if (!this.dirty) return;
    if (!this.createDataDir && !(await fs.stat(path.dirname(this.file)).then((st) => st.isDirectory(), () => false))) return;
    this.dirty = false;
    const data: IndexFile = {
      version: INDEX_VERSION,
      docs: Object.fromEntries([...this.docs].map(([id, e]) => [id, docTuple(e)])),
      layers: Object.fromEntries([...this.layers].map(([a, m]) => [a, Object.fromEntries([...m].map(([id, e]) => [id, [e.bytes, e.mtimeMs, e.spanCount, e.status]]))])),
    };
    try {
      await writeFileDurable(this.file, JSON.stringify(data));
    } catch {
      this.dirty = true;
    }
  }
}

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

interface IndexFile {
  version: number;
  docs: Record<string, DocEntry>;
  layers: Record<string, Record<string, LayerEntry>>;
}

const STATUSES = new Set<string>(['todo', 'in-progress', 'done']);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function docEntry(v: unknown): DocEntry | null {
  if (!isObj(v) || !isNum(v.bytes) || !isNum(v.mtimeMs) || !isObj(v.info)) return null;
  const i = v.info;
  if (typeof i.title === 'string' && isNum(i.length) && typeof i.sha256 === 'string') return { bytes: v.bytes, mtimeMs: v.mtimeMs, info: { title: i.title, length: i.length, sha256: i.sha256 } };
  if (typeof i.id === 'string' && typeof i.reason === 'string' && typeof i.message === 'string' && isNum(i.bytes)) return { bytes: v.bytes, mtimeMs: v.mtimeMs, info: { id: i.id, reason: i.reason as SkippedFile['reason'], message: i.message, bytes: i.bytes } };
  return null;
}

function layerEntry(v: unknown): LayerEntry | null {
  if (!isObj(v) || !isNum(v.bytes) || !isNum(v.mtimeMs) || !isNum(v.spanCount) || typeof v.status !== 'string' || !STATUSES.has(v.status)) return null;
  return { bytes: v.bytes, mtimeMs: v.mtimeMs, spanCount: v.spanCount, status: v.status as DocStatus };
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
      const e = docEntry(v);
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

  /** Keeps only the articles in `ids` (files that went away leave the index). */
  retainDocs(ids: ReadonlySet<string>): void {
    for (const id of this.docs.keys()) {
      if (!ids.has(id)) {
        this.docs.delete(id);
        this.dirty = true;
      }
    }
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
    const data: IndexFile = { version: INDEX_VERSION, docs: Object.fromEntries(this.docs), layers: Object.fromEntries([...this.layers].map(([a, m]) => [a, Object.fromEntries(m)])) };
    try {
      await writeFileDurable(this.file, JSON.stringify(data));
    } catch {
      this.dirty = true;
    }
  }
}

/**
 * The persisted index of a corpus, `CORPUS/.quotebench/index.json`: per article its size, mtime,
 * sha256, title and length (or why it is skipped), and per annotator's layer file its size,
 * mtime, span count and status. Reopening a corpus then stats files instead of reading them.
 * It is derived data: an entry is used only when size and mtime still match, and a file that is
 * missing, unreadable, malformed or of another version is discarded and rebuilt, never an error.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocStatus, SkippedFile } from '../../../shared/model.js';
import { writeFileDurable } from '../platform/durable-file.js';
import { assertOwnDataPath } from '../platform/data-path.js';
import { INDEX_FILE_VERSION, indexDocColumnsSchema, indexLayerColumnsSchema, indexListingSchema } from '../../../shared/schemas.js';

/** Where the index lives, relative to the corpus root. */
export const INDEX_FILE = path.join('.quotebench', 'index.json');
/**
 * Bumped whenever the shape or the meaning of an entry changes; other versions are discarded.
 * 3: names a document id or a layer file cannot hold are listed apart (`bad-name`), where
 * version 2 listed them as articles.
 */
export const INDEX_VERSION = INDEX_FILE_VERSION;

/** What listing needs of a decoded article. */
export interface DecodedInfo {
  title: string;
  length: number;
  sha256: string;
}

/** An annotatable article as the document list shows it. */
export interface ListedInfo extends DecodedInfo {
  id: string;
  bytes: number;
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
 * On disk, entries are columns: one array per field, position i of each for the i-th id
 * (docs in document order). Flat arrays parse several times faster than one object or array per
 * entry and leave nothing per entry for the collector; entries are checked and made into
 * objects only when asked for.
 * docs: ids, bytes, mtimeMs, sha256 (null: cannot be annotated), title (or the reason),
 * length (or the message); layers: annotator → ids, bytes, mtimeMs, spanCount, status.
 */
interface DocColumns {
  ids: string[];
  bytes: unknown[];
  mtimeMs: unknown[];
  sha256: unknown[];
  title: unknown[];
  length: unknown[];
}
interface LayerColumns {
  ids: string[];
  bytes: unknown[];
  mtimeMs: unknown[];
  spanCount: unknown[];
  status: unknown[];
}

const STATUSES = new Set<string>(['todo', 'in-progress', 'done']);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function docAt(c: DocColumns, i: number): DocEntry | null {
  const id = c.ids[i]!;
  const [bytes, mtimeMs, sha256, a, b] = [c.bytes[i], c.mtimeMs[i], c.sha256[i], c.title[i], c.length[i]];
  if (!isNum(bytes) || !isNum(mtimeMs) || typeof a !== 'string') return null;
  if (typeof sha256 === 'string' && isNum(b)) return { bytes, mtimeMs, info: { sha256, title: a, length: b } };
  if (sha256 === null && typeof b === 'string') return { bytes, mtimeMs, info: { id, reason: a as SkippedFile['reason'], message: b, bytes } };
  return null;
}

function layerAt(c: LayerColumns, i: number): LayerEntry | null {
  const [bytes, mtimeMs, spanCount, status] = [c.bytes[i], c.mtimeMs[i], c.spanCount[i], c.status[i]];
  if (!isNum(bytes) || !isNum(mtimeMs) || !isNum(spanCount) || typeof status !== 'string' || !STATUSES.has(status)) return null;
  return { bytes, mtimeMs, spanCount, status: status as DocStatus };
}

/**
 * Entries by id: a position in the columns read from disk (made into an entry, and checked,
 * only when asked for) or an entry set since.
 */
class Entries<E, C extends { ids: string[] }> {
  readonly map = new Map<string, number | E>();

  constructor(
    /** The columns read from disk, which positions in `map` point into. */
    readonly columns: C | null,
    private readonly at: (c: C, i: number) => E | null,
  ) {
    if (columns) for (let i = 0; i < columns.ids.length; i += 1) this.map.set(columns.ids[i]!, i);
  }

  get(id: string): E | null {
    const v = this.map.get(id);
    if (v === undefined) return null;
    // Read from disk: checked each time (a malformed entry answers null and is not saved again).
    return typeof v === 'number' ? this.at(this.columns!, v) : v;
  }

  /** Every entry that is well formed, in map order. */
  *entries(): Generator<[string, E]> {
    for (const id of [...this.map.keys()]) {
      const e = this.get(id);
      if (e) yield [id, e];
    }
  }
}

/**
 * What the last complete description of the folder found besides the articles: the files listed
 * apart (with the size limit they were judged by). With the articles' entries, in document order,
 * it is the whole document list as it was, which a reopened corpus shows before checking.
 */
export interface Listing {
  maxFileBytes: number;
  skipped: SkippedFile[];
}

/** The index of one corpus in memory; `save()` writes it when something changed. */
export class CorpusIndex {
  private docs = new Entries<DocEntry, DocColumns>(null, docAt);
  private layers = new Map<string, Entries<LayerEntry, LayerColumns>>();
  private lastListing: Listing | null = null;
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly createDataDir: boolean,
    /** Never saved (`quotebench stats`, a dry run): the corpus folder is left exactly as it is. */
    private readonly readOnly = false,
  ) {}

  /**
   * The corpus's index as on disk; empty when there is none or it cannot be used.
   * `createDataDir`: whether save() may create `.quotebench` (the app does; the CLI's read-only
   * commands only keep an index in a corpus that already has one). `readOnly`: never saved.
   * An index reached through a link (data-path.ts) is not read: it is not this corpus's.
   */
  static async load(corpusRoot: string, opts: { createDataDir?: boolean; readOnly?: boolean } = {}): Promise<CorpusIndex> {
    const index = new CorpusIndex(path.join(corpusRoot, INDEX_FILE), opts.createDataDir ?? false, opts.readOnly ?? false);
    let data: unknown;
    try {
      assertOwnDataPath(corpusRoot, index.file);
      data = JSON.parse(await fs.readFile(index.file, 'utf8'));
    } catch {
      return index; // missing or damaged: rebuilt from the files
    }
    // Read part by part through the file's schema (shared/schemas.ts corpusIndexFileSchema): a
    // damaged annotator's columns or listing costs only that part, not the articles' entries.
    if (!isObj(data) || data.version !== INDEX_VERSION) return index;
    const docs = indexDocColumnsSchema.safeParse(data.docs);
    if (!docs.success) return index;
    index.docs = new Entries(docs.data, docAt);
    if (isObj(data.layers)) {
      for (const [annotator, v] of Object.entries(data.layers)) {
        const cols = indexLayerColumnsSchema.safeParse(v);
        if (cols.success) index.layers.set(annotator, new Entries(cols.data, layerAt));
      }
    }
    const listing = indexListingSchema.safeParse(data.listing);
    index.lastListing = listing.success ? listing.data : null;
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
    this.docs.map.set(id, entry);
    this.dirty = true;
  }

  /** Keeps only the articles in `order`, in that order (files that went away leave the index; a reader sees them in document order). */
  keepDocs(order: readonly string[]): void {
    const map = this.docs.map;
    if (map.size === order.length) {
      // The usual case, a reopened corpus: the same ids in the same order, nothing to rebuild.
      let k = 0;
      let same = true;
      for (const id of map.keys()) {
        if (id !== order[k++]) {
          same = false;
          break;
        }
      }
      if (same) return;
    }
    const kept: [string, number | DocEntry][] = [];
    for (const id of order) {
      const v = map.get(id);
      if (v !== undefined) kept.push([id, v]);
    }
    if (kept.length !== map.size) this.dirty = true;
    map.clear();
    for (const [id, v] of kept) map.set(id, v);
  }

  /** Records what a complete description of the folder listed apart; null: it cannot be kept (dumps, indexed in memory only). */
  setListing(listing: Listing | null): void {
    if (JSON.stringify(listing) === JSON.stringify(this.lastListing)) return;
    this.lastListing = listing;
    this.dirty = true;
  }

  /**
   * The document list as the last complete description left it, unchecked (no file is
   * stat'ed): the articles in document order and the files listed apart. Null when there is no
   * such listing, it was judged by another size limit, or an entry is malformed.
   */
  listing(maxFileBytes: number): { docs: ListedInfo[]; skipped: SkippedFile[] } | null {
    const l = this.lastListing;
    if (!l || l.maxFileBytes !== maxFileBytes) return null;
    const docs: ListedInfo[] = [];
    for (const [id, v] of this.docs.map) {
      // Straight from the columns where the entry was read from disk: one object per article.
      if (typeof v === 'number') {
        const c = this.docs.columns!;
        const [bytes, mtimeMs, sha256, title, length] = [c.bytes[v], c.mtimeMs[v], c.sha256[v], c.title[v], c.length[v]];
        if (!isNum(bytes) || !isNum(mtimeMs) || typeof title !== 'string') return null;
        if (typeof sha256 === 'string' && isNum(length)) docs.push({ id, bytes, title, length, sha256 });
        else if (sha256 !== null || typeof length !== 'string') return null;
        continue;
      }
      if (!('reason' in v.info)) docs.push({ id, bytes: v.bytes, title: v.info.title, length: v.info.length, sha256: v.info.sha256 });
    }
    return { docs, skipped: l.skipped };
  }

  /** Whether the index holds a listing at all (whatever the size limit). */
  hasListing(): boolean {
    return this.lastListing !== null;
  }

  /** Whether the index holds the layer files of `annotator` as last listed. */
  hasLayers(annotator: string): boolean {
    return this.layers.has(annotator);
  }

  /** The layer file's entry as last seen, unchecked (for the provisional list). */
  layerAsLastSeen(annotator: string, docId: string): LayerEntry | null {
    return this.layers.get(annotator)?.get(docId) ?? null;
  }

  /** The layer file's entry when its size and mtime are still these. */
  layer(annotator: string, docId: string, bytes: number, mtimeMs: number): LayerEntry | null {
    const e = this.layers.get(annotator)?.get(docId);
    return e && e.bytes === bytes && e.mtimeMs === mtimeMs ? e : null;
  }

  /** Whether the index has an entry (current or not) for that layer file. */
  hasLayer(annotator: string, docId: string): boolean {
    return this.layers.get(annotator)?.map.has(docId) ?? false;
  }

  setLayer(annotator: string, docId: string, entry: LayerEntry | null): void {
    let m = this.layers.get(annotator);
    const e = m?.get(docId);
    if (entry === null) {
      if (e) {
        m!.map.delete(docId);
        this.dirty = true;
      }
      return;
    }
    if (e && e.bytes === entry.bytes && e.mtimeMs === entry.mtimeMs && e.spanCount === entry.spanCount && e.status === entry.status) return;
    if (!m) this.layers.set(annotator, (m = new Entries<LayerEntry, LayerColumns>(null, layerAt)));
    m.map.set(docId, entry);
    this.dirty = true;
  }

  /**
   * Writes the index durably when it changed. A failure (a read-only folder, a full disk) only
   * means the next open reads the files again, so it is swallowed.
   */
  async save(): Promise<void> {
    if (!this.dirty || this.readOnly) return;
    if (!this.createDataDir && !(await fs.stat(path.dirname(this.file)).then((st) => st.isDirectory(), () => false))) return;
    this.dirty = false;
    const docs: DocColumns = { ids: [], bytes: [], mtimeMs: [], sha256: [], title: [], length: [] };
    for (const [id, e] of this.docs.entries()) {
      docs.ids.push(id);
      docs.bytes.push(e.bytes);
      docs.mtimeMs.push(e.mtimeMs);
      const info = e.info;
      docs.sha256.push('reason' in info ? null : info.sha256);
      docs.title.push('reason' in info ? info.reason : info.title);
      docs.length.push('reason' in info ? info.message : info.length);
    }
    const layers: Record<string, LayerColumns> = {};
    for (const [annotator, m] of this.layers) {
      const c: LayerColumns = { ids: [], bytes: [], mtimeMs: [], spanCount: [], status: [] };
      for (const [id, e] of m.entries()) {
        c.ids.push(id);
        c.bytes.push(e.bytes);
        c.mtimeMs.push(e.mtimeMs);
        c.spanCount.push(e.spanCount);
        c.status.push(e.status);
      }
      layers[annotator] = c;
    }
    const data = { version: INDEX_VERSION, docs, layers, ...(this.lastListing ? { listing: this.lastListing } : {}) };
    try {
      await writeFileDurable(this.file, JSON.stringify(data));
    } catch {
      this.dirty = true;
    }
  }
}

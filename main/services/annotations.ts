/**
 * One annotator's layer: one lowdb file per document at
 * `CORPUS/.quotebench/annotations/ANNOTATOR/DOC_ID.json`, so an edit rewrites one small file
 * whatever the corpus size. Every mutation is on disk before its promise resolves.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { AnnotationFile, DocStatus } from '../../shared/model.js';
import { ApiError } from '../../shared/result.js';
import { DATA_DIR } from './corpus.js';
import { CorruptFileError, DurableJSONFile, NewerVersionError, quarantine, type FileFormat, type Versioning } from './durable-file.js';
import { acquireLayerLock } from './layer-lock.js';
import { assertOwnDataPath } from './data-path.js';
import { currentView, reanchorLayer } from '../../shared/anchoring.js';
import type { CorpusIndex, LayerEntry } from './corpus-index.js';
import { cooperative } from './cooperative.js';
import { LAYER_VERSION, readLayerHeader, statAndHeader } from './layer-header.js';

export { readLayerHeader };

/** A fresh span id. */
export function newSpanId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return 's_' + Array.from(randomBytes(12), (b) => alphabet[b % 36]).join('');
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Layer files' schema versions (docs/FORMATS.md). Quotebench has written version 1 since its
 * first release; version 0 is a layer without `schemaVersion` (written by hand or by another
 * tool in the version 1 shape), whose optional fields may be missing.
 */
export const LAYER_VERSIONING: Versioning = {
  current: LAYER_VERSION,
  migrations: [
    {
      from: 0,
      describe: 'stamps schemaVersion 1; a missing status becomes todo, missing relations an empty list, a span without attrs or note gets empty ones',
      up: (d) => ({
        ...d,
        status: d.status ?? 'todo',
        relations: d.relations ?? [],
        spans: Array.isArray(d.spans) ? d.spans.map((s: unknown) => (isObject(s) ? { ...s, attrs: s.attrs ?? {}, note: s.note ?? '' } : s)) : d.spans,
      }),
    },
  ],
};

function checkLayer(data: unknown): string | null {
  if (!isObject(data)) return 'is not an annotation object';
  const d = data as Partial<AnnotationFile>;
  if (!Array.isArray(d.spans)) return 'has no span list';
  for (const s of d.spans) {
    if (typeof s?.id !== 'string' || !Number.isInteger(s.start) || !Number.isInteger(s.end) || typeof s.label !== 'string') return 'has a span without id, start, end or label';
  }
  return null;
}

/**
 * How layer files are written: `JSON.stringify(…, null, 2)` with `schemaVersion`, `status` and
 * `spanCount` (always `spans.length`) as the first three keys, so the document list can read a
 * file's first bytes instead of parsing it (readLayerHeader). `spanCount` is derived: reading
 * drops it, the layer in memory never carries it, and every write computes it again.
 */
export const LAYER_FORMAT: FileFormat<AnnotationFile> = {
  serialize(layer) {
    const { schemaVersion, status, spanCount: _derived, ...rest } = layer as AnnotationFile & { spanCount?: unknown };
    return JSON.stringify({ schemaVersion, status, spanCount: layer.spans.length, ...rest }, null, 2) + '\n';
  },
  revive(layer) {
    if (!('spanCount' in layer)) return layer;
    // A copy without it rather than `delete`, which leaves the object in V8's slow dictionary mode.
    const { spanCount: _derived, ...rest } = layer as AnnotationFile & { spanCount?: unknown };
    return rest;
  },
};

function newerLayer(docId: string, error: NewerVersionError): ApiError {
  return new ApiError('unsupported', `The annotation file for ${docId} ${error.reason}. It was left as it is; update Quotebench to open or edit this document.`);
}

/** The folder of one annotator's layer. */
export function layerDir(corpusRoot: string, annotator: string): string {
  return path.join(corpusRoot, DATA_DIR, 'annotations', annotator);
}

/** The file of one annotator's layer for one document. */
export function layerFile(corpusRoot: string, annotator: string, docId: string): string {
  return path.join(layerDir(corpusRoot, annotator), ...docId.split('/')) + '.json';
}

/** Reads and writes one annotator's layer files, one write at a time per file. */
export class LayerStore {
  private dbs = new Map<string, Low<AnnotationFile>>();
  private queues = new Map<string, Promise<unknown>>();
  private reanchored = new Map<string, { moved: number; orphaned: number }>();
  private readonly dir: string;

  /**
   * `textOf`: the document's current text. With it, the first write after the article changed on
   * disk re-anchors the layer's spans (or orphans them) before the edit, whichever handler writes.
   */
  constructor(
    readonly corpusRoot: string,
    readonly annotator: string,
    private readonly opts: { readOnly?: boolean; textOf?: (docId: string) => Promise<{ text: string; sha256: string }> } = {},
  ) {
    this.dir = layerDir(corpusRoot, annotator);
  }

  /** layerFile() for this layer, without joining the layer's folder again for every document. */
  private fileOf(docId: string): string {
    return path.join(this.dir, ...docId.split('/')) + '.json';
  }

  /** What the last re-anchoring of this document did, once (then forgotten); undefined when none. */
  takeReanchored(docId: string): { moved: number; orphaned: number } | undefined {
    const r = this.reanchored.get(docId);
    this.reanchored.delete(docId);
    return r;
  }

  /** The layer file's content as on disk, or null when there is none; never moves or writes. */
  async read(docId: string): Promise<AnnotationFile | null> {
    try {
      return await new DurableJSONFile<AnnotationFile>(this.fileOf(docId), checkLayer, LAYER_VERSIONING, LAYER_FORMAT).read();
    } catch (error) {
      if (error instanceof CorruptFileError) throw new ApiError('corrupt', `The annotation file for ${docId} ${error.reason}.`);
      if (error instanceof NewerVersionError) throw newerLayer(docId, error);
      throw error;
    }
  }

  /**
   * The layer as it reads against the document's current text (`sha256`): re-anchored in memory
   * when the article changed since it was written (`textOf` is asked only then); never writes.
   */
  async readCurrent(docId: string, sha256: string, textOf: () => Promise<{ text: string }>): Promise<AnnotationFile | null> {
    const layer = await this.read(docId);
    if (!layer || !layer.docSha256 || layer.docSha256 === sha256) return layer;
    return currentView(layer, (await textOf()).text, sha256, new Date().toISOString());
  }

  /**
   * Span count and status per document as the index last saw them, no file stat'ed (the
   * provisional list of a reopened corpus); null when the index does not hold this layer while
   * its folder exists, or a layer is open in memory (then the files have been looked at anyway).
   */
  provisionalSummaries(docIds: readonly string[], index: CorpusIndex): Pick<LayerEntry, 'spanCount' | 'status'>[] | null {
    if (this.dbs.size > 0) return null;
    if (!index.hasLayers(this.annotator) && fs.existsSync(this.dir)) return null;
    return docIds.map((docId) => {
      const e = index.layerAsLastSeen(this.annotator, docId);
      // No entry: no layer file when last seen (no span, to do).
      return e ? { spanCount: e.spanCount, status: e.status } : { spanCount: 0, status: 'todo' };
    });
  }

  /**
   * What the document list shows of each layer file (span count and status) without keeping
   * the layers in memory: from the layer already loaded here, else from `index` when the file's
   * size and mtime match, else read once (synchronously: layer files are small) and noted in
   * `index`. A file that cannot be used goes through load(), which moves it aside: it counts as
   * empty and the message goes to `warn`. The event loop gets a turn now and then.
   */
  async summaries(
    docIds: readonly string[],
    index: CorpusIndex,
    warn: (message: string) => unknown,
    onProgress?: (done: number) => void,
  ): Promise<Pick<LayerEntry, 'spanCount' | 'status'>[]> {
    // No layer folder yet (a new annotator): nothing to stat.
    const none = this.dbs.size === 0 && !fs.existsSync(this.dir);
    const pause = cooperative();
    const out: Pick<LayerEntry, 'spanCount' | 'status'>[] = [];
    for (const [i, docId] of docIds.entries()) {
      await pause();
      if (onProgress && i % 100 === 0) onProgress(i);
      if (none) {
        index.setLayer(this.annotator, docId, null);
        out.push({ spanCount: 0, status: 'todo' });
        continue;
      }
      try {
        out.push(await this.summaryOne(docId, index));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        await warn(error.message);
        out.push({ spanCount: 0, status: 'todo' });
      }
    }
    return out;
  }

  private async summaryOne(docId: string, index: CorpusIndex): Promise<Pick<LayerEntry, 'spanCount' | 'status'>> {
    const loaded = this.dbs.get(docId);
    const file = this.fileOf(docId);
    let st: { size: number; mtimeMs: number } | undefined;
    let header: Pick<LayerEntry, 'spanCount' | 'status'> | null = null;
    try {
      if (!loaded && !index.hasLayer(this.annotator, docId)) {
        // Nothing to compare a stat with: open at once and read the header through the same descriptor.
        const seen = statAndHeader(file);
        st = seen;
        header = seen?.header ?? null;
      } else st = fs.statSync(file, { throwIfNoEntry: false });
    } catch (error) {
      if (loaded) return { spanCount: loaded.data.spans.length, status: loaded.data.status };
      throw new ApiError('io', `The annotation file for ${docId} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    if (loaded) {
      // The layer in memory is the truth (it was read whole): the index learns it too, which
      // corrects a count that came from a hand-edited header.
      const entry = { spanCount: loaded.data.spans.length, status: loaded.data.status };
      index.setLayer(this.annotator, docId, st ? { bytes: st.size, mtimeMs: st.mtimeMs, ...entry } : null);
      return entry;
    }
    if (!st) {
      index.setLayer(this.annotator, docId, null);
      return { spanCount: 0, status: 'todo' };
    }
    const known = index.layer(this.annotator, docId, st.size, st.mtimeMs);
    if (known) return { spanCount: known.spanCount, status: known.status };
    let data: Pick<LayerEntry, 'spanCount' | 'status'> | null = header;
    try {
      data ??= readLayerHeader(file, st.size);
      if (!data) {
        const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
        // A file of a newer schema version is not counted here: load() refuses it with its message.
        const newer = isObject(parsed) && typeof parsed.schemaVersion === 'number' && parsed.schemaVersion > LAYER_VERSIONING.current;
        if (!newer && checkLayer(parsed) === null) data = { spanCount: (parsed as AnnotationFile).spans.length, status: (parsed as Partial<AnnotationFile>).status ?? 'todo' };
      }
    } catch {
      data = null;
    }
    if (!data) {
      const layer = await this.load(docId); // throws ApiError('corrupt') after moving the file aside
      return { spanCount: layer.spans.length, status: layer.status };
    }
    index.setLayer(this.annotator, docId, { bytes: st.size, mtimeMs: st.mtimeMs, ...data });
    return { spanCount: data.spanCount, status: data.status };
  }

  private empty(docId: string, docSha256: string): AnnotationFile {
    return { schemaVersion: 1, docId, annotator: this.annotator, docSha256, status: 'todo', spans: [], relations: [], updated: new Date().toISOString() };
  }

  /** The layer for a document; an empty one when there is no file yet. */
  async load(docId: string, docSha256 = ''): Promise<AnnotationFile> {
    return (await this.db(docId, docSha256)).data;
  }

  private async db(docId: string, docSha256: string): Promise<Low<AnnotationFile>> {
    const cached = this.dbs.get(docId);
    if (cached) return cached;
    const file = this.fileOf(docId);
    const db = new Low<AnnotationFile>(new DurableJSONFile(file, checkLayer, LAYER_VERSIONING, LAYER_FORMAT), this.empty(docId, docSha256));
    try {
      await db.read();
    } catch (error) {
      // A newer version's file is refused as it is: not moved, not cached, so never written.
      if (error instanceof NewerVersionError) throw newerLayer(docId, error);
      if (!(error instanceof CorruptFileError)) throw error;
      // Never overwrite what could not be read: move it aside and say where it went.
      const moved = await quarantine(file);
      throw new ApiError('corrupt', `The annotation file for ${docId} ${error.reason}. It was moved to ${moved}; the document starts empty.`);
    }
    db.data = { ...this.empty(docId, docSha256), ...db.data, relations: db.data.relations ?? [] };
    this.dbs.set(docId, db);
    return db;
  }

  /**
   * Applies `change` to the document's layer and writes it durably. Calls for one document
   * run one after another; a failed write leaves memory as it was on disk.
   */
  async mutate<T>(docId: string, docSha256: string, change: (layer: AnnotationFile) => T): Promise<{ result: T; layer: AnnotationFile }> {
    if (this.opts.readOnly) throw new ApiError('forbidden', `The layer of ${this.annotator} is read-only here`);
    await acquireLayerLock(this.corpusRoot, this.annotator);
    const run = async () => {
      const db = await this.db(docId, docSha256);
      const before = structuredClone(db.data);
      let result: T;
      let reanchored: { moved: number; orphaned: number } | null = null;
      try {
        if (this.opts.textOf && db.data.docSha256 && docSha256 && db.data.docSha256 !== docSha256) {
          // The article changed since these spans were made: find each again or keep it as an orphan.
          const doc = await this.opts.textOf(docId);
          if (doc.sha256 !== docSha256) throw new ApiError('stale', `${docId} changed on disk while saving; open it again.`);
          const r = reanchorLayer(db.data.spans, db.data.relations, doc.text, new Date().toISOString());
          db.data.spans = r.spans;
          db.data.relations = r.relations;
          if (r.orphans.length > 0) db.data.orphans = [...(db.data.orphans ?? []), ...r.orphans];
          reanchored = { moved: r.moved.length, orphaned: r.orphans.length };
        }
        result = change(db.data);
      } catch (error) {
        db.data = before;
        throw error;
      }
      db.data.docSha256 = docSha256 || db.data.docSha256;
      db.data.updated = new Date().toISOString();
      try {
        await db.write();
      } catch (error) {
        db.data = before;
        throw new ApiError('io', `Could not save ${docId}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      if (reanchored) this.reanchored.set(docId, reanchored);
      return { result, layer: db.data };
    };
    const previous = this.queues.get(docId) ?? Promise.resolve();
    const next = previous.then(run, run);
    this.queues.set(
      docId,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Deletes the document's layer file, after the writes queued for it (an import putting back a layer that did not exist). */
  async discard(docId: string): Promise<void> {
    if (this.opts.readOnly) throw new ApiError('forbidden', `The layer of ${this.annotator} is read-only here`);
    await (this.queues.get(docId) ?? Promise.resolve());
    this.dbs.delete(docId);
    assertOwnDataPath(this.corpusRoot, this.fileOf(docId));
    await fs.promises.rm(this.fileOf(docId), { force: true });
  }

  /** Sets `in-progress` on the first edit of a `todo` document. */
  static touch(layer: AnnotationFile): DocStatus {
    if (layer.status === 'todo') layer.status = 'in-progress';
    return layer.status;
  }
}

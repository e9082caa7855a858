/**
 * One annotator's layer: one lowdb file per document at
 * `CORPUS/.quotebench/annotations/ANNOTATOR/DOC_ID.json`, so an edit rewrites one small file
 * whatever the corpus size. Every mutation is on disk before its promise resolves.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { AnnotationFile, DocStatus } from '../../../shared/model.js';
import { annotationFileSchema } from '../../../shared/schemas.js';
import { fastCheck } from './fast-check.js';
import { ApiError } from '../../../shared/result.js';
import { DATA_DIR } from '../corpus/corpus.js';
import { CorruptFileError, DurableJSONFile, NewerVersionError, quarantine, type FileFormat, type Versioning } from '../platform/durable-file.js';
import { acquireLayerLock, assertLayerLockHeld } from './layer-lock.js';
import { assertOwnDataPath } from '../platform/data-path.js';
import { currentView, reanchorLayer } from '../../../shared/anchoring.js';
import type { CorpusIndex, LayerEntry } from '../corpus/corpus-index.js';
import { cooperative } from '../platform/cooperative.js';
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
      describe: 'stamps schemaVersion 1; a missing status becomes todo, missing relations an empty list, a missing docSha256 or updated an empty string, a span without attrs or note gets empty ones',
      up: (d) => ({
        ...d,
        status: d.status ?? 'todo',
        relations: d.relations ?? [],
        docSha256: d.docSha256 ?? '',
        updated: d.updated ?? '',
        spans: Array.isArray(d.spans) ? d.spans.map((s: unknown) => (isObject(s) ? { ...s, attrs: s.attrs ?? {}, note: s.note ?? '' } : s)) : d.spans,
      }),
    },
  ],
};

/** annotationFileSchema, compiled for bulk reads (fast-check.ts). */
const layerCheck = fastCheck(annotationFileSchema);

/** Why data read from a layer file is not a layer (shared/schemas.ts annotationFileSchema), or null. */
function checkLayer(data: unknown): string | null {
  const problem = layerCheck(data);
  return problem === null ? null : `is not a valid annotation layer (${problem})`;
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

/** A file's identity for change detection: inode, size and modification time ('none' when absent). */
export function fileSignature(file: string): string {
  try {
    return signatureOf(fs.statSync(file));
  } catch {
    return 'none';
  }
}

/** fileSignature's answer for a stat (or a FileIdentity) already in hand. */
function signatureOf(st: { ino: number; size: number; mtimeMs: number } | null): string {
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : 'none';
}

/** What tells one version of a file on disk from another without reading it; null: no file. */
type FileIdentity = { ino: number; size: number; mtimeMs: number; ctimeMs: number } | null;

function identityOf(file: string, docId: string): FileIdentity {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    throw new ApiError('io', `The annotation file for ${docId} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  return st ? { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs } : null;
}

function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  if (!a || !b) return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** A layer held in memory, with the identity of the file it was read from or last written to. */
interface Loaded {
  db: Low<AnnotationFile>;
  seen: FileIdentity;
  /** Read again at next use whatever the identity says (the lock changed hands since it was read). */
  recheck: boolean;
}

/**
 * Reads and writes one annotator's layer files, one write at a time per file. A layer read
 * once stays in memory, but is read again when its file changed on disk (compared by inode,
 * size, mtime and ctime) and after the layer's lock was (re)taken: a write never starts from
 * a stale copy.
 */
export class LayerStore {
  private dbs = new Map<string, Loaded>();
  /** The nonce of the lock holding this store's last write was made under. */
  private lockNonce: string | null = null;
  /** Each document's layer file signature right after this store last wrote it (the change feed tells its own writes from others'). */
  private written = new Map<string, string>();
  private queues = new Map<string, Promise<unknown>>();
  private reanchored = new Map<string, { moved: number; orphaned: number }>();
  private readonly dir: string;

  /**
   * `textOf`: the document's current text. With it, the first write after the article changed on
   * disk re-anchors the layer's spans (or orphans them) before the edit, whichever handler writes.
   * `onReloaded`: told when a document's layer in memory was found changed on disk (another
   * process, a git checkout, a hand edit) and read again.
   */
  constructor(
    readonly corpusRoot: string,
    readonly annotator: string,
    private readonly opts: {
      readOnly?: boolean;
      textOf?: (docId: string) => Promise<{ text: string; sha256: string }>;
      onReloaded?: (docId: string) => void;
    } = {},
  ) {
    this.dir = layerDir(corpusRoot, annotator);
  }

  /** layerFile() for this layer, without joining the layer's folder again for every document. */
  private fileOf(docId: string): string {
    return path.join(this.dir, ...docId.split('/')) + '.json';
  }

  /** The file signature this store left with its last write of `docId` (undefined when it wrote none). */
  wroteSignature(docId: string): string | undefined {
    return this.written.get(docId);
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
    const file = this.fileOf(docId);
    let loaded = this.dbs.get(docId);
    try {
      // A copy in memory is the truth only while its file is still the one it was read from.
      if (loaded && (loaded.recheck || !sameIdentity(identityOf(file, docId), loaded.seen))) loaded = undefined;
    } catch {
      // The stat below meets the same error and says so.
    }
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
      if (loaded) return { spanCount: loaded.db.data.spans.length, status: loaded.db.data.status };
      throw new ApiError('io', `The annotation file for ${docId} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    if (loaded) {
      // The layer in memory is the truth (it was read whole): the index learns it too, which
      // corrects a count that came from a hand-edited header.
      const entry = { spanCount: loaded.db.data.spans.length, status: loaded.db.data.status };
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

  /** The layer for a document as on disk now; an empty one when there is no file yet. */
  async load(docId: string, docSha256 = ''): Promise<AnnotationFile> {
    return (await this.entry(docId, docSha256)).db.data;
  }

  /** The document's layer in memory, read again first when its file changed on disk or the lock changed hands. */
  private async entry(docId: string, docSha256: string): Promise<Loaded> {
    const cached = this.dbs.get(docId);
    if (!cached) return this.readEntry(docId, docSha256);
    const now = identityOf(this.fileOf(docId), docId);
    if (!cached.recheck && sameIdentity(now, cached.seen)) return cached;
    const fresh = await this.readEntry(docId, docSha256);
    // A forced re-read with the same identity still tells when the content differs (a coarse mtime).
    if (!sameIdentity(now, cached.seen) || JSON.stringify(fresh.db.data) !== JSON.stringify(cached.db.data)) this.opts.onReloaded?.(docId);
    return fresh;
  }

  private async readEntry(docId: string, docSha256: string): Promise<Loaded> {
    const file = this.fileOf(docId);
    this.dbs.delete(docId);
    // Stat before reading: a change in between makes the next check read again, never miss it.
    const seen = identityOf(file, docId);
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
    const entry: Loaded = { db, seen, recheck: false };
    this.dbs.set(docId, entry);
    return entry;
  }

  /**
   * Applies `change` to the document's layer and writes it durably. Calls for one document
   * run one after another; a failed write leaves memory as it was on disk. `change` runs on
   * the layer as on disk: when the file changed since it was read, it is read again and
   * `change` applied to the fresh copy (so `change` may run more than once, and must only
   * touch the layer it is given). The write happens only while this process holds the lock.
   */
  async mutate<T>(docId: string, docSha256: string, change: (layer: AnnotationFile) => T): Promise<{ result: T; layer: AnnotationFile }> {
    if (this.opts.readOnly) throw new ApiError('forbidden', `The layer of ${this.annotator} is read-only here`);
    const nonce = await acquireLayerLock(this.corpusRoot, this.annotator);
    if (nonce !== this.lockNonce) {
      // The lock was (re)taken: whatever was read before may predate another holder's writes.
      this.lockNonce = nonce;
      for (const e of this.dbs.values()) e.recheck = true;
    }
    const file = this.fileOf(docId);
    const run = async () => {
      for (let attempt = 1; ; attempt += 1) {
        const written = await this.attempt(docId, docSha256, file, change, attempt);
        if (written) return written;
      }
    };
    const previous = this.queues.get(docId) ?? Promise.resolve();
    const next = previous.then(run, run);
    this.queues.set(
      docId,
      next.catch(() => undefined),
    );
    return next;
  }

  /** How often a write starts again on a fresh copy when the file keeps changing under it. */
  private static readonly ATTEMPTS = 3;

  /** One try of mutate: null when the file changed on disk during it (then memory is as it was). */
  private async attempt<T>(
    docId: string,
    docSha256: string,
    file: string,
    change: (layer: AnnotationFile) => T,
    attempt: number,
  ): Promise<{ result: T; layer: AnnotationFile } | null> {
    const entry = await this.entry(docId, docSha256);
    const db = entry.db;
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
      // Never overwrite blindly: the file must still be the one this copy was read from or written to.
      if (!sameIdentity(identityOf(file, docId), entry.seen)) {
        if (attempt < LayerStore.ATTEMPTS) {
          db.data = before;
          return null;
        }
        throw new ApiError('conflict', `The annotation file for ${docId} keeps changing on disk while saving; try again.`);
      }
      assertLayerLockHeld(this.corpusRoot, this.annotator);
    } catch (error) {
      db.data = before;
      throw error;
    }
    try {
      await db.write();
    } catch (error) {
      db.data = before;
      throw new ApiError('io', `Could not save ${docId}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    entry.seen = identityOf(file, docId);
    entry.recheck = false;
    this.dbs.set(docId, entry);
    // The identity just taken, not a second stat: what the change feed compares with to tell this store's writes from others'.
    this.written.set(docId, signatureOf(entry.seen));
    if (reanchored) this.reanchored.set(docId, reanchored);
    return { result, layer: db.data };
  }

  /** Deletes the document's layer file, after the writes queued for it (an import putting back a layer that did not exist). */
  async discard(docId: string): Promise<void> {
    if (this.opts.readOnly) throw new ApiError('forbidden', `The layer of ${this.annotator} is read-only here`);
    await (this.queues.get(docId) ?? Promise.resolve());
    // Deleting is writing: only while this process still holds the lock.
    assertLayerLockHeld(this.corpusRoot, this.annotator);
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

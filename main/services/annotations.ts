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
import { CorruptFileError, DurableJSONFile, quarantine } from './durable-file.js';
import { acquireLayerLock } from './layer-lock.js';
import type { CorpusIndex, LayerEntry } from './corpus-index.js';
import { cooperative } from './cooperative.js';

/** A fresh span id. */
export function newSpanId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return 's_' + Array.from(randomBytes(12), (b) => alphabet[b % 36]).join('');
}

function checkLayer(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'is not an annotation object';
  const d = data as Partial<AnnotationFile>;
  if (typeof d.schemaVersion === 'number' && d.schemaVersion > 1) return `was written by a newer Quotebench (schema version ${d.schemaVersion})`;
  if (!Array.isArray(d.spans)) return 'has no span list';
  for (const s of d.spans) {
    if (typeof s?.id !== 'string' || !Number.isInteger(s.start) || !Number.isInteger(s.end) || typeof s.label !== 'string') return 'has a span without id, start, end or label';
  }
  return null;
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
  private readonly dir: string;

  constructor(
    readonly corpusRoot: string,
    readonly annotator: string,
    private readonly opts: { readOnly?: boolean } = {},
  ) {
    this.dir = layerDir(corpusRoot, annotator);
  }

  /** The layer file's content as on disk, or null when there is none; never moves or writes. */
  async read(docId: string): Promise<AnnotationFile | null> {
    try {
      return await new DurableJSONFile<AnnotationFile>(layerFile(this.corpusRoot, this.annotator, docId), checkLayer).read();
    } catch (error) {
      if (error instanceof CorruptFileError) throw new ApiError('corrupt', `The annotation file for ${docId} ${error.reason}.`);
      throw error;
    }
  }

  /**
   * What the document list shows of each layer file (span count and status) without keeping
   * the layers in memory: from the layer already loaded here, else from `index` when the file's
   * size and mtime match, else read once (synchronously: layer files are small) and noted in
   * `index`. A file that cannot be used goes through load(), which moves it aside: it counts as
   * empty and the message goes to `warn`. The event loop gets a turn now and then.
   */
  async summaries(docIds: readonly string[], index: CorpusIndex, warn: (message: string) => unknown): Promise<Pick<LayerEntry, 'spanCount' | 'status'>[]> {
    // No layer folder yet (a new annotator): nothing to stat.
    const none = this.dbs.size === 0 && !fs.existsSync(this.dir);
    const pause = cooperative();
    const out: Pick<LayerEntry, 'spanCount' | 'status'>[] = [];
    for (const docId of docIds) {
      await pause();
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
    if (loaded) return { spanCount: loaded.data.spans.length, status: loaded.data.status };
    const file = path.join(this.dir, ...docId.split('/')) + '.json';
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(file, { throwIfNoEntry: false });
    } catch (error) {
      throw new ApiError('io', `The annotation file for ${docId} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    if (!st) {
      index.setLayer(this.annotator, docId, null);
      return { spanCount: 0, status: 'todo' };
    }
    const known = index.layer(this.annotator, docId, st.size, st.mtimeMs);
    if (known) return known;
    let data: Partial<AnnotationFile> | null = null;
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (checkLayer(parsed) === null) data = parsed as Partial<AnnotationFile>;
    } catch {
      data = null;
    }
    if (!data) {
      const layer = await this.load(docId); // throws ApiError('corrupt') after moving the file aside
      return { spanCount: layer.spans.length, status: layer.status };
    }
    const entry: LayerEntry = { bytes: st.size, mtimeMs: st.mtimeMs, spanCount: data.spans!.length, status: data.status ?? 'todo' };
    index.setLayer(this.annotator, docId, entry);
    return entry;
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
    const file = layerFile(this.corpusRoot, this.annotator, docId);
    const db = new Low<AnnotationFile>(new DurableJSONFile(file, checkLayer), this.empty(docId, docSha256));
    try {
      await db.read();
    } catch (error) {
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
      try {
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

  /** Sets `in-progress` on the first edit of a `todo` document. */
  static touch(layer: AnnotationFile): DocStatus {
    if (layer.status === 'todo') layer.status = 'in-progress';
    return layer.status;
  }
}

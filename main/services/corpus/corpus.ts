/**
 * A corpus folder: finds its `.txt` documents and the articles of its `.jsonl` dumps, decodes
 * them, and resolves document ids. The renderer names documents only by id; only ids this scan
 * listed ever reach the file system.
 */
import fss from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocumentText, SkippedFile } from '../../../shared/model.js';
import { ApiError } from '../../../shared/result.js';
import { decodeDocumentBytes, describeDocumentBytes, formatMB, sha256Text, sizeProblem } from './decode.js';
import { indexDump, MAX_DUMP_BYTES, parseDumpLine, type DumpArticle, type DumpIndex } from './article-dump.js';
import { cooperative } from '../platform/cooperative.js';
import { CorpusIndex, type DecodedInfo, type ListedInfo } from './corpus-index.js';
import { assertOwnDataDir } from '../platform/data-path.js';

export type { DecodedInfo } from './corpus-index.js';

/** A `.txt` file or a `.jsonl` article dump found by the scan. */
export interface ScannedFile {
  id: string;
  file: string;
  bytes: number;
  mtimeMs: number;
  kind: 'txt' | 'jsonl';
  /** The file the scan saw (device and inode) when it was no link: reading that same file needs no new realpath check. */
  dev?: number;
  ino?: number;
}

/** A listed document: a `.txt` file, or one article of a dump (`file` is then the dump). */
export interface ListedDocument {
  id: string;
  file: string;
  /** The text's UTF-8 size (for a `.txt` file, the file's size). */
  bytes: number;
}

export const DATA_DIR = '.quotebench';

/** True for ids the API may accept: relative, `/`-separated, no empty, `.` or `..` segment. */
export function isSafeDocId(id: string): boolean {
  if (id === '' || id.startsWith('/') || /^[a-zA-Z]:/.test(id) || id.includes('\\') || id.includes('\0')) return false;
  return id.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Bytes a layer file adds to a document id's last component (`.json`). */
const LAYER_SUFFIX_BYTES = Buffer.byteLength('.json');
/** The longest file or folder name (in bytes) common file systems allow. */
const MAX_NAME_BYTES = 255;

/**
 * Why a document id cannot be used, or null when it can: an id must be safe (isSafeDocId), and
 * every component of its layer file's path (the last one with `.json` added) at most 255 bytes.
 * `folder`: the id of a folder (no `.json` is added to it).
 */
export function badNameMessage(id: string, folder = false): string | null {
  if (id.includes('\\')) return 'has a backslash (\\), which a document id cannot hold (ids use / between folders)';
  if (/^[a-zA-Z]:/.test(id)) return `begins like a drive letter ("${id.slice(0, 2)}"), which a document id cannot`;
  if (!isSafeDocId(id)) return 'cannot be a document id';
  const parts = id.split('/');
  for (const [i, part] of parts.entries()) {
    const bytes = Buffer.byteLength(part, 'utf8') + (i === parts.length - 1 && !folder ? LAYER_SUFFIX_BYTES : 0);
    if (bytes > MAX_NAME_BYTES) return `is too long for its annotation file (${bytes} bytes with ".json"; file systems allow ${MAX_NAME_BYTES})`;
  }
  return null;
}

/** The names in `dir` that are not valid UTF-8, as Node shows them (with U+FFFD for each bad byte). */
async function nonUtf8Names(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  const strict = new TextDecoder('utf-8', { fatal: true });
  for (const raw of await fs.readdir(dir, { encoding: 'buffer' })) {
    try {
      strict.decode(raw);
    } catch {
      out.add(raw.toString('utf8'));
    }
  }
  return out;
}

/** Document order: `localeCompare(b, 'en', {numeric: true})`, with one collator instead of one per comparison. */
const idOrder = new Intl.Collator('en', { numeric: true });

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const DOC_FILE = /\.(txt|jsonl)$/i;

/**
 * Walks `root` for `.txt` files and `.jsonl` dumps, skipping dot-folders and links that leave the corpus. Stats are
 * synchronous, in slices (see cooperative.ts): a 10,000-file corpus is stat'ed in a few tens of ms.
 */
export async function scanFiles(root: string): Promise<{ files: ScannedFile[]; skipped: SkippedFile[] }> {
  const realRoot = await fs.realpath(root);
  const files: ScannedFile[] = [];
  const skipped: SkippedFile[] = [];
  const visited = new Set<string>([realRoot]);
  const pause = cooperative();
  const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'error';

  async function walk(dir: string, rel: string): Promise<void> {
    let entries: fss.Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ id: rel || '.', reason: 'unreadable', message: `folder cannot be read (${code(error)})`, bytes: 0 });
      return;
    }
    // A name that is not UTF-8 reaches Node with U+FFFD in it, and opening that name fails: found
    // once per folder that has such a character at all (rare), then listed apart by name.
    const notUtf8 = entries.some((e) => e.name.includes('\uFFFD')) ? await nonUtf8Names(dir).catch(() => new Set<string>()) : null;
    for (const entry of entries) {
      await pause();
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      const id = rel ? `${rel}/${entry.name}` : entry.name;
      const txt = DOC_FILE.test(entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (!isDir && !txt && !entry.isSymbolicLink()) continue;
      if (notUtf8?.has(entry.name)) {
        skipped.push({ id, reason: 'bad-name', message: `the ${isDir ? 'folder ' : ''}name is not valid UTF-8 (each \uFFFD stands for a byte that is not), so no document id can name it; rename it${isDir ? ' to list the files in it' : ' to annotate it'}`, bytes: 0 });
        continue;
      }
      const badName = badNameMessage(id, isDir);
      if (badName) {
        skipped.push({ id, reason: 'bad-name', message: isDir ? `the folder name ${badName}; the files in it are not listed until it is renamed` : `the name ${badName}; rename the file to annotate it`, bytes: 0 });
        continue;
      }
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = fss.realpathSync.native(full);
        } catch (error) {
          const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
          if (txt) skipped.push({ id, reason: 'unreadable', message: loop ? 'link loop' : 'broken link', bytes: 0 });
          continue;
        }
        if (!inside(realRoot, real)) {
          if (txt) skipped.push({ id, reason: 'unreadable', message: 'link points outside the corpus folder', bytes: 0 });
          continue;
        }
        const st = fss.statSync(real);
        isDir = st.isDirectory();
        isFile = st.isFile();
        if (isDir && visited.has(real)) continue; // a link loop or a second way into a folder
      }
      if (isDir) {
        const real = fss.realpathSync.native(full);
        if (visited.has(real)) continue;
        visited.add(real);
        await walk(full, id);
      } else if (isFile && txt) {
        try {
          const st = fss.statSync(full);
          files.push({ id, file: full, bytes: st.size, mtimeMs: st.mtimeMs, kind: /\.jsonl$/i.test(entry.name) ? 'jsonl' : 'txt', ...(entry.isSymbolicLink() ? {} : { dev: st.dev, ino: st.ino }) });
        } catch (error) {
          skipped.push({ id, reason: 'unreadable', message: `cannot be read (${code(error)})`, bytes: 0 });
        }
      } else if (!isDir && DOC_FILE.test(entry.name)) {
        // A FIFO, socket or device named like an article: opening it could block forever.
        skipped.push({ id, reason: 'unreadable', message: 'not a regular file', bytes: 0 });
      }
    }
  }
  await walk(realRoot, '');
  const byId = (a: { id: string }, b: { id: string }) => idOrder.compare(a.id, b.id);
  files.sort(byId);
  skipped.sort(byId);
  return { files, skipped };
}

/**
 * An opened corpus folder. What listing needs of each `.txt` article is kept in its persisted
 * index (corpus-index.ts), checked by size and mtime, so a reopened corpus is stat'ed, not read.
 * Dumps are indexed in memory (cached by size and mtime).
 */
export class Corpus {
  private files = new Map<string, ScannedFile>();
  /** Articles of `.jsonl` dumps by document id. */
  private articles = new Map<string, { dump: ScannedFile; article: DumpArticle }>();
  private order: string[] = [];
  private scanSkipped: SkippedFile[] = [];
  private dumpCache = new Map<string, { bytes: number; mtimeMs: number; index: DumpIndex }>();
  private textCache = new Map<string, { bytes: number; mtimeMs: number; doc: DocumentText }>();
  private openScanUnused = true;
  /** Whether the last scan found an article dump (dumps are indexed in memory only). */
  private sawDumps = false;
  /** Opened with `deferScan`: the folder is not looked at until something needs it. */
  private scanPending = false;
  private scanning: Promise<void> | null = null;
  /** provisionalListing's answer, made once (the index does not change until the scan). */
  private provisional: { maxFileBytes: number; listing: { docs: ListedInfo[]; skipped: SkippedFile[] } | null } | null = null;

  private constructor(
    readonly root: string,
    private maxFileBytes: number,
    /** Decoded facts per article and span counts per layer file, as last seen. */
    readonly index: CorpusIndex,
  ) {}

  /**
   * Opens a folder; refuses anything that is not a readable directory. `createDataDir`: the
   * index may create `.quotebench` to live in (the app); otherwise it is kept only where that
   * folder exists already. `readOnly`: the index is never saved (nothing in the folder changes).
   * A `.quotebench` that is a link, or holds one where Quotebench keeps its data, is refused
   * (data-path.ts) before anything of it is read.
   */
  static async open(folder: string, maxFileBytes: number, opts: { createDataDir?: boolean; deferScan?: boolean; readOnly?: boolean } = {}): Promise<Corpus> {
    let st;
    try {
      st = await fs.stat(folder);
    } catch {
      throw new ApiError('not-found', `Folder not found: ${folder}`);
    }
    if (!st.isDirectory()) throw new ApiError('invalid-args', `Not a folder: ${folder}`);
    const root = await fs.realpath(folder);
    assertOwnDataDir(root);
    const corpus = new Corpus(root, maxFileBytes, await CorpusIndex.load(root, opts));
    // `deferScan` (the app): a corpus whose index holds its last listing can show that list
    // before any file is stat'ed (provisionalListing); everything else waits for ensureScanned.
    if (opts.deferScan && corpus.index.hasListing()) corpus.scanPending = true;
    else await corpus.rescan();
    return corpus;
  }

  /** Scans the folder if opening deferred it; every use of the folder's files goes through here first. */
  async ensureScanned(): Promise<void> {
    if (!this.scanPending) return;
    // rescan() clears scanPending; one scan however many callers wait.
    this.scanning ??= this.rescan().catch((error: unknown) => {
      this.scanning = null;
      throw error;
    });
    await this.scanning;
  }

  /**
   * The document list as the index last saw it, while the folder is not scanned yet: answered
   * without a stat, to be followed by the checked list. Null once scanned, or when the index
   * cannot stand for the folder (no listing, another size limit, a malformed entry).
   */
  provisionalListing(): { docs: readonly ListedInfo[]; skipped: readonly SkippedFile[] } | null {
    if (!this.scanPending) return null;
    if (this.provisional?.maxFileBytes !== this.maxFileBytes) this.provisional = { maxFileBytes: this.maxFileBytes, listing: this.index.listing(this.maxFileBytes) };
    return this.provisional.listing;
  }

  get name(): string {
    return path.basename(this.root);
  }

  /** How many documents the last scan listed, before any is read (some may turn out not annotatable). */
  get listedCount(): number {
    return this.order.length;
  }

  setMaxFileBytes(max: number): void {
    if (max !== this.maxFileBytes) this.dumpCache.clear();
    this.maxFileBytes = max;
  }

  /**
   * Looks at the folder again, except the first time after opening: opening just scanned it,
   * and the app lists the documents right after it opens a corpus.
   */
  async refresh(): Promise<void> {
    await this.ensureScanned();
    if (this.openScanUnused) this.openScanUnused = false;
    else await this.rescan();
  }

  /** Looks at the folder again; dumps are indexed (cached by size and mtime). */
  async rescan(): Promise<void> {
    const { files, skipped } = await scanFiles(this.root);
    this.files = new Map();
    this.articles = new Map();
    this.order = [];
    this.scanSkipped = skipped;
    this.sawDumps = files.some((f) => f.kind === 'jsonl');
    for (const f of files) {
      if (f.kind === 'txt') {
        this.files.set(f.id, f);
        this.order.push(f.id);
        continue;
      }
      const index = await this.indexOf(f);
      this.scanSkipped.push(...index.skipped);
      for (const article of index.articles) {
        const badName = badNameMessage(article.id);
        if (badName) {
          this.scanSkipped.push({ id: `${f.id} line ${article.line}`, reason: 'bad-name', message: `the article id ${JSON.stringify(article.id)} ${badName}`, bytes: article.bytes });
          continue;
        }
        // A dump article whose id a .txt file (or another dump) already has is listed apart.
        if (this.files.has(article.id) || this.articles.has(article.id)) {
          this.scanSkipped.push({ id: `${f.id} line ${article.line}`, reason: 'duplicate', message: `the id ${JSON.stringify(article.id)} is taken by another document`, bytes: article.bytes });
          continue;
        }
        this.articles.set(article.id, { dump: f, article });
        this.order.push(article.id);
      }
    }
    this.scanPending = false;
  }

  private async indexOf(f: ScannedFile): Promise<DumpIndex> {
    const cached = this.dumpCache.get(f.id);
    if (cached && cached.bytes === f.bytes && cached.mtimeMs === f.mtimeMs) return cached.index;
    let index: DumpIndex;
    if (f.bytes > MAX_DUMP_BYTES) index = { articles: [], skipped: [{ id: f.id, reason: 'too-large', message: `article dump too large to index (${formatMB(f.bytes)}; the limit is ${formatMB(MAX_DUMP_BYTES)})`, bytes: f.bytes }] };
    else {
      try {
        index = indexDump(f.id, await fs.readFile(f.file), this.maxFileBytes);
      } catch (error) {
        index = { articles: [], skipped: [{ id: f.id, reason: 'unreadable', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, bytes: f.bytes }] };
      }
    }
    this.dumpCache.set(f.id, { bytes: f.bytes, mtimeMs: f.mtimeMs, index });
    return index;
  }

  /**
   * Every listed document, decoded (a `.txt` article from the index when size and mtime match):
   * annotatable ones and skipped ones. The index is saved when anything in it changed.
   */
  async describe(onProgress?: (done: number, total: number) => void): Promise<{ docs: (ListedDocument & DecodedInfo)[]; skipped: SkippedFile[] }> {
    await this.ensureScanned();
    const docs: (ListedDocument & DecodedInfo)[] = [];
    const skipped: SkippedFile[] = [...this.scanSkipped];
    const pause = cooperative();
    for (const [i, id] of this.order.entries()) {
      await pause();
      if (onProgress && i % 100 === 0) onProgress(i, this.order.length);
      const a = this.articles.get(id);
      if (a) {
        docs.push({ id, file: a.dump.file, bytes: a.article.bytes, title: a.article.title, length: a.article.length, sha256: a.article.sha256 });
        continue;
      }
      const f = this.files.get(id)!;
      const info = this.describeOne(f);
      if ('reason' in info) skipped.push(info);
      else docs.push({ id, file: f.file, bytes: f.bytes, title: info.title, length: info.length, sha256: info.sha256 });
    }
    skipped.sort((a, b) => idOrder.compare(a.id, b.id));
    this.index.keepDocs(this.order);
    this.index.setListing(this.sawDumps ? null : { maxFileBytes: this.maxFileBytes, skipped });
    await this.index.save();
    return { docs, skipped };
  }

  private describeOne(f: ScannedFile): DecodedInfo | SkippedFile {
    // The size limit is a setting: checked every time, never taken from the index.
    const big = sizeProblem(f.bytes, this.maxFileBytes);
    if (big && !big.ok) return { id: f.id, reason: big.reason, message: big.message, bytes: f.bytes };
    const cached = this.index.doc(f.id, f.bytes, f.mtimeMs);
    if (cached) return cached;
    let info: DecodedInfo | SkippedFile;
    let seen = { bytes: f.bytes, mtimeMs: f.mtimeMs };
    try {
      const read = this.readBytes(f.id, f);
      seen = { bytes: read.bytes.length, mtimeMs: read.mtimeMs };
      const d = describeDocumentBytes(read.bytes, this.maxFileBytes);
      if (!d.ok) throw new NotAnnotatable({ id: f.id, reason: d.reason, message: d.message, bytes: read.bytes.length });
      info = { title: d.title, length: d.length, sha256: d.sha256 };
    } catch (error) {
      if (!(error instanceof NotAnnotatable)) throw error;
      if (error.skipped.reason === 'too-large') return error.skipped;
      info = error.skipped;
    }
    this.index.setDoc(f.id, { ...seen, info });
    return info;
  }

  /** The file of a listed document id (for a dump article, the dump); refuses anything else. */
  resolve(docId: string): ScannedFile {
    const f = isSafeDocId(docId) ? (this.files.get(docId) ?? this.articles.get(docId)?.dump) : undefined;
    if (!f) throw new ApiError('not-found', `No document ${JSON.stringify(docId)} in this corpus`);
    return f;
  }

  /**
   * A document's decoded text; re-read when the file's size or mtime changed. `keep: false`
   * (an export, which reads each document once) leaves it out of the cache of recent texts,
   * where it would outlive young collections and fill the old generation.
   */
  async readText(docId: string, opts: { keep?: boolean } = {}): Promise<DocumentText> {
    await this.ensureScanned();
    const f = this.resolve(docId);
    const cached = this.textCache.get(docId);
    if (f.kind === 'jsonl') {
      let st;
      try {
        st = await fs.stat(f.file);
      } catch (error) {
        throw new ApiError('io', `${docId} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      if (cached && cached.bytes === st.size && cached.mtimeMs === st.mtimeMs) return cached.doc;
      return this.readArticle(docId, f, st, opts);
    }
    const read = this.readBytes(docId, f, cached);
    if (read.bytes === null) return cached!.doc;
    const decoded = decodeDocumentBytes(read.bytes, this.maxFileBytes);
    if (!decoded.ok) throw new NotAnnotatable({ id: docId, reason: decoded.reason, message: decoded.message, bytes: read.bytes.length });
    return this.remember({ id: docId, text: decoded.text, sha256: decoded.sha256 }, { size: read.bytes.length, mtimeMs: read.mtimeMs }, opts);
  }

  /** One article of a dump: the dump is indexed again first when it changed since the scan. */
  private async readArticle(docId: string, dump: ScannedFile, st: { size: number; mtimeMs: number }, opts: { keep?: boolean }): Promise<DocumentText> {
    if (st.size !== dump.bytes || st.mtimeMs !== dump.mtimeMs) {
      await this.rescan();
      if (!this.articles.has(docId)) throw new ApiError('not-found', `${docId} is no longer in ${dump.id} (the dump changed)`);
      return this.readText(docId, opts);
    }
    const { article } = this.articles.get(docId)!;
    const real = await this.realInside(docId, dump);
    let line: Buffer;
    try {
      const handle = await fs.open(real, 'r');
      try {
        line = Buffer.alloc(article.byteEnd - article.byteStart);
        await handle.read(line, 0, line.length, article.byteStart);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw new ApiError('io', `${docId} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const parsed = parseDumpLine(line, this.maxFileBytes);
    if (!parsed.ok) throw new NotAnnotatable({ id: docId, reason: parsed.reason, message: parsed.message, bytes: line.length });
    const doc: DocumentText = {
      id: docId,
      text: parsed.text,
      sha256: sha256Text(parsed.text),
      source: { file: dump.id, line: article.line, ...(article.sourceId !== undefined ? { id: article.sourceId } : {}), ...(article.meta ? { meta: article.meta } : {}) },
    };
    return this.remember(doc, st, opts);
  }

  /** The real path of a listed file, re-checked at read time: a link swapped after the scan must not leave the corpus. */
  private async realInside(docId: string, f: ScannedFile): Promise<string> {
    const real = await fs.realpath(f.file);
    if (!inside(this.root, real)) throw new ApiError('forbidden', `${docId} now points outside the corpus folder`);
    return real;
  }

  private remember(doc: DocumentText, st: { size: number; mtimeMs: number }, opts: { keep?: boolean }): DocumentText {
    if (opts.keep === false) return doc;
    this.textCache.set(doc.id, { bytes: st.size, mtimeMs: st.mtimeMs, doc });
    if (this.textCache.size > 20) this.textCache.delete(this.textCache.keys().next().value!);
    return doc;
  }

  /**
   * One file's bytes, read synchronously (an article is at most a few MB: about a millisecond
   * per MB), with the mtime it had when read; `bytes` is null when `cached` still matches.
   */
  private readBytes(docId: string, f: ScannedFile): { bytes: Buffer; mtimeMs: number };
  private readBytes(docId: string, f: ScannedFile, cached: { bytes: number; mtimeMs: number } | undefined): { bytes: Buffer | null; mtimeMs: number };
  private readBytes(docId: string, f: ScannedFile, cached?: { bytes: number; mtimeMs: number }): { bytes: Buffer | null; mtimeMs: number } {
    const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'error';
    let fd: number;
    try {
      // Non-blocking: a FIFO swapped in after the scan must not hang the process on open.
      fd = fss.openSync(f.file, fss.constants.O_RDONLY | (fss.constants.O_NONBLOCK ?? 0));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiError('io', `${docId} cannot be read (ENOENT)`);
      throw new NotAnnotatable({ id: docId, reason: 'unreadable', message: `cannot be read (${code(error)})`, bytes: f.bytes });
    }
    try {
      // Size and mtime of the very file read, so a cache entry always matches its content.
      const st = fss.fstatSync(fd);
      // Re-check the real path at read time: a link swapped in after the scan must not leave the
      // corpus. The very file the scan saw inside the corpus (same device and inode) needs no check.
      if (f.ino === undefined || st.ino !== f.ino || st.dev !== f.dev) {
        let real: string;
        try {
          real = fss.realpathSync.native(f.file);
        } catch (error) {
          throw new ApiError('io', `${docId} cannot be read (${code(error)})`);
        }
        if (!inside(this.root, real)) throw new ApiError('forbidden', `${docId} now points outside the corpus folder`);
      }
      if (!st.isFile()) throw new NotAnnotatable({ id: docId, reason: 'unreadable', message: 'is no longer a regular file', bytes: st.size });
      if (cached && cached.bytes === st.size && cached.mtimeMs === st.mtimeMs) return { bytes: null, mtimeMs: st.mtimeMs };
      const big = sizeProblem(st.size, this.maxFileBytes);
      if (big && !big.ok) throw new NotAnnotatable({ id: docId, reason: big.reason, message: big.message, bytes: st.size });
      try {
        return { bytes: fss.readFileSync(fd), mtimeMs: st.mtimeMs };
      } catch (error) {
        throw new NotAnnotatable({ id: docId, reason: 'unreadable', message: `cannot be read (${code(error)})`, bytes: st.size });
      }
    } finally {
      fss.closeSync(fd);
    }
  }
}

/** A listed file that turned out not to be annotatable. */
export class NotAnnotatable extends ApiError {
  constructor(readonly skipped: SkippedFile) {
    super('not-annotatable', `${skipped.id} cannot be annotated: ${skipped.message}`);
  }
}

/**
 * A corpus folder: finds its `.txt` documents and the articles of its `.jsonl` dumps, decodes
 * them, and resolves document ids. The renderer names documents only by id; only ids this scan
 * listed ever reach the file system.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocumentText, SkippedFile } from '../../shared/model.js';
import { codePointLength } from '../../shared/offsets.js';
import { documentTitle } from '../../shared/text.js';
import { ApiError } from '../../shared/result.js';
import { decodeDocumentBytes, formatMB, sha256Text, sizeProblem } from './decode.js';
import { indexDump, MAX_DUMP_BYTES, parseDumpLine, type DumpArticle, type DumpIndex } from './article-dump.js';

/** A `.txt` file or a `.jsonl` article dump found by the scan. */
export interface ScannedFile {
  id: string;
  file: string;
  bytes: number;
  mtimeMs: number;
  kind: 'txt' | 'jsonl';
}

/** A listed document: a `.txt` file, or one article of a dump (`file` is then the dump). */
export interface ListedDocument {
  id: string;
  file: string;
  /** The text's UTF-8 size (for a `.txt` file, the file's size). */
  bytes: number;
}

/** What listing needs of a decoded document, cached by size and mtime. */
export interface DecodedInfo {
  title: string;
  length: number;
  sha256: string;
}

export const DATA_DIR = '.quotebench';

/** True for ids the API may accept: relative, `/`-separated, no empty, `.` or `..` segment. */
export function isSafeDocId(id: string): boolean {
  if (id === '' || id.startsWith('/') || /^[a-zA-Z]:/.test(id) || id.includes('\\') || id.includes('\0')) return false;
  return id.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const DOC_FILE = /\.(txt|jsonl)$/i;

/** Walks `root` for `.txt` files and `.jsonl` dumps, skipping dot-folders and links that leave the corpus. */
export async function scanFiles(root: string): Promise<{ files: ScannedFile[]; skipped: SkippedFile[] }> {
  const realRoot = await fs.realpath(root);
  const files: ScannedFile[] = [];
  const skipped: SkippedFile[] = [];
  const visited = new Set<string>([realRoot]);

  async function walk(dir: string, rel: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ id: rel || '.', reason: 'unreadable', message: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, bytes: 0 });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      const id = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = await fs.realpath(full);
        } catch (error) {
          const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
          if (DOC_FILE.test(entry.name)) skipped.push({ id, reason: 'unreadable', message: loop ? 'link loop' : 'broken link', bytes: 0 });
          continue;
        }
        if (!inside(realRoot, real)) {
          if (DOC_FILE.test(entry.name)) skipped.push({ id, reason: 'unreadable', message: 'link points outside the corpus folder', bytes: 0 });
          continue;
        }
        const st = await fs.stat(real);
        isDir = st.isDirectory();
        isFile = st.isFile();
        if (isDir && visited.has(real)) continue; // a link loop or a second way into a folder
      }
      if (isDir) {
        const real = await fs.realpath(full);
        if (visited.has(real)) continue;
        visited.add(real);
        await walk(full, id);
      } else if (isFile && DOC_FILE.test(entry.name)) {
        try {
          const st = await fs.stat(full);
          files.push({ id, file: full, bytes: st.size, mtimeMs: st.mtimeMs, kind: /\.jsonl$/i.test(entry.name) ? 'jsonl' : 'txt' });
        } catch (error) {
          skipped.push({ id, reason: 'unreadable', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, bytes: 0 });
        }
      } else if (!isDir && DOC_FILE.test(entry.name)) {
        // A FIFO, socket or device named like an article: opening it could block forever.
        skipped.push({ id, reason: 'unreadable', message: 'not a regular file', bytes: 0 });
      }
    }
  }
  await walk(realRoot, '');
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'en', { numeric: true });
  files.sort(byId);
  skipped.sort(byId);
  return { files, skipped };
}

/** An opened corpus folder with a cache of decoded documents. */
export class Corpus {
  private files = new Map<string, ScannedFile>();
  /** Articles of `.jsonl` dumps by document id. */
  private articles = new Map<string, { dump: ScannedFile; article: DumpArticle }>();
  private order: string[] = [];
  private scanSkipped: SkippedFile[] = [];
  private infoCache = new Map<string, { bytes: number; mtimeMs: number; info: DecodedInfo | SkippedFile }>();
  private dumpCache = new Map<string, { bytes: number; mtimeMs: number; index: DumpIndex }>();
  private textCache = new Map<string, { bytes: number; mtimeMs: number; doc: DocumentText }>();

  private constructor(
    readonly root: string,
    private maxFileBytes: number,
  ) {}

  /** Opens a folder; refuses anything that is not a readable directory. */
  static async open(folder: string, maxFileBytes: number): Promise<Corpus> {
    let st;
    try {
      st = await fs.stat(folder);
    } catch {
      throw new ApiError('not-found', `Folder not found: ${folder}`);
    }
    if (!st.isDirectory()) throw new ApiError('invalid-args', `Not a folder: ${folder}`);
    const corpus = new Corpus(await fs.realpath(folder), maxFileBytes);
    await corpus.rescan();
    return corpus;
  }

  get name(): string {
    return path.basename(this.root);
  }

  setMaxFileBytes(max: number): void {
    if (max !== this.maxFileBytes) this.dumpCache.clear();
    this.maxFileBytes = max;
  }

  /** Looks at the folder again; dumps are indexed (cached by size and mtime). */
  async rescan(): Promise<void> {
    const { files, skipped } = await scanFiles(this.root);
    this.files = new Map();
    this.articles = new Map();
    this.order = [];
    this.scanSkipped = skipped;
    for (const f of files) {
      if (f.kind === 'txt') {
        this.files.set(f.id, f);
        this.order.push(f.id);
        continue;
      }
      const index = await this.indexOf(f);
      this.scanSkipped.push(...index.skipped);
      for (const article of index.articles) {
        // A dump article whose id a .txt file (or another dump) already has is listed apart.
        if (this.files.has(article.id) || this.articles.has(article.id)) {
          this.scanSkipped.push({ id: `${f.id} line ${article.line}`, reason: 'duplicate', message: `the id ${JSON.stringify(article.id)} is taken by another document`, bytes: article.bytes });
          continue;
        }
        this.articles.set(article.id, { dump: f, article });
        this.order.push(article.id);
      }
    }
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

  /** Every listed document, decoded (cached by size and mtime): annotatable ones and skipped ones. */
  async describe(onProgress?: (done: number, total: number) => void): Promise<{ docs: (ListedDocument & DecodedInfo)[]; skipped: SkippedFile[] }> {
    const docs: (ListedDocument & DecodedInfo)[] = [];
    const skipped: SkippedFile[] = [...this.scanSkipped];
    for (const [i, id] of this.order.entries()) {
      if (onProgress && i % 100 === 0) onProgress(i, this.order.length);
      const a = this.articles.get(id);
      if (a) {
        docs.push({ id, file: a.dump.file, bytes: a.article.bytes, title: a.article.title, length: a.article.length, sha256: a.article.sha256 });
        continue;
      }
      const f = this.files.get(id)!;
      const info = await this.describeOne(f);
      if ('reason' in info) skipped.push(info);
      else docs.push({ id, file: f.file, bytes: f.bytes, ...info });
    }
    skipped.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    return { docs, skipped };
  }

  private async describeOne(f: ScannedFile): Promise<DecodedInfo | SkippedFile> {
    const cached = this.infoCache.get(f.id);
    if (cached && cached.bytes === f.bytes && cached.mtimeMs === f.mtimeMs) return cached.info;
    let info: DecodedInfo | SkippedFile;
    const big = sizeProblem(f.bytes, this.maxFileBytes);
    if (big && !big.ok) info = { id: f.id, reason: big.reason, message: big.message, bytes: f.bytes };
    else {
      try {
        const doc = await this.readText(f.id);
        info = { title: documentTitle(doc.text), length: codePointLength(doc.text), sha256: doc.sha256 };
      } catch (error) {
        if (!(error instanceof NotAnnotatable)) throw error;
        info = error.skipped;
      }
    }
    this.infoCache.set(f.id, { bytes: f.bytes, mtimeMs: f.mtimeMs, info });
    return info;
  }

  /** The file of a listed document id (for a dump article, the dump); refuses anything else. */
  resolve(docId: string): ScannedFile {
    const f = isSafeDocId(docId) ? (this.files.get(docId) ?? this.articles.get(docId)?.dump) : undefined;
    if (!f) throw new ApiError('not-found', `No document ${JSON.stringify(docId)} in this corpus`);
    return f;
  }

  /** A document's decoded text; re-read when the file's size or mtime changed. */
  async readText(docId: string): Promise<DocumentText> {
    const f = this.resolve(docId);
    let st;
    try {
      st = await fs.stat(f.file);
    } catch (error) {
      throw new ApiError('io', `${docId} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!st.isFile()) throw new NotAnnotatable({ id: docId, reason: 'unreadable', message: 'not a regular file', bytes: 0 });
    const cached = this.textCache.get(docId);
    if (cached && cached.bytes === st.size && cached.mtimeMs === st.mtimeMs) return cached.doc;
    if (f.kind === 'jsonl') return this.readArticle(docId, f, st);
    const big = sizeProblem(st.size, this.maxFileBytes);
    if (big && !big.ok) throw new NotAnnotatable({ id: docId, reason: big.reason, message: big.message, bytes: st.size });
    const real = await this.realInside(docId, f);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(real);
    } catch (error) {
      throw new NotAnnotatable({ id: docId, reason: 'unreadable', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, bytes: st.size });
    }
    const decoded = decodeDocumentBytes(bytes, this.maxFileBytes);
    if (!decoded.ok) throw new NotAnnotatable({ id: docId, reason: decoded.reason, message: decoded.message, bytes: bytes.length });
    return this.remember({ id: docId, text: decoded.text, sha256: decoded.sha256 }, st);
  }

  /** One article of a dump: the dump is indexed again first when it changed since the scan. */
  private async readArticle(docId: string, dump: ScannedFile, st: { size: number; mtimeMs: number }): Promise<DocumentText> {
    if (st.size !== dump.bytes || st.mtimeMs !== dump.mtimeMs) {
      await this.rescan();
      if (!this.articles.has(docId)) throw new ApiError('not-found', `${docId} is no longer in ${dump.id} (the dump changed)`);
      return this.readText(docId);
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
    return this.remember(doc, st);
  }

  /** The real path of a listed file, re-checked at read time: a link swapped after the scan must not leave the corpus. */
  private async realInside(docId: string, f: ScannedFile): Promise<string> {
    const real = await fs.realpath(f.file);
    if (!inside(this.root, real)) throw new ApiError('forbidden', `${docId} now points outside the corpus folder`);
    return real;
  }

  private remember(doc: DocumentText, st: { size: number; mtimeMs: number }): DocumentText {
    this.textCache.set(doc.id, { bytes: st.size, mtimeMs: st.mtimeMs, doc });
    if (this.textCache.size > 20) this.textCache.delete(this.textCache.keys().next().value!);
    return doc;
  }
}

/** A listed file that turned out not to be annotatable. */
export class NotAnnotatable extends ApiError {
  constructor(readonly skipped: SkippedFile) {
    super('not-annotatable', `${skipped.id} cannot be annotated: ${skipped.message}`);
  }
}

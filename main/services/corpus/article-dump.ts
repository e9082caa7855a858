/**
 * Article dumps: a `.jsonl` file in the corpus whose every line is one article,
 * `{"id": …, "text": "…", "title"?: "…", "meta"?: {…}}`. Each line becomes a document with the id
 * `DUMP_ID/KEY` (KEY from the line's `id`, else `meta.id`, else `line-N`), so the dump behaves like
 * a folder of articles. A line that is not such an object, or whose text cannot be annotated, is
 * listed apart with its line number; it never hides the other lines.
 */
import type { SkipReason, SkippedFile } from '../../../shared/model.js';
import { codePointLength } from '../../../shared/offsets.js';
import { documentTitle } from '../../../shared/text.js';
import { firstInvalidUtf8, sha256Text, sizeProblem } from './decode.js';

/** One article of a dump, as indexed: where its line is and what listing needs. */
export interface DumpArticle {
  /** The document id, `DUMP_ID/KEY`. */
  id: string;
  /** 1-based line number in the dump. */
  line: number;
  /** Byte range of the line in the dump file (without its line terminator). */
  byteStart: number;
  byteEnd: number;
  /** UTF-8 bytes of the article's text. */
  bytes: number;
  title: string;
  length: number;
  sha256: string;
  /** The line's own id (`id` or `meta.id`), as written, when it had one. */
  sourceId?: string;
  /** The line's `meta` object, when it had one. */
  meta?: Record<string, unknown>;
}

/** A dump's articles in line order and the lines (or the whole file) that cannot be annotated. */
export interface DumpIndex {
  articles: DumpArticle[];
  skipped: SkippedFile[];
}

/** A parsed dump line. */
export type DumpLine =
  | { ok: true; text: string; sourceId?: string; title?: string; meta?: Record<string, unknown>; isExport: boolean }
  | { ok: false; reason: SkipReason; message: string };

/** Dumps are read whole to index them; beyond this they are listed apart. */
export const MAX_DUMP_BYTES = 1024 * 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads one line's bytes as an article; `maxBytes` limits the text's UTF-8 size. */
export function parseDumpLine(bytes: Uint8Array, maxBytes: number): DumpLine {
  let raw: string;
  try {
    raw = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not-utf8', message: `not valid UTF-8 (invalid byte at offset ${firstInvalidUtf8(bytes)} of the line)` };
  }
  if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: 'malformed', message: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'malformed', message: 'not a JSON object' };
  const rec = parsed as Record<string, unknown>;
  if (typeof rec.text !== 'string') return { ok: false, reason: 'malformed', message: 'has no "text" string' };
  const meta = typeof rec.meta === 'object' && rec.meta !== null && !Array.isArray(rec.meta) ? (rec.meta as Record<string, unknown>) : undefined;
  const rawId = rec.id ?? meta?.id;
  const sourceId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
  const text = rec.text;
  const big = sizeProblem(Buffer.byteLength(text, 'utf8'), maxBytes);
  if (big && !big.ok) return { ok: false, reason: big.reason, message: big.message };
  if (text.includes('\0')) return { ok: false, reason: 'binary', message: `binary text (NUL character at ${text.indexOf('\0')})` };
  if (text.trim() === '') return { ok: false, reason: 'empty', message: text === '' ? 'empty text' : 'empty text (only white space)' };
  const title = typeof rec.title === 'string' && rec.title.trim() !== '' ? rec.title : typeof meta?.title === 'string' && meta.title.trim() !== '' ? meta.title : undefined;
  // A Quotebench JSONL export saved into the corpus is not a dump of new articles: its lines repeat the corpus.
  const isExport = typeof rec.annotator === 'string' && Array.isArray(rec.spans) && typeof meta?.sha256 === 'string';
  return { ok: true, text, ...(sourceId !== undefined ? { sourceId } : {}), ...(title !== undefined ? { title } : {}), ...(meta ? { meta } : {}), isExport };
}

/**
 * The id segment for a line: its own id with characters no file name may hold replaced by `_`,
 * or `line-N` when it has none (or nothing usable is left).
 */
export function articleKey(sourceId: string | undefined, line: number): string {
  if (sourceId !== undefined) {
    const key = Array.from(sourceId.replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]/gu, '_').trim()).slice(0, 100).join('').replace(/[. ]+$/, '');
    if (key !== '' && !key.startsWith('.')) return key;
  }
  return `line-${line}`;
}

/** Indexes a dump's bytes: every article with its line's place, and every line listed apart. */
export function indexDump(dumpId: string, bytes: Uint8Array, maxBytes: number): DumpIndex {
  const articles: DumpArticle[] = [];
  const skipped: SkippedFile[] = [];
  const head = bytes.subarray(0, 8192);
  if (head.indexOf(0) >= 0) return { articles, skipped: [{ id: dumpId, reason: 'binary', message: `binary file (NUL byte at offset ${head.indexOf(0)})`, bytes: bytes.length }] };
  const usedBy = new Map<string, number>();
  let start = 0;
  let line = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    line += 1;
    const lineEnd = end > start && bytes[end - 1] === 13 ? end - 1 : end;
    const slice = bytes.subarray(start, lineEnd);
    if (!isBlank(slice)) {
      const where = `${dumpId} line ${line}`;
      const parsed = parseDumpLine(slice, maxBytes);
      if (!parsed.ok) skipped.push({ id: where, reason: parsed.reason, message: parsed.message, bytes: slice.length });
      else if (parsed.isExport) {
        return { articles: [], skipped: [{ id: dumpId, reason: 'malformed', message: `a Quotebench export (line ${line} has annotator, spans and meta.sha256), not an article dump; keep exports outside the corpus or in .quotebench/exports`, bytes: bytes.length }] };
      } else {
        const key = articleKey(parsed.sourceId, line);
        const earlier = usedBy.get(key);
        if (earlier !== undefined) skipped.push({ id: where, reason: 'duplicate', message: `the id ${JSON.stringify(key)} is used by line ${earlier} already`, bytes: slice.length });
        else {
          usedBy.set(key, line);
          articles.push({
            id: `${dumpId}/${key}`,
            line,
            byteStart: start,
            byteEnd: lineEnd,
            bytes: Buffer.byteLength(parsed.text, 'utf8'),
            title: parsed.title !== undefined ? documentTitle(parsed.title) : documentTitle(parsed.text),
            length: codePointLength(parsed.text),
            sha256: sha256Text(parsed.text),
            ...(parsed.sourceId !== undefined ? { sourceId: parsed.sourceId } : {}),
            ...(parsed.meta ? { meta: parsed.meta } : {}),
          });
        }
      }
    }
    start = end + 1;
  }
  if (articles.length === 0 && skipped.length === 0) skipped.push({ id: dumpId, reason: 'empty', message: 'empty file (no articles)', bytes: bytes.length });
  return { articles, skipped };
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 32 && b !== 9 && b !== 13) return false;
  return true;
}

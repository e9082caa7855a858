/**
 * Decodes a document file exactly as PRODUCT.md says: UTF-8, one leading BOM removed,
 * everything else byte-for-byte (CRLF stays CRLF). Anything else is refused with a reason.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { documentTitle } from '../../../shared/text.js';
import type { SkipReason } from '../../../shared/model.js';

export type DecodeResult = { ok: true; text: string; sha256: string } | { ok: false; reason: SkipReason; message: string };

/** Human size, e.g. "5.0 MB". */
export function formatMB(bytes: number): string {
  // Small limits (a project can set any) in bytes or kB, so "1.2 kB; the limit is 100 bytes" reads right.
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 100 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** sha256 hex of a text's UTF-8 encoding. */
export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The reason a file of `bytes` bytes is too large, or null. Checked before reading. */
export function sizeProblem(bytes: number, maxBytes: number): DecodeResult | null {
  if (bytes > maxBytes) return { ok: false, reason: 'too-large', message: `too large to annotate (${formatMB(bytes)}; the limit is ${formatMB(maxBytes)})` };
  return null;
}

type DecodeFailure = Extract<DecodeResult, { ok: false }>;

/** The checks every reader makes, in order: size, empty, binary (NUL in the first 8 KiB), UTF-8. */
function refusal(bytes: Uint8Array, maxBytes: number): DecodeFailure | null {
  const tooLarge = sizeProblem(bytes.length, maxBytes);
  if (tooLarge && !tooLarge.ok) return tooLarge;
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'empty file' };
  const nul = bytes.subarray(0, 8192).indexOf(0);
  if (nul >= 0) return { ok: false, reason: 'binary', message: `binary file (NUL byte at offset ${nul})` };
  // Strict (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF), like a fatal TextDecoder.
  if (!isUtf8(bytes)) return { ok: false, reason: 'not-utf8', message: `not valid UTF-8 (invalid byte at offset ${firstInvalidUtf8(bytes)})` };
  return null;
}

/** The bytes after one leading BOM, as a Buffer view. */
function body(bytes: Uint8Array): Buffer {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return Buffer.from(bytes.buffer, bytes.byteOffset + (bom ? 3 : 0), bytes.byteLength - (bom ? 3 : 0));
}

function emptyText(text: Buffer): DecodeFailure {
  return { ok: false, reason: 'empty', message: text.length === 0 ? 'empty file (only a byte-order mark)' : 'empty file (only white space)' };
}

/** Decodes one file's bytes, or says why it cannot be annotated. */
export function decodeDocumentBytes(bytes: Uint8Array, maxBytes: number): DecodeResult {
  const refused = refusal(bytes, maxBytes);
  if (refused) return refused;
  const utf8 = body(bytes);
  const text = utf8.toString('utf8');
  // /\S/ is trim()'s complement (WhiteSpace and LineTerminator) without copying the text.
  if (!/\S/.test(text)) return emptyText(utf8);
  // The bytes after the BOM are exactly the text's UTF-8 (validated above): hash them, not a re-encoding.
  return { ok: true, text, sha256: createHash('sha256').update(utf8).digest('hex') };
}

/**
 * What the document list needs of a file (title, length in code points, sha256), with the same
 * refusals as decodeDocumentBytes, without decoding the whole text: only the first non-blank
 * line becomes a string; the length is counted on the bytes.
 */
export function describeDocumentBytes(bytes: Uint8Array, maxBytes: number): { ok: true; title: string; length: number; sha256: string } | DecodeFailure {
  const refused = refusal(bytes, maxBytes);
  if (refused) return refused;
  const utf8 = body(bytes);
  let title: string | null = null;
  let cr = -1;
  for (let start = 0; start <= utf8.length; ) {
    // \r and \n never occur inside a multi-byte sequence: lines can be cut on the bytes.
    if (cr < start && cr !== utf8.length) cr = utf8.indexOf(13, start) < 0 ? utf8.length : utf8.indexOf(13, start);
    const lf = utf8.indexOf(10, start);
    const end = Math.min(cr, lf < 0 ? utf8.length : lf);
    const line = utf8.toString('utf8', start, end);
    if (/\S/.test(line)) {
      title = documentTitle(line);
      break;
    }
    start = end + 1;
  }
  if (title === null) return emptyText(utf8);
  // Code points = bytes that do not continue a sequence.
  return { ok: true, title, length: utf8.length - continuationBytes(utf8), sha256: createHash('sha256').update(utf8).digest('hex') };
}

/** How many bytes are 10xxxxxx, four at a time: bit 7 set and bit 6 clear in each byte of a word. */
function continuationBytes(b: Buffer): number {
  let n = 0;
  let i = 0;
  const one = (x: number) => ((x & 0xc0) === 0x80 ? 1 : 0);
  for (const head = (4 - (b.byteOffset & 3)) & 3; i < head && i < b.length; i += 1) n += one(b[i]!);
  const words = (b.length - i) >>> 2;
  if (words > 0) {
    const w32 = new Uint32Array(b.buffer, b.byteOffset + i, words);
    for (let k = 0; k < words; k += 1) {
      const w = w32[k]!;
      const x = w & ~(w << 1) & 0x80808080;
      if (x !== 0) n += Math.imul(x >>> 7, 0x01010101) >>> 24;
    }
    i += words * 4;
  }
  for (; i < b.length; i += 1) n += one(b[i]!);
  return n;
}

/** Byte offset of the first invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates, max U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i += 1;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

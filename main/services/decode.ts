/**
 * Decodes a document file exactly as PRODUCT.md says: UTF-8, one leading BOM removed,
 * everything else byte-for-byte (CRLF stays CRLF). Anything else is refused with a reason.
 */
import { createHash } from 'node:crypto';
import type { SkipReason } from '../../shared/model.js';

export type DecodeResult = { ok: true; text: string; sha256: string } | { ok: false; reason: SkipReason; message: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Human size, e.g. "5.0 MB". */
export function formatMB(bytes: number): string {
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

/** Decodes one file's bytes, or says why it cannot be annotated. */
export function decodeDocumentBytes(bytes: Uint8Array, maxBytes: number): DecodeResult {
  const tooLarge = sizeProblem(bytes.length, maxBytes);
  if (tooLarge) return tooLarge;
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'empty file' };
  const head = bytes.subarray(0, 8192);
  const nul = head.indexOf(0);
  if (nul >= 0) return { ok: false, reason: 'binary', message: `binary file (NUL byte at offset ${nul})` };
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not-utf8', message: `not valid UTF-8 (invalid byte at offset ${firstInvalidUtf8(bytes)})` };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  // /\S/ is trim()'s complement (WhiteSpace and LineTerminator) without copying the text.
  if (!/\S/.test(text)) return { ok: false, reason: 'empty', message: text === '' ? 'empty file (only a byte-order mark)' : 'empty file (only white space)' };
  // The bytes after the BOM are exactly the text's UTF-8 (fatal decoding): hash them, not a re-encoding.
  return { ok: true, text, sha256: createHash('sha256').update(bom ? bytes.subarray(3) : bytes).digest('hex') };
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

import { describe, expect, it } from 'vitest';
import { codePointLength } from '../../../shared/offsets.js';
import { documentTitle } from '../../../shared/text.js';
import { decodeDocumentBytes, describeDocumentBytes, firstInvalidUtf8, sha256Text } from './decode.js';

const MB = 1024 * 1024;
const enc = (s: string) => Buffer.from(s, 'utf8');

describe('decodeDocumentBytes', () => {
  it('drops one leading BOM and keeps everything else, CRLF included', () => {
    const r = decodeDocumentBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc('Title\r\n\uFEFFbody\r\n')]), MB);
    expect(r).toEqual({ ok: true, text: 'Title\r\n\uFEFFbody\r\n', sha256: sha256Text('Title\r\n\uFEFFbody\r\n') });
  });

  it('hashes the decoded text: known sha256 of "abc"', () => {
    expect(sha256Text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('keeps emoji, Urdu and combining accents exactly', () => {
    const text = 'Reader: 👍🏽 پاکستان cafe\u0301';
    expect(decodeDocumentBytes(enc(text), MB)).toMatchObject({ ok: true, text });
  });

  it('refuses invalid UTF-8 naming the first bad byte', () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]);
    expect(decodeDocumentBytes(latin1, MB)).toEqual({ ok: false, reason: 'not-utf8', message: 'not valid UTF-8 (invalid byte at offset 3)' });
  });

  it('refuses overlong encodings and encoded surrogates', () => {
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(enc('ok 👍🏽'))).toBe(-1);
  });

  it('refuses binary files (NUL in the first 8 KiB)', () => {
    expect(decodeDocumentBytes(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]), MB)).toEqual({ ok: false, reason: 'binary', message: 'binary file (NUL byte at offset 4)' });
  });

  it('refuses empty, BOM-only and white-space-only files', () => {
    expect(decodeDocumentBytes(Buffer.alloc(0), MB)).toMatchObject({ ok: false, reason: 'empty' });
    expect(decodeDocumentBytes(Buffer.from([0xef, 0xbb, 0xbf]), MB)).toMatchObject({ ok: false, reason: 'empty' });
    expect(decodeDocumentBytes(enc(' \r\n\t'), MB)).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('refuses files over the limit with both sizes', () => {
    expect(decodeDocumentBytes(Buffer.alloc(3 * MB, 0x61), 2 * MB)).toEqual({ ok: false, reason: 'too-large', message: 'too large to annotate (3.0 MB; the limit is 2.0 MB)' });
  });
});

describe('describeDocumentBytes', () => {
  it('answers what decoding the whole text would: title, code point length, sha256, or the same refusal', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const inputs: Buffer[] = [
      enc('Port strike\nbody'),
      Buffer.concat([bom, enc('Title\r\n\uFEFFbody\r\n')]),
      enc('\r\n\r  \u00a0\n  Late title 👍🏽 \rrest'),
      enc('\u2028 Title\u2028\nrest'),
      enc('x'.repeat(150) + '👍🏽'.repeat(60) + '\nbody'),
      enc('一行目だけ'),
      enc(' \r\n\t'),
      bom,
      Buffer.alloc(0),
      Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      Buffer.from([0x41, 0xed, 0xa0, 0x80]),
      Buffer.alloc(3 * MB, 0x61),
      // Every byte offset against word boundaries, with one- to four-byte sequences.
      ...[0, 1, 2, 3].map((k) => Buffer.from(enc('. '.repeat(k) + 'é“x”👍🏽中文 ab\u00a0'.repeat(40) + 'z'.repeat(k)).buffer.slice(0)).subarray(0)),
      ...[1, 2, 3].map((k) => Buffer.concat([Buffer.alloc(k, 0x20), enc('Title é👍🏽\n' + '中'.repeat(33))]).subarray(k)),
    ];
    for (const bytes of inputs) {
      const full = decodeDocumentBytes(bytes, 2 * MB);
      const expected = full.ok ? { ok: true, title: documentTitle(full.text), length: codePointLength(full.text), sha256: full.sha256 } : full;
      expect(describeDocumentBytes(bytes, 2 * MB)).toEqual(expected);
    }
    expect(describeDocumentBytes(enc('\r\n\r  \u00a0\n  Late title 👍🏽 \rrest'), MB)).toMatchObject({ title: 'Late title 👍🏽', length: 28 });
  });
});

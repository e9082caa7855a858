import { describe, expect, it } from 'vitest';
import { decodeDocumentBytes, firstInvalidUtf8, sha256Text } from './decode.js';

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

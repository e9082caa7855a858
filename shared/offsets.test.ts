import { describe, expect, it } from 'vitest';
import { codePointLength, createOffsetMap, sliceCodePoints } from './offsets.js';

/** Reference: code point offset of a UTF-16 offset, by brute force. */
function refCp(text: string, u16: number): number {
  return Array.from(text.slice(0, u16)).length;
}

describe('createOffsetMap', () => {
  it('is the identity on ASCII', () => {
    const map = createOffsetMap('plain text');
    expect([map.length16, map.lengthCp]).toEqual([10, 10]);
    expect(map.toCodePoint(7)).toBe(7);
    expect(map.toUtf16(10)).toBe(10);
  });

  it('counts an emoji with a skin tone as two code points and four units', () => {
    const text = 'ok 👍🏽 yes';
    const map = createOffsetMap(text);
    expect(map.length16).toBe(11);
    expect(map.lengthCp).toBe(9);
    expect(map.toCodePoint(3)).toBe(3); // start of 👍
    expect(map.toCodePoint(5)).toBe(4); // start of 🏽
    expect(map.toCodePoint(7)).toBe(5); // the space after
    expect(map.toUtf16(5)).toBe(7);
    expect(map.toUtf16(9)).toBe(11);
  });

  it('counts a ZWJ family as five code points and eight units', () => {
    const family = '👨‍👩‍👧';
    const map = createOffsetMap(family);
    expect([map.length16, map.lengthCp]).toEqual([8, 5]);
    expect([0, 2, 3, 5, 6, 8].map((u) => map.toCodePoint(u))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('rounds an index inside a surrogate pair down to the pair', () => {
    const map = createOffsetMap('a😀b');
    expect(map.toCodePoint(2)).toBe(1);
    expect(map.toCodePoint(1)).toBe(1);
    expect(map.toCodePoint(3)).toBe(2);
  });

  it('keeps combining accents, CJK, Urdu and CRLF one unit per code point', () => {
    const text = 'cafe\u0301 北京 پاکستان\r\n';
    const map = createOffsetMap(text);
    expect(map.lengthCp).toBe(text.length);
    expect(map.toCodePoint(8)).toBe(8);
  });

  it('treats lone surrogates as one code point each, like Python', () => {
    const text = 'a\uD800b\uDC00c';
    const map = createOffsetMap(text);
    expect(map.lengthCp).toBe(5);
    expect(map.toUtf16(3)).toBe(3);
  });

  it('throws on offsets outside the text', () => {
    const map = createOffsetMap('abc');
    expect(() => map.toCodePoint(-1)).toThrow(RangeError);
    expect(() => map.toCodePoint(4)).toThrow(RangeError);
    expect(() => map.toUtf16(4)).toThrow(RangeError);
    expect(() => map.toUtf16(1.5)).toThrow(RangeError);
  });

  it('agrees with brute force on random mixed strings, both ways, at every index', () => {
    const pieces = ['a', ' ', '\r\n', 'é', 'e\u0301', '北', 'پ', '👍🏽', '👨‍👩‍👧', '🇵🇰', '“', '😀'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round += 1) {
      let text = '';
      const len = rand(30);
      for (let i = 0; i < len; i += 1) text += pieces[rand(pieces.length)];
      const map = createOffsetMap(text);
      const cps = Array.from(text);
      expect(map.lengthCp).toBe(cps.length);
      let u = 0;
      for (let cp = 0; cp <= cps.length; cp += 1) {
        expect(map.toUtf16(cp)).toBe(u);
        expect(map.toCodePoint(u)).toBe(cp);
        u += cps[cp]?.length ?? 0;
      }
      for (let i = 0; i <= text.length; i += 1) expect(map.toCodePoint(i)).toBe(refCp(text, i) - (i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]!) && /[\uD800-\uDBFF]/.test(text[i - 1]!) ? 1 : 0));
    }
  });
});

describe('codePointLength and sliceCodePoints', () => {
  it('slice like Python str', () => {
    const text = 'x👍🏽y';
    expect(codePointLength(text)).toBe(4);
    expect(sliceCodePoints(text, 1, 3)).toBe('👍🏽');
    expect(sliceCodePoints(text, 3, 4)).toBe('y');
    expect(sliceCodePoints(text, 0, 0)).toBe('');
  });
});

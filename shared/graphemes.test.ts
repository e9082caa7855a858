import { describe, expect, it } from 'vitest';
import { nextGraphemeBoundary, nextWordBoundary, prevGraphemeBoundary, prevWordBoundary, snapToGraphemes } from './graphemes.js';

describe('snapToGraphemes', () => {
  const text = 'ok 👍🏽 fine'; // 👍🏽 spans UTF-16 3..7

  it('widens a range that cuts an emoji with a skin tone', () => {
    expect(snapToGraphemes(text, 4, 5)).toEqual({ start: 3, end: 7 });
    expect(snapToGraphemes(text, 0, 5)).toEqual({ start: 0, end: 7 });
    expect(snapToGraphemes(text, 5, 9)).toEqual({ start: 3, end: 9 });
  });

  it('keeps ranges already on boundaries', () => {
    expect(snapToGraphemes(text, 3, 7)).toEqual({ start: 3, end: 7 });
    expect(snapToGraphemes(text, 8, 12)).toEqual({ start: 8, end: 12 });
  });

  it('keeps a ZWJ family, a flag and a combining accent whole', () => {
    const t = 'a👨‍👩‍👧b🇵🇰ce\u0301';
    expect(snapToGraphemes(t, 3, 4)).toEqual({ start: 1, end: 9 });
    expect(snapToGraphemes(t, 11, 12)).toEqual({ start: 10, end: 14 });
    expect(snapToGraphemes(t, 15, 16)).toEqual({ start: 15, end: 17 });
  });

  it('treats CRLF as one cluster and orders reversed input', () => {
    expect(snapToGraphemes('a\r\nb', 2, 3)).toEqual({ start: 1, end: 3 });
    expect(snapToGraphemes('a\r\nb', 0, 2)).toEqual({ start: 0, end: 3 });
    expect(snapToGraphemes(text, 5, 4)).toEqual({ start: 3, end: 7 });
  });

  it('snaps a collapsed range down to a boundary', () => {
    expect(snapToGraphemes(text, 5, 5)).toEqual({ start: 3, end: 3 });
  });

  it('works far into a long text without segmenting all of it', () => {
    const long = 'word '.repeat(100_000) + '👍🏽' + ' tail';
    const at = long.indexOf('👍🏽');
    expect(snapToGraphemes(long, at + 1, at + 2)).toEqual({ start: at, end: at + 4 });
  });
});

describe('grapheme steps', () => {
  it('steps over whole clusters', () => {
    const t = 'a👍🏽b한국e\u0301';
    expect(nextGraphemeBoundary(t, 0)).toBe(1);
    expect(nextGraphemeBoundary(t, 1)).toBe(5);
    expect(prevGraphemeBoundary(t, 5)).toBe(1);
    expect(nextGraphemeBoundary(t, 6)).toBe(7);
    expect(nextGraphemeBoundary(t, 8)).toBe(10);
    expect(prevGraphemeBoundary(t, 10)).toBe(8);
    expect(nextGraphemeBoundary(t, t.length)).toBe(t.length);
    expect(prevGraphemeBoundary(t, 0)).toBe(0);
  });
});

describe('word steps', () => {
  const t = 'The mayor said, “no.”';
  it('moves to the end of the next word', () => {
    expect(nextWordBoundary(t, 0)).toBe(3);
    expect(nextWordBoundary(t, 3)).toBe(9);
    expect(nextWordBoundary(t, 14)).toBe(19);
    expect(nextWordBoundary(t, 19)).toBe(t.length);
  });
  it('moves to the start of the previous word', () => {
    expect(prevWordBoundary(t, 9)).toBe(4);
    expect(prevWordBoundary(t, 4)).toBe(0);
    expect(prevWordBoundary(t, 21)).toBe(17);
    expect(prevWordBoundary(t, 0)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { documentTitle, lineEndingStyle, splitParagraphs } from './text.js';

describe('splitParagraphs', () => {
  it('yields one paragraph per line, empty lines included, for LF, CRLF and CR', () => {
    expect(splitParagraphs('ab\n\ncd')).toEqual([{ start: 0, end: 2 }, { start: 3, end: 3 }, { start: 4, end: 6 }]);
    expect(splitParagraphs('ab\r\ncd\r\n')).toEqual([{ start: 0, end: 2 }, { start: 4, end: 6 }, { start: 8, end: 8 }]);
    expect(splitParagraphs('a\rb')).toEqual([{ start: 0, end: 1 }, { start: 2, end: 3 }]);
    expect(splitParagraphs('')).toEqual([{ start: 0, end: 0 }]);
  });
});

describe('documentTitle', () => {
  it('takes the first non-blank line, trimmed', () => {
    expect(documentTitle('\n   \n  Port strike ends \nbody')).toBe('Port strike ends');
    expect(documentTitle(' \n\t')).toBe('');
    expect(documentTitle('\r\n\u00a0\r  Title\r\nrest')).toBe('Title');
    expect(documentTitle('\u2028 Title \u2028\nrest')).toBe('Title');
  });
  it('cuts long titles by code points without splitting an emoji', () => {
    expect(documentTitle('ab👍🏽cd', 3)).toBe('ab👍…');
    expect(documentTitle('abc', 3)).toBe('abc');
  });
});

describe('lineEndingStyle', () => {
  it('names the terminators', () => {
    expect(lineEndingStyle('a\nb')).toBe('lf');
    expect(lineEndingStyle('a\r\nb\r\n')).toBe('crlf');
    expect(lineEndingStyle('a\rb')).toBe('cr');
    expect(lineEndingStyle('a\r\nb\n')).toBe('mixed');
    expect(lineEndingStyle('ab')).toBe('none');
  });
});

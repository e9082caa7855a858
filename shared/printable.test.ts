import { describe, expect, it } from 'vitest';
import { printable, printableLines } from './printable.js';

describe('printable', () => {
  it('escapes control characters as \\uXXXX, keeping everything else', () => {
    expect(printable('a\u001b[2Jb\r\n\t\u0000\u007f\u009b\u202eé“”')).toBe('a\\u001b[2Jb\\u000d\\u000a\\u0009\\u0000\\u007f\\u009b\\u202eé“”');
    expect(printableLines('one\u001b]0;x\u0007\ntwo\tthree\r\n')).toBe('one\\u001b]0;x\\u0007\ntwo\tthree\\u000d\n');
  });

  it('keeps JSON valid and equal in value', () => {
    const value = { id: 'evil\u001b[2J\u009b\u202e.txt' };
    expect(JSON.parse(printableLines(JSON.stringify(value, null, 2)))).toEqual(value);
  });
});

import { describe, expect, it } from 'vitest';
import { moveCaret, paragraphIndexAt } from './caret-motion.js';

// "Hi 👍🏽 there" [0,13), the empty line [14,14), "Next line." [15,25). The emoji cluster is 3..7.
const TEXT = 'Hi 👍🏽 there\n\nNext line.';
const PARAS = [
  { start: 0, end: 13 },
  { start: 14, end: 14 },
  { start: 15, end: 25 },
];

describe('paragraphIndexAt', () => {
  it('finds the paragraph, a line break belonging to the one before it', () => {
    expect(paragraphIndexAt(PARAS, 0)).toBe(0);
    expect(paragraphIndexAt(PARAS, 13)).toBe(0);
    expect(paragraphIndexAt(PARAS, 14)).toBe(1);
    expect(paragraphIndexAt(PARAS, 20)).toBe(2);
  });
});

describe('moveCaret', () => {
  it('steps over a whole grapheme cluster', () => {
    expect(moveCaret(TEXT, PARAS, 3, 'grapheme-right')).toBe(7);
    expect(moveCaret(TEXT, PARAS, 7, 'grapheme-left')).toBe(3);
  });

  it('skips line breaks between paragraphs', () => {
    expect(moveCaret(TEXT, PARAS, 13, 'grapheme-right')).toBe(14);
    expect(moveCaret(TEXT, PARAS, 14, 'grapheme-right')).toBe(15);
    expect(moveCaret(TEXT, PARAS, 15, 'grapheme-left')).toBe(14);
    expect(moveCaret(TEXT, PARAS, 25, 'grapheme-right')).toBe(25);
    expect(moveCaret(TEXT, PARAS, 0, 'grapheme-left')).toBe(0);
  });

  it('moves by words inside a paragraph', () => {
    expect(moveCaret(TEXT, PARAS, 8, 'word-right')).toBe(13);
    expect(moveCaret(TEXT, PARAS, 13, 'word-left')).toBe(8);
  });

  it('extends by paragraph: to this one’s edge first, then whole non-empty paragraphs', () => {
    expect(moveCaret(TEXT, PARAS, 2, 'paragraph-forward')).toBe(13);
    expect(moveCaret(TEXT, PARAS, 13, 'paragraph-forward')).toBe(25);
    expect(moveCaret(TEXT, PARAS, 20, 'paragraph-back')).toBe(15);
    expect(moveCaret(TEXT, PARAS, 15, 'paragraph-back')).toBe(0);
  });

  it('moves the caret to neighbouring paragraphs and the document ends', () => {
    expect(moveCaret(TEXT, PARAS, 2, 'next-paragraph')).toBe(15);
    expect(moveCaret(TEXT, PARAS, 20, 'previous-paragraph')).toBe(0);
    expect(moveCaret(TEXT, PARAS, 9, 'paragraph-start')).toBe(0);
    expect(moveCaret(TEXT, PARAS, 9, 'paragraph-end')).toBe(13);
    expect(moveCaret(TEXT, PARAS, 9, 'document-end')).toBe(25);
    expect(moveCaret(TEXT, PARAS, 20, 'document-start')).toBe(0);
  });
});

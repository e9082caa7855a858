import { describe, expect, it } from 'vitest';
import { motionForKey } from './view-keys.js';

const key = (k: string, mods: { shift?: boolean; ctrl?: boolean; alt?: boolean } = {}) => ({
  key: k,
  shiftKey: mods.shift ?? false,
  ctrlKey: mods.ctrl ?? false,
  metaKey: false,
  altKey: mods.alt ?? false,
});

describe('motionForKey', () => {
  it('binds arrows, words, paragraphs and document ends', () => {
    expect(motionForKey(key('ArrowRight', { shift: true }))).toEqual({ motion: 'grapheme-right', extend: true });
    expect(motionForKey(key('ArrowLeft', { shift: true, ctrl: true }))).toEqual({ motion: 'word-left', extend: true });
    expect(motionForKey(key('ArrowDown'))).toEqual({ motion: 'next-paragraph', extend: false });
    expect(motionForKey(key('ArrowDown', { shift: true }))).toEqual({ motion: 'paragraph-forward', extend: true });
    expect(motionForKey(key('Home', { shift: true }))).toEqual({ motion: 'paragraph-start', extend: true });
    expect(motionForKey(key('End', { ctrl: true }))).toEqual({ motion: 'document-end', extend: false });
  });

  it('leaves Alt+arrows to the document list and other keys alone', () => {
    expect(motionForKey(key('ArrowDown', { alt: true }))).toBeNull();
    expect(motionForKey(key('q'))).toBeNull();
  });
});

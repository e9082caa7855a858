/**
 * Keyboard caret motion over the document text, in UTF-16 offsets. Pure: text, paragraphs and a
 * position in, a position out. Line terminators between paragraphs are never a caret stop: moving
 * right from a paragraph's end lands on the next paragraph's start.
 */
import { nextGraphemeBoundary, nextWordBoundary, prevGraphemeBoundary, prevWordBoundary } from '../../../../shared/graphemes.js';

/** A paragraph's range in UTF-16 offsets, as splitParagraphs gives it. */
export interface ParaRange {
  start: number;
  end: number;
}

/** The motions the document view binds to keys. */
export type Motion =
  | 'grapheme-left'
  | 'grapheme-right'
  | 'word-left'
  | 'word-right'
  | 'paragraph-start'
  | 'paragraph-end'
  /** Shift+Up: to this paragraph's start, or from there to the previous non-empty paragraph's start. */
  | 'paragraph-back'
  /** Shift+Down: to this paragraph's end, or from there to the next non-empty paragraph's end. */
  | 'paragraph-forward'
  /** Up: the previous non-empty paragraph's start. */
  | 'previous-paragraph'
  /** Down: the next non-empty paragraph's start. */
  | 'next-paragraph'
  | 'document-start'
  | 'document-end';

/** Index of the paragraph holding `pos` (a position in a gap belongs to the paragraph before it). */
export function paragraphIndexAt(paras: readonly ParaRange[], pos: number): number {
  let lo = 0;
  let hi = paras.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((paras[mid]?.start ?? 0) <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Where `motion` takes a caret at `pos`. */
export function moveCaret(text: string, paras: readonly ParaRange[], pos: number, motion: Motion): number {
  if (paras.length === 0) return 0;
  const index = paragraphIndexAt(paras, pos);
  const para = paras[index] as ParaRange;
  const at = Math.min(Math.max(pos, para.start), para.end);
  const next = paras[index + 1];
  const prev = paras[index - 1];
  switch (motion) {
    case 'grapheme-right':
      if (at >= para.end) return next ? next.start : at;
      return Math.min(nextGraphemeBoundary(text, at), para.end);
    case 'grapheme-left':
      if (at <= para.start) return prev ? prev.end : at;
      return Math.max(prevGraphemeBoundary(text, at), para.start);
    case 'word-right':
      if (at >= para.end) return next ? next.start : at;
      return Math.min(advanced(nextWordBoundary(text, at), at, 1) ?? nextGraphemeBoundary(text, at), para.end);
    case 'word-left':
      if (at <= para.start) return prev ? prev.end : at;
      return Math.max(advanced(prevWordBoundary(text, at), at, -1) ?? prevGraphemeBoundary(text, at), para.start);
    case 'paragraph-start':
      return para.start;
    case 'paragraph-end':
      return para.end;
    case 'paragraph-back': {
      if (at > para.start) return para.start;
      const before = findNonEmpty(paras, index - 1, -1);
      return before ? before.start : at;
    }
    case 'paragraph-forward': {
      if (at < para.end) return para.end;
      const after = findNonEmpty(paras, index + 1, 1);
      return after ? after.end : at;
    }
    case 'previous-paragraph': {
      const before = findNonEmpty(paras, index - 1, -1);
      return before ? before.start : (paras[0] as ParaRange).start;
    }
    case 'next-paragraph': {
      const after = findNonEmpty(paras, index + 1, 1);
      return after ? after.start : at;
    }
    case 'document-start':
      return (paras[0] as ParaRange).start;
    case 'document-end':
      return (paras[paras.length - 1] as ParaRange).end;
  }
}

/** The word boundary when it really moves in direction `step`, else null (fall back to a grapheme). */
function advanced(boundary: number, at: number, step: 1 | -1): number | null {
  return (boundary - at) * step > 0 ? boundary : null;
}

function findNonEmpty(paras: readonly ParaRange[], from: number, step: 1 | -1): ParaRange | null {
  for (let i = from; i >= 0 && i < paras.length; i += step) {
    const p = paras[i] as ParaRange;
    if (p.end > p.start) return p;
  }
  return null;
}

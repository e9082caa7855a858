/**
 * Grapheme- and word-aware offsets, so a selection never splits a surrogate pair or a grapheme
 * cluster (an emoji with a skin tone, a flag, a letter with a combining accent).
 *
 * All offsets are UTF-16 (the renderer's unit). Each call segments only a window around the
 * index, never the whole text, so it stays cheap on 1 MB documents.
 */

const WINDOW = 256;
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** A window start where no grapheme cluster can straddle: the text start, or before a space or line feed. */
function safeStart(text: string, index: number): number {
  let k = Math.max(0, index - WINDOW);
  const limit = Math.max(0, k - WINDOW);
  while (k > limit) {
    const c = text[k];
    if (c === ' ' || (c === '\n' && text[k - 1] !== '\r')) return k;
    k -= 1;
  }
  return k;
}

/** The grapheme cluster containing UTF-16 index `index` (0 <= index < text.length). */
function clusterAt(text: string, index: number): { start: number; end: number } {
  const from = safeStart(text, index);
  const to = Math.min(text.length, index + WINDOW);
  const seg = graphemeSegmenter.segment(text.slice(from, to)).containing(index - from);
  if (!seg) return { start: index, end: index + 1 };
  return { start: from + seg.index, end: from + seg.index + seg.segment.length };
}

function clamp(text: string, index: number): number {
  return Math.max(0, Math.min(text.length, Math.trunc(index)));
}

/** Widens [start16, end16) to whole grapheme clusters; a collapsed range snaps down to a boundary. */
export function snapToGraphemes(text: string, start16: number, end16: number): { start: number; end: number } {
  let start = clamp(text, Math.min(start16, end16));
  let end = clamp(text, Math.max(start16, end16));
  const collapsed = start === end;
  if (start < text.length) start = clusterAt(text, start).start;
  if (collapsed) return { start, end: start };
  if (end > 0) end = clusterAt(text, end - 1).end;
  return { start, end };
}

/** The next grapheme boundary after `index16` (Shift+ArrowRight); the text length at the end. */
export function nextGraphemeBoundary(text: string, index16: number): number {
  const i = clamp(text, index16);
  return i >= text.length ? text.length : clusterAt(text, i).end;
}

/** The previous grapheme boundary before `index16` (Shift+ArrowLeft); 0 at the start. */
export function prevGraphemeBoundary(text: string, index16: number): number {
  const i = clamp(text, index16);
  return i <= 0 ? 0 : clusterAt(text, i - 1).start;
}

/** The end of the next word at or after `index16` (Ctrl+Shift+ArrowRight). */
export function nextWordBoundary(text: string, index16: number): number {
  const from = clamp(text, index16);
  for (let to = Math.min(text.length, from + WINDOW); ; to = Math.min(text.length, to + 4 * WINDOW)) {
    for (const seg of wordSegmenter.segment(text.slice(from, to))) {
      const end = from + seg.index + seg.segment.length;
      // A word cut by the window edge is not finished: widen instead.
      if (seg.isWordLike && end > from && (end < to || to === text.length)) return end;
    }
    if (to >= text.length) return text.length;
  }
}

/** The start of the previous word before `index16` (Ctrl+Shift+ArrowLeft). */
export function prevWordBoundary(text: string, index16: number): number {
  const to = clamp(text, index16);
  for (let from = Math.max(0, to - WINDOW); ; from = Math.max(0, from - 4 * WINDOW)) {
    let best = -1;
    for (const seg of wordSegmenter.segment(text.slice(from, to))) {
      if (seg.isWordLike && from + seg.index < to) best = from + seg.index;
    }
    // A word starting at the window edge may have begun earlier: widen unless at the text start.
    if (best > from || (best === from && from === 0)) return best;
    if (from === 0) return 0;
  }
}

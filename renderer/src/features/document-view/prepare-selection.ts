/** Turns a raw selection (any direction, any offsets) into the range a new span covers. */
import { snapToGraphemes } from '../../../../shared/graphemes.js';

/** A UTF-16 range, start < end. */
export interface Range16 {
  start: number;
  end: number;
}

/**
 * Orders the ends, snaps them outward to grapheme cluster boundaries (so a span never splits a
 * surrogate pair or a combining sequence), then trims whitespace at both ends. Null when nothing
 * but whitespace is selected.
 */
export function prepareSelection(text: string, anchor: number, focus: number): Range16 | null {
  const lo = Math.max(0, Math.min(anchor, focus, text.length));
  const hi = Math.min(text.length, Math.max(anchor, focus));
  if (hi <= lo) return null;
  const snapped = snapToGraphemes(text, lo, hi);
  let start = snapped.start;
  let end = snapped.end;
  while (start < end && isSpace(text.charCodeAt(start))) start += 1;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
  return end > start ? { start, end } : null;
}

/** White space as JavaScript's `\s` sees it: trimmed from the edges of a span. */
function isSpace(code: number): boolean {
  return /\s/.test(String.fromCharCode(code));
}

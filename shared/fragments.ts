/**
 * Pieces of a discontinuous span (code points, half-open). A quote interrupted by "he said" or
 * running over two paragraphs is one annotation with several fragments.
 */

/** A span's pieces: its fragments, or its one range. */
export function piecesOf(span: { start: number; end: number; fragments?: [number, number][] }): [number, number][] {
  return span.fragments && span.fragments.length > 0 ? span.fragments.map(([s, e]) => [s, e] as [number, number]) : [[span.start, span.end]];
}

/** The pieces with `piece` added: sorted, and pieces that overlap or touch it joined into one. */
export function withFragment(pieces: readonly [number, number][], piece: [number, number]): [number, number][] {
  const all = [...pieces, piece].map(([s, e]) => [s, e] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of all) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** The pieces without the one at `index`; null when it is the last one (a span keeps at least one). */
export function withoutFragment(pieces: readonly [number, number][], index: number): [number, number][] | null {
  if (pieces.length <= 1 || index < 0 || index >= pieces.length) return null;
  return pieces.filter((_, i) => i !== index).map(([s, e]) => [s, e] as [number, number]);
}

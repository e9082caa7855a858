/**
 * Flattens overlapping and nested ranges into non-overlapping segments with a boundary sweep,
 * so the renderer can draw one DOM node per segment however the spans overlap.
 */

/** A labelled range in any offset unit the caller uses consistently. */
export interface RangeInput {
  id: string;
  start: number;
  end: number;
}

/** A stretch of text covered by the same set of ranges; `ids` is outer-first. */
export interface Segment {
  start: number;
  end: number;
  ids: string[];
}

interface Boundary {
  at: number;
  range: RangeInput;
  open: boolean;
}

/** Outer-first order: earlier start, then longer, then id. */
function outerFirst(a: RangeInput, b: RangeInput): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Covers [start, end) completely with segments, gaps included (ids: []). Ranges are clipped to
 * [start, end); empty ones are ignored. Adjacent segments with the same ids are merged.
 * O((n + k) log n) for n ranges and k segments... plus the ids copied into each segment.
 */
export function buildSegments(start: number, end: number, ranges: readonly RangeInput[]): Segment[] {
  if (end <= start) return [];
  const clipped: RangeInput[] = [];
  for (const r of ranges) {
    const s = Math.max(start, r.start);
    const e = Math.min(end, r.end);
    if (e > s) clipped.push(s === r.start && e === r.end ? r : { id: r.id, start: s, end: e });
  }
  // Rank by outer-first order so the active set can be kept sorted by rank.
  const order = [...clipped].sort(outerFirst);
  const rank = new Map<RangeInput, number>();
  order.forEach((r, i) => rank.set(r, i));

  const boundaries: Boundary[] = [];
  for (const r of order) {
    boundaries.push({ at: r.start, range: r, open: true });
    boundaries.push({ at: r.end, range: r, open: false });
  }
  boundaries.sort((a, b) => a.at - b.at);

  const segments: Segment[] = [];
  const active: RangeInput[] = []; // sorted by rank
  let cursor = start;
  let i = 0;
  while (i <= boundaries.length) {
    const at = i < boundaries.length ? boundaries[i]!.at : end;
    if (at > cursor) {
      const ids = active.map((r) => r.id);
      const last = segments[segments.length - 1];
      if (last && sameIds(last.ids, ids)) last.end = at;
      else segments.push({ start: cursor, end: at, ids });
      cursor = at;
    }
    if (i === boundaries.length) break;
    // Apply every boundary at this offset before emitting the next segment.
    while (i < boundaries.length && boundaries[i]!.at === at) {
      const b = boundaries[i]!;
      const r = rank.get(b.range)!;
      const pos = lowerBound(active, r, rank);
      if (b.open) active.splice(pos, 0, b.range);
      else if (active[pos] === b.range) active.splice(pos, 1);
      i += 1;
    }
  }
  return segments;
}

function lowerBound(active: RangeInput[], r: number, rank: Map<RangeInput, number>): number {
  let lo = 0;
  let hi = active.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rank.get(active[mid]!)! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Text search inside one document. Pure; offsets are UTF-16 (the DOM's). */

/** Every non-overlapping match of `query` in `text`, ignoring case; matched on the original text so offsets are exact. */
export function findHits(text: string, query: string, limit = 10_000): [number, number][] {
  if (query === '') return [];
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const hits: [number, number][] = [];
  for (const match of text.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    hits.push([match.index, match.index + match[0].length]);
    if (hits.length >= limit) break;
  }
  return hits;
}

/** The hit to show first: the first one at or after `from` (the caret), wrapping to the first. */
export function firstHitFrom(hits: readonly [number, number][], from: number): number {
  if (hits.length === 0) return -1;
  const index = hits.findIndex(([start]) => start >= from);
  return index < 0 ? 0 : index;
}

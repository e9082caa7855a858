import type { ParaRange } from './caret-motion.js';

/** Paragraphs `first` (inclusive) to `end` (exclusive), `empty` of them empty lines. */
export interface BulkRun {
  first: number;
  end: number;
  empty: number;
}

/**
 * Cuts the paragraphs starting at or after `eagerChars` into runs of `size` paragraphs (the last
 * may be shorter); the paragraphs before stay single. Pure; offsets are UTF-16.
 */
export function bulkRuns(paragraphs: readonly ParaRange[], eagerChars: number, size: number): BulkRun[] {
  let first = paragraphs.findIndex((p) => p.start >= eagerChars);
  if (first < 0) return [];
  const runs: BulkRun[] = [];
  while (first < paragraphs.length) {
    const end = Math.min(first + size, paragraphs.length);
    let empty = 0;
    for (let i = first; i < end; i += 1) if ((paragraphs[i] as ParaRange).end <= (paragraphs[i] as ParaRange).start) empty += 1;
    runs.push({ first, end, empty });
    first = end;
  }
  return runs;
}

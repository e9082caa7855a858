import type { ParaRange } from './caret-motion.js';

/** Paragraphs `first` (inclusive) to `end` (exclusive), `empty` of them empty lines. */
export interface RunRange {
  first: number;
  end: number;
  empty: number;
}

/** Cuts the paragraphs into runs of `size` paragraphs (the last may be shorter). Pure. */
export function paragraphRuns(paragraphs: readonly ParaRange[], size: number): RunRange[] {
  const runs: RunRange[] = [];
  for (let first = 0; first < paragraphs.length; first += size) {
    const end = Math.min(first + size, paragraphs.length);
    let empty = 0;
    for (let i = first; i < end; i += 1) if ((paragraphs[i] as ParaRange).end <= (paragraphs[i] as ParaRange).start) empty += 1;
    runs.push({ first, end, empty });
  }
  return runs;
}

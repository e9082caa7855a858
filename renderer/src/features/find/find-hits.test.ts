import { describe, expect, it } from 'vitest';
import { findHits, firstHitFrom } from './find-hits.js';

describe('findHits', () => {
  it('finds every match ignoring case, in UTF-16 offsets, with special characters taken literally', () => {
    const text = '👍🏽 Qureshi said. QURESHI (again) said: qureshi?';
    expect(findHits(text, 'qureshi')).toEqual([
      [5, 12],
      [19, 26],
      [41, 48],
    ]);
    expect(findHits(text, '(again)')).toEqual([[27, 34]]);
    expect(findHits(text, '')).toEqual([]);
    expect(findHits('“Nobody walks”', '“nobody')).toEqual([[0, 7]]);
  });

  it('starts from the first hit after the caret, wrapping', () => {
    const hits: [number, number][] = [
      [5, 8],
      [20, 23],
    ];
    expect(firstHitFrom(hits, 0)).toBe(0);
    expect(firstHitFrom(hits, 6)).toBe(1);
    expect(firstHitFrom(hits, 30)).toBe(0);
    expect(firstHitFrom([], 3)).toBe(-1);
  });
});

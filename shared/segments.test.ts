import { describe, expect, it } from 'vitest';
import { buildSegments } from './segments.js';

describe('buildSegments', () => {
  it('covers the whole range with one gap segment when there are no ranges', () => {
    expect(buildSegments(0, 10, [])).toEqual([{ start: 0, end: 10, ids: [] }]);
    expect(buildSegments(5, 5, [])).toEqual([]);
  });

  it('splits nested and overlapping ranges, outer first (hand-computed)', () => {
    // Q [2,12) contains S [4,6); C [10,15) overlaps Q's end; V [15,16) touches C.
    const segs = buildSegments(0, 18, [
      { id: 'S', start: 4, end: 6 },
      { id: 'C', start: 10, end: 15 },
      { id: 'Q', start: 2, end: 12 },
      { id: 'V', start: 15, end: 16 },
    ]);
    expect(segs).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 4, ids: ['Q'] },
      { start: 4, end: 6, ids: ['Q', 'S'] },
      { start: 6, end: 10, ids: ['Q'] },
      { start: 10, end: 12, ids: ['Q', 'C'] },
      { start: 12, end: 15, ids: ['C'] },
      { start: 15, end: 16, ids: ['V'] },
      { start: 16, end: 18, ids: [] },
    ]);
  });

  it('orders identical ranges by id and keeps them together', () => {
    expect(buildSegments(0, 4, [{ id: 'b', start: 1, end: 3 }, { id: 'a', start: 1, end: 3 }])).toEqual([
      { start: 0, end: 1, ids: [] },
      { start: 1, end: 3, ids: ['a', 'b'] },
      { start: 3, end: 4, ids: [] },
    ]);
  });

  it('clips ranges to the window and ignores empty ones', () => {
    expect(buildSegments(10, 20, [{ id: 'x', start: 5, end: 12 }, { id: 'e', start: 14, end: 14 }, { id: 'y', start: 18, end: 30 }])).toEqual([
      { start: 10, end: 12, ids: ['x'] },
      { start: 12, end: 18, ids: [] },
      { start: 18, end: 20, ids: ['y'] },
    ]);
  });

  it('handles a chain of overlaps', () => {
    const segs = buildSegments(0, 6, [{ id: 'a', start: 0, end: 3 }, { id: 'b', start: 2, end: 5 }, { id: 'c', start: 4, end: 6 }]);
    expect(segs.map((s) => s.ids.join('+'))).toEqual(['a', 'a+b', 'b', 'b+c', 'c']);
  });

  it('is contiguous and consistent with brute force on random input', () => {
    let seed = 3;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 100; round += 1) {
      const ranges = Array.from({ length: rand(12) }, (_, i) => {
        const s = rand(40);
        return { id: `r${i}`, start: s, end: s + rand(15) };
      });
      const segs = buildSegments(0, 40, ranges);
      let at = 0;
      for (const seg of segs) {
        expect(seg.start).toBe(at);
        at = seg.end;
        const mid = seg.start;
        const expected = ranges.filter((r) => r.start <= mid && mid < r.end && r.end > r.start).map((r) => r.id).sort();
        expect([...seg.ids].sort()).toEqual(expected);
      }
      expect(at).toBe(40);
    }
  });
});

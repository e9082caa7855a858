import { describe, expect, it } from 'vitest';
import { assignLevels, bucketByParagraph, darken, segmentLook, shareBuckets, withAlpha, type DrawnSpan } from './highlight-layout.js';

const drawn = (id: string, start: number, end: number, label: string, level = 0): DrawnSpan => ({ key: id, id, start, end, label, level, first: true });

describe('assignLevels', () => {
  it('gives nested and overlapping spans their own level, reusing freed levels', () => {
    const levels = assignLevels([
      { id: 'A', start: 0, end: 20 },
      { id: 'B', start: 2, end: 5 },
      { id: 'C', start: 10, end: 30 },
      { id: 'D', start: 20, end: 25 },
    ]);
    expect(Object.fromEntries(levels)).toEqual({ A: 0, B: 1, C: 1, D: 0 });
  });
});

describe('bucketByParagraph', () => {
  it('puts a span in every non-empty paragraph it touches', () => {
    const paras = [
      { start: 0, end: 10 },
      { start: 11, end: 11 },
      { start: 12, end: 30 },
    ];
    const x = drawn('x', 2, 5, 'QUOTE');
    const y = drawn('y', 8, 15, 'CLAIM');
    const z = drawn('z', 12, 13, 'CUE');
    expect(bucketByParagraph([x, y, z], paras).map((b) => b.map((s) => s.id))).toEqual([['x', 'y'], [], ['y', 'z']]);
  });
});

describe('shareBuckets', () => {
  const paras = [
    { start: 0, end: 10 },
    { start: 11, end: 20 },
    { start: 21, end: 30 },
  ];
  const x = drawn('x', 2, 5, 'QUOTE');
  const z = drawn('z', 22, 25, 'CUE');

  it('keeps the old array of every paragraph whose spans did not change', () => {
    const before = shareBuckets(null, bucketByParagraph([x, z], paras));
    const added = drawn('n', 12, 14, 'CLAIM');
    const after = shareBuckets(before, bucketByParagraph([x, added, z], paras));
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]?.map((s) => s.id)).toEqual(['n']);
    expect(after[2]).toBe(before[2]);
  });

  it('answers the old buckets when nothing changed, and the new ones when the paragraphs changed', () => {
    const before = shareBuckets(null, bucketByParagraph([x, z], paras));
    expect(shareBuckets(before, bucketByParagraph([x, z], paras))).toBe(before);
    const fewer = bucketByParagraph([x], paras.slice(0, 2));
    expect(shareBuckets(before, fewer)).toBe(fewer);
  });
});

describe('segmentLook', () => {
  const colors = new Map([
    ['QUOTE', '#e8a33d'],
    ['SOURCE', '#3fae6a'],
  ]);

  it('layers one fill and one underline per span, frames the selected one and tags span starts', () => {
    const look = segmentLook({ start: 5, end: 9 }, [drawn('q', 5, 20, 'QUOTE', 0), drawn('s', 5, 9, 'SOURCE', 1)], colors, 's');
    expect(look.backgroundImage).toBe(
      'linear-gradient(rgba(232, 163, 61, 0.2), rgba(232, 163, 61, 0.2)), linear-gradient(rgba(63, 174, 106, 0.42), rgba(63, 174, 106, 0.42))',
    );
    expect(look.boxShadow).toBe(
      '0 -2px 0 0 #3046c5, 0 2px 0 0 #3046c5, -2px 0 0 0 #3046c5, 2px 0 0 0 #3046c5, inset 0 -2px 0 0 #e8a33d, inset 0 -4px 0 0 #3fae6a',
    );
    expect(look.tag).toBe('QUOTE · SOURCE');
    expect(look.tagColor).toBe('rgb(144, 101, 38)');
  });

  it('has no tag inside a span and no frame when nothing is selected', () => {
    const look = segmentLook({ start: 9, end: 20 }, [drawn('q', 5, 20, 'QUOTE', 0)], colors, null);
    expect(look.tag).toBe('');
    expect(look.boxShadow).toBe('inset 0 -2px 0 0 #e8a33d');
  });

  it('falls back to grey for an unknown label or a malformed colour', () => {
    expect(withAlpha('red', 0.5)).toBe('rgba(138, 143, 152, 0.5)');
    expect(darken('#ffffff')).toBe('rgb(158, 158, 158)');
  });
});

describe('toDrawnSpans', () => {
  it('draws a discontinuous span as pieces sharing its id and level, tagged once', async () => {
    const { toDrawnSpans } = await import('./highlight-layout.js');
    const { createOffsetMap } = await import('../../../../shared/offsets.js');
    const text = '👍 "One," he said, "two."';
    const base = { docId: 'a', quote: '', prefix: '', suffix: '', attrs: {}, note: '', author: 'a', created: '', modified: '' };
    const spans = [
      { ...base, id: 'q', start: 2, end: 24, label: 'QUOTE', fragments: [[2, 8], [18, 24]] as [number, number][] },
      { ...base, id: 'v', start: 12, end: 16, label: 'CUE' },
    ];
    const pieces = toDrawnSpans(spans, createOffsetMap(text));
    // The emoji is two UTF-16 units: every offset after it shifts by one.
    expect(pieces.map((p) => [p.key, p.id, p.start, p.end, p.level, p.first])).toEqual([
      ['q', 'q', 3, 9, 0, true],
      ['v', 'v', 13, 17, 1, true],
      ['q#1', 'q', 19, 25, 0, false],
    ]);
  });
});

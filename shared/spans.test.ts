import { describe, expect, it } from 'vitest';
import { createOffsetMap } from './offsets.js';
import { compareSpans, missingFields, spanContext, validateRange } from './spans.js';

describe('spanContext', () => {
  it('takes quote and 32 code points of context around code point offsets', () => {
    const text = '👍🏽'.repeat(20) + 'said “yes”' + 'x'.repeat(40);
    const map = createOffsetMap(text);
    const start = 40 + 5; // 20 emoji = 40 code points, then "said "
    const ctx = spanContext(text, map, start, start + 5);
    expect(ctx.quote).toBe('“yes”');
    expect(Array.from(ctx.prefix)).toHaveLength(32);
    expect(ctx.prefix.endsWith('👍🏽said ')).toBe(true);
    expect(ctx.suffix).toBe('x'.repeat(32));
  });
  it('clips context at the text edges', () => {
    const text = 'ab cd';
    const ctx = spanContext(text, createOffsetMap(text), 3, 5);
    expect(ctx).toEqual({ quote: 'cd', prefix: 'ab ', suffix: '' });
  });
});

describe('validateRange and compareSpans', () => {
  const map = createOffsetMap('a👍b');
  it('accepts ranges inside the text in code points', () => {
    expect(validateRange(map, 0, 3)).toBeNull();
    expect(validateRange(map, 1, 4)).toMatch(/past the end/);
    expect(validateRange(map, 2, 2)).toMatch(/greater/);
    expect(validateRange(map, -1, 2)).toMatch(/negative/);
  });
  it('sorts by start, longer first', () => {
    const spans = [
      { id: 'b', start: 2, end: 4, label: 'CUE' },
      { id: 'a', start: 0, end: 3, label: 'QUOTE' },
      { id: 'c', start: 0, end: 9, label: 'CLAIM' },
    ];
    expect(spans.sort(compareSpans).map((s) => s.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('missingFields', () => {
  it('a quote lacks a speaker and a stance until both are set; other labels lack nothing', () => {
    expect(missingFields({ label: 'QUOTE' })).toEqual(['speaker', 'stance']);
    expect(missingFields({ label: 'QUOTE', speakerId: 'sp1', stance: null })).toEqual(['stance']);
    expect(missingFields({ label: 'QUOTE', speakerId: 'sp1', stance: { targetId: 't', value: 'NONE' } })).toEqual([]);
    expect(missingFields({ label: 'CLAIM' })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Relation, Span } from '../../../../shared/model.js';
import { gap, linkCandidates, linkedSpans, linkingQuotes } from './link-candidates.js';

const s = (id: string, start: number, end: number, label: string): Span => ({
  id, docId: 'a', start, end, label, quote: '', prefix: '', suffix: '', attrs: {}, note: '', author: 'a', created: '', modified: '',
});

describe('link candidates', () => {
  const quote = s('q', 50, 80, 'QUOTE');
  const near = s('s1', 82, 90, 'SOURCE');
  const far = s('s2', 0, 10, 'SOURCE');
  const before = s('s3', 40, 48, 'SOURCE');
  const cue = s('v', 91, 95, 'CUE');
  const spans = [far, before, quote, near, cue];

  it('measures the gap between ranges', () => {
    expect(gap(quote, near)).toBe(2);
    expect(gap(quote, far)).toBe(40);
    expect(gap(quote, s('x', 60, 70, 'CUE'))).toBe(0);
  });

  it('lists unlinked spans of the label, nearest first', () => {
    expect(linkCandidates(quote, spans, [], 'SOURCE', 'source').map((x) => x.id)).toEqual(['before', 'near', 'far'].map((n) => ({ before: 's3', near: 's1', far: 's2' })[n]));
    const relations: Relation[] = [{ id: 'r', head: 'q', child: 's1', label: 'source' }];
    expect(linkCandidates(quote, spans, relations, 'SOURCE', 'source').map((x) => x.id)).toEqual(['s3', 's2']);
    expect(linkedSpans(quote, spans, relations, 'source').map((x) => x.span.id)).toEqual(['s1']);
    expect(linkingQuotes(near, spans, relations).map((x) => x.span.id)).toEqual(['q']);
  });
});

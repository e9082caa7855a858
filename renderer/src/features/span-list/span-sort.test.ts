import { describe, expect, it } from 'vitest';
import type { Span, Speaker } from '../../../../shared/model.js';
import { sortSpanList } from './span-sort.js';

const s = (id: string, start: number, label: string, speakerId?: string): Span => ({
  id, docId: 'a', start, end: start + 5, label, quote: '', prefix: '', suffix: '', attrs: {}, note: '', author: 'a', created: '', modified: '', speakerId,
});
const sp = (id: string, name: string): Speaker => ({ id, name, aliases: [], kind: 'person', affiliation: '', role: '' });

describe('sortSpanList', () => {
  const spans = [s('c', 30, 'QUOTE', 'k'), s('a', 10, 'SOURCE'), s('b', 20, 'QUOTE', 'q'), s('d', 40, 'CLAIM')];
  const speakers = [sp('k', 'Kayani'), sp('q', 'Amina Qureshi')];
  it('by position, label, and speaker (unattributed last)', () => {
    expect(sortSpanList(spans, 'position', speakers).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(sortSpanList(spans, 'label', speakers).map((x) => x.id)).toEqual(['d', 'b', 'c', 'a']);
    expect(sortSpanList(spans, 'speaker', speakers).map((x) => x.id)).toEqual(['b', 'c', 'a', 'd']);
  });
});

import { describe, expect, it } from 'vitest';
import { openSuggestions, planAccept, planRelations } from './layer.js';
import { suggestQuotes } from './suggest.js';

// “No,” at 0-5, Ana Ruiz at 6-14, said at 15-19; “Never.” at 21-29.
const text = '“No,” Ana Ruiz said. “Never.”';
const all = suggestQuotes(text);

describe('openSuggestions', () => {
  it('leaves out quotes the layer has (by half-overlap) and rejected ones (same range and text)', () => {
    expect(all.map((s) => s.id)).toEqual(['sg_0_5', 'sg_21_29']);
    expect(openSuggestions(all, { spans: [{ start: 1, end: 4, label: 'QUOTE' }] }).map((s) => s.id)).toEqual(['sg_21_29']);
    // A quote sharing less than half of the shorter span does not settle it (1 of 3); a CUE there does not either.
    expect(openSuggestions(all, { spans: [{ start: 19, end: 22, label: 'QUOTE' }, { start: 0, end: 5, label: 'CUE' }] }).map((s) => s.id)).toEqual(['sg_0_5', 'sg_21_29']);
    const rejected = { id: 'sg_21_29', start: 21, end: 29, quote: '“Never.”', by: 'ana', at: 'now' };
    expect(openSuggestions(all, { spans: [], rejectedSuggestions: [rejected] }).map((s) => s.id)).toEqual(['sg_0_5']);
    // The article changed under the rejection: the text differs, so it is proposed again.
    expect(openSuggestions(all, { spans: [], rejectedSuggestions: [{ ...rejected, quote: '“Nope.”' }] })).toHaveLength(2);
  });
});

describe('planAccept', () => {
  it('reuses a SOURCE or CUE span over the same characters and links the quote to both', () => {
    const plan = planAccept(all[1]!, [{ id: 's_src', start: 6, end: 14, label: 'SOURCE' }]);
    expect(plan.source).toEqual({ existingId: 's_src' });
    expect(plan.cue).toEqual({ create: { label: 'CUE', start: 15, end: 19, text: 'said' } });
    let n = 0;
    expect(planRelations('s_q', 's_src', 's_cue', () => `r_${(n += 1)}`)).toEqual([
      { id: 'r_1', head: 's_q', child: 's_src', label: 'source' },
      { id: 'r_2', head: 's_q', child: 's_cue', label: 'cue' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultProject, type Span } from './model.js';
import { reviewCounts, reviewItems } from './review.js';

const base = { docId: 'a', quote: '', prefix: '', suffix: '', note: '', author: '', created: '', modified: '' };
const s = (id: string, start: number, end: number, label = 'QUOTE', extra: Partial<Span> = {}): Span => ({ ...base, id, start, end, label, attrs: {}, ...extra });
const project = { ...defaultProject(), speakerRedirects: { old: 'sp1' } };

describe('reviewItems', () => {
  it('tells agree, conflict (with the differing fields) and only-one-side apart', () => {
    const items = reviewItems(
      [
        { annotator: 'maria', spans: [s('m1', 0, 10, 'QUOTE', { speakerId: 'sp1' }), s('m2', 20, 30), s('m3', 40, 50, 'QUOTE', { attrs: { form: 'direct' } })] },
        // omar: m1 the same (his speaker id was merged into sp1), m2 one character longer, m3 as a CLAIM, and one of his own.
        { annotator: 'omar', spans: [s('o1', 0, 10, 'QUOTE', { speakerId: 'old' }), s('o2', 20, 31), s('o3', 40, 50, 'CLAIM'), s('o4', 60, 70)] },
      ],
      project,
    );
    expect(items.map((i) => [i.key, i.state, i.differences])).toEqual([
      ['m1+o1', 'agree', []],
      ['m2+o2', 'conflict', ['range']],
      ['m3+o3', 'conflict', ['label', 'form']],
      ['o4', 'only-one', []],
    ]);
    expect(items[3]!.missing).toEqual(['maria']);
    expect(reviewCounts(items)).toEqual({ agree: 1, conflict: 2, 'only-one': 1, decided: 0, total: 4 });
  });

  it('with three annotators a span two of them share and the third lacks is a conflict; decisions attach', () => {
    const decision = { spanIds: ['b1'], action: 'rejected' as const, by: 'lead', at: 't' };
    const items = reviewItems(
      [
        { annotator: 'a', spans: [s('a1', 0, 10)] },
        { annotator: 'b', spans: [s('b1', 0, 10)] },
        { annotator: 'c', spans: [] },
      ],
      project,
      [decision],
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ state: 'conflict', missing: ['c'], differences: [], decision });
  });

  it('a span overlapping less than half of the shorter one stays apart', () => {
    const items = reviewItems([{ annotator: 'a', spans: [s('a1', 0, 10)] }, { annotator: 'b', spans: [s('b1', 6, 30)] }], project);
    expect(items.map((i) => i.state)).toEqual(['only-one', 'only-one']);
  });
});

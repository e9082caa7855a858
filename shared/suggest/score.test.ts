import { describe, expect, it } from 'vitest';
import type { Speaker } from '../model.js';
import { scoreSuggestions, type GoldDocument } from './score.js';
import type { Suggestion } from './suggest.js';

const sp = (id: string, name: string, aliases: string[] = []): Speaker => ({ id, name, aliases, kind: 'person', affiliation: '', role: '' });

const gold: GoldDocument = {
  docId: 'a.txt',
  speakers: [sp('sp1', 'Ana Ruiz', ['Ruiz']), sp('sp2', 'Omar Tahir')],
  spans: [
    { id: 'q1', start: 0, end: 5, label: 'QUOTE', form: 'direct', speakerId: 'sp1', text: 'q1' },
    { id: 'c1', start: 6, end: 10, label: 'CUE', text: 'c1' },
    { id: 'q2', start: 10, end: 20, label: 'QUOTE', form: 'indirect', speakerId: 'sp2', text: 'q2' },
  ],
};

const suggestion = (start: number, end: number, form: 'direct' | 'indirect', speaker: string | null, cue: [number, number] | null = null): Suggestion => ({
  id: `sg_${start}_${end}`,
  quote: { label: 'QUOTE', start, end, text: 'x', form },
  source: null,
  cue: cue ? { label: 'CUE', start: cue[0], end: cue[1], text: 'said' } : null,
  speaker: speaker ? { name: speaker, kind: 'person', speakerId: null } : null,
});

describe('scoreSuggestions', () => {
  it('counts exact and overlap matches, shared cues once, and speakers of matched quotes', () => {
    const score = scoreSuggestions([
      {
        gold,
        suggestions: [
          suggestion(0, 5, 'direct', 'Ms Ruiz', [6, 10]), // exact; the speaker is found through the alias
          suggestion(12, 20, 'indirect', 'Ana Ruiz', [6, 10]), // 8 of 10 characters: an overlap match only; wrong speaker
          suggestion(30, 35, 'direct', null), // not in gold
        ],
      },
    ]);
    // Exact: 1 matched, 1 gold left, 2 suggested left: P 1/3, R 1/2, F1 2/5.
    expect(score.quotes.exact).toMatchObject({ matched: 1, onlyA: 1, onlyB: 2, precision: { value: 1 / 3 }, recall: { value: 0.5 }, f1: { value: 0.4 } });
    // Overlap: 2 matched, 0 gold left, 1 suggested left: P 2/3, R 1, F1 4/5.
    expect(score.quotes.overlap).toMatchObject({ matched: 2, onlyA: 0, onlyB: 1, precision: { value: 2 / 3 }, recall: { value: 1 }, f1: { value: 0.8 } });
    expect(score.cues.exact).toMatchObject({ matched: 1, onlyA: 0, onlyB: 0, f1: { value: 1 } });
    expect(score.sources.overlap.f1).toEqual({ value: null, reason: 'neither side marked a span' });
    expect(score.speaker.direct).toEqual({ correct: 1, total: 1, accuracy: { value: 1 } });
    expect(score.speaker.all).toEqual({ correct: 1, total: 2, accuracy: { value: 0.5 } });
    expect(score.quotes.recallByForm).toEqual({ direct: { correct: 1, total: 1, accuracy: { value: 1 } }, indirect: { correct: 1, total: 1, accuracy: { value: 1 } } });
    expect(score.misses.map((m) => [m.kind, m.start, m.end, m.detail])).toEqual([
      ['wrong-speaker', 10, 20, 'speaker "Ana Ruiz", gold "Omar Tahir"'],
      ['spurious', 30, 35, 'suggested direct quote not in gold'],
    ]);
  });

  it('says why a figure cannot be computed when there is nothing to compare', () => {
    const score = scoreSuggestions([{ gold: { docId: 'b.txt', speakers: [], spans: [] }, suggestions: [] }]);
    expect(score.speaker.direct.accuracy).toEqual({ value: null, reason: 'nothing to compare' });
    expect(score.quotes.overlap.precision).toEqual({ value: null, reason: 'B marked no spans' });
  });
});

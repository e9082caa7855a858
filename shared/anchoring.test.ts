import { describe, expect, it } from 'vitest';
import { contextScore, reanchorLayer } from './anchoring.js';
import type { Span } from './model.js';
import { createOffsetMap } from './offsets.js';
import { spanContext } from './spans.js';

const OLD = '👍 The minister said “we stay” on Monday. Critics said “we stay” too, later.\n';
const cp = (text: string, needle: string, from = 0) => Array.from(text.slice(0, text.indexOf(needle, from))).length;

function spanAt(text: string, id: string, needle: string, from = 0, label = 'QUOTE'): Span {
  const start = cp(text, needle, from);
  const end = start + Array.from(needle).length;
  return { id, docId: 'a', start, end, label, ...spanContext(text, createOffsetMap(text), start, end), attrs: {}, note: '', author: 'a', created: '', modified: '' };
}

describe('contextScore', () => {
  it('counts matching characters from the quote outwards', () => {
    expect(contextScore(Array.from('abcd'), Array.from('xbcd'), 'before')).toBe(0.75);
    expect(contextScore(Array.from('abcd'), Array.from('abcx'), 'after')).toBe(0.75);
    expect(contextScore([], [], 'after')).toBe(1);
  });
});

describe('reanchorLayer', () => {
  const first = spanAt(OLD, 'q1', '“we stay”');
  const second = spanAt(OLD, 'q2', '“we stay”', OLD.indexOf('Critics'));
  const cue = spanAt(OLD, 'v', 'said', 0, 'CUE');
  const relations = [{ id: 'r', head: 'q1', child: 'v', label: 'cue' }];

  it('keeps spans whose text still stands, and moves the others by their context', () => {
    const NEW = '👍 UPDATE: The minister said “we stay” on Monday. Critics said “we stay” too, later.\n';
    const r = reanchorLayer([first, second, cue], relations, NEW, 't');
    expect(r.orphans).toEqual([]);
    const shift = Array.from('UPDATE: ').length;
    expect(r.spans.map((s) => [s.id, s.start - (s.id === 'q1' ? first.start : s.id === 'q2' ? second.start : cue.start)])).toEqual([
      ['q1', shift],
      ['q2', shift],
      ['v', shift],
    ]);
    // Each identical quote went to its own place: the context told them apart.
    expect(r.moved.map((m) => m.id)).toEqual(['q1', 'q2', 'v']);
    expect(r.relations).toEqual(relations);
  });

  it('orphans a span whose text is gone, with its links, instead of guessing', () => {
    const NEW = '👍 The minister said “we might stay” on Monday. Critics said “we stay” too, later.\n';
    const r = reanchorLayer([first, cue], relations, NEW, 't');
    expect(r.spans.map((s) => s.id)).toEqual(['v']);
    // “we stay” still occurs (the critics' quote) but not in the minister's context: never moved to the look-alike.
    expect(r.orphans).toMatchObject([{ span: { id: 'q1' }, reason: expect.stringContaining('not in its context'), relations, since: 't' }]);
    expect(r.relations).toEqual([]);
  });

  it('orphans a span whose text occurs in places that score alike', () => {
    const text = 'x “yes” y “yes” z\n';
    const span = { ...spanAt(text, 's', '“yes”'), start: 40, end: 45, prefix: '', suffix: '' };
    expect(reanchorLayer([span], [], text, 't').orphans[0]?.reason).toContain('occurs 2 times');
  });

  it('shifts every fragment of a discontinuous span together', () => {
    const text = 'A: “one,” he said, “two.”\n';
    const s = spanAt(text, 'f', '“one,” he said, “two.”');
    const frag = { ...s, fragments: [[s.start, s.start + 6], [s.end - 6, s.end]] as [number, number][] };
    const r = reanchorLayer([frag], [], 'Now ' + text, 't');
    expect(r.spans[0]!.fragments).toEqual([
      [s.start + 4, s.start + 10],
      [s.end - 2, s.end + 4],
    ]);
  });
});

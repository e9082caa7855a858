import { describe, expect, it } from 'vitest';
import { bratText, canonicalAnn, parseAnn, serialiseAnn } from './brat-ann.js';

/** An attribution-corpus style file (PARC-like): Source / Cue / Content spans tied by events. */
export const ATTRIBUTION_ANN = [
  'T1\tSource 10 18\tQureishi',
  'T2\tCue 19 23\tsaid',
  'T3\tContent 24 40;45 52\tthe plan worked here',
  'T4\tAttribution 19 23\tsaid',
  'T5\tContent 60 70\tit is fair',
  'R1\tCoref Arg1:T1 Arg2:T5',
  'E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3 Content2:T5',
  'A1\tNested T3',
  'A2\tType T5 Indirect',
  'M3\tNegated E1',
  'N1\tReference T1 Wikidata:Q42\tFarhana Qureishi',
  '#1\tAnnotatorNotes T3\tcheck the second piece',
].join('\n');

describe('brat .ann', () => {
  it('parses every kind of line', () => {
    const { doc, problems } = parseAnn(ATTRIBUTION_ANN);
    expect(problems).toEqual([]);
    expect(doc.entities[2]).toEqual({ id: 'T3', type: 'Content', ranges: [[24, 40], [45, 52]], text: 'the plan worked here' });
    expect(doc.events[0]).toEqual({
      id: 'E1',
      type: 'Attribution',
      trigger: 'T4',
      args: [
        { role: 'Source', ref: 'T1' },
        { role: 'Cue', ref: 'T2' },
        { role: 'Content', ref: 'T3' },
        { role: 'Content2', ref: 'T5' },
      ],
    });
    expect(doc.relations[0]).toEqual({ id: 'R1', type: 'Coref', args: [{ role: 'Arg1', ref: 'T1' }, { role: 'Arg2', ref: 'T5' }] });
    expect(doc.attributes).toEqual([
      { id: 'A1', name: 'Nested', target: 'T3', value: null, prefix: 'A' },
      { id: 'A2', name: 'Type', target: 'T5', value: 'Indirect', prefix: 'A' },
      { id: 'M3', name: 'Negated', target: 'E1', value: null, prefix: 'M' },
    ]);
    expect(doc.normalizations[0]).toEqual({ id: 'N1', type: 'Reference', target: 'T1', ref: 'Wikidata:Q42', text: 'Farhana Qureishi' });
    expect(doc.notes[0]).toEqual({ id: '#1', type: 'AnnotatorNotes', target: 'T3', text: 'check the second piece' });
  });

  it('writes back what it read, line for line', () => {
    const { doc } = parseAnn(ATTRIBUTION_ANN);
    expect(serialiseAnn(doc)).toBe(ATTRIBUTION_ANN + '\n');
  });

  it('compares files modulo ids', () => {
    const renumbered = ATTRIBUTION_ANN.replace(/T1\b/g, 'T9').replace(/E1\b/g, 'E7');
    expect(canonicalAnn(parseAnn(renumbered).doc)).toEqual(canonicalAnn(parseAnn(ATTRIBUTION_ANN).doc));
    const moved = ATTRIBUTION_ANN.replace('Source 10 18', 'Source 11 18');
    expect(canonicalAnn(parseAnn(moved).doc)).not.toEqual(canonicalAnn(parseAnn(ATTRIBUTION_ANN).doc));
  });

  it('reports lines it cannot read, with their number', () => {
    const { problems } = parseAnn('T1\tQuote 5 x\tabc\nX1\tfoo\nT2\tQuote 9 3\tabc\nE1\tbroken');
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3, 4]);
  });

  it('reads a file that starts with a byte-order mark, and refuses an id used twice', () => {
    expect(parseAnn('\uFEFF' + ATTRIBUTION_ANN).problems).toEqual([]);
    const { doc, problems } = parseAnn('T1\tSource 0 3\tabc\nT1\tCue 4 7\tdef');
    expect(problems).toEqual([{ line: 2, message: 'T1 is used twice (first on line 1)' }]);
    expect(doc.entities).toHaveLength(1);
  });

  it('gives the text of discontinuous ranges in code points, joined by a space', () => {
    expect(bratText(Array.from('👍🏽 ab cd'), [[3, 5], [6, 8]])).toBe('ab cd');
  });
});

import { describe, expect, it } from 'vitest';
import type { Span } from '../model.js';
import { canonicalAnn, parseAnn, serialiseAnn } from './brat-ann.js';
import { bratToLayer, layerToBrat } from './brat-layer.js';

/** A document with an emoji first, so code points and UTF-16 units differ, and its attribution .ann. */
const TEXT = '👍 Minister Qureishi said the plan worked, she added, for every town.\nIt is fair, officials said.';
const chars = Array.from(TEXT);
const at = (needle: string, from = 0) => {
  const i = chars.join('').indexOf(needle, from);
  return Array.from(chars.join('').slice(0, i)).length;
};
const r = (needle: string) => `${at(needle)} ${at(needle) + Array.from(needle).length}`;
const ANN = [
  `T1\tSource ${r('Qureishi')}\tQureishi`,
  `T2\tCue ${r('said the')}`.replace(/ \d+$/, (m) => ` ${Number(m) - 4}`) + '\tsaid',
  `T3\tContent ${r('the plan worked')};${r('for every town')}\tthe plan worked for every town`,
  `T4\tAttribution ${r('said the')}`.replace(/ \d+$/, (m) => ` ${Number(m) - 4}`) + '\tsaid',
  `T5\tContent ${r('It is fair')}\tIt is fair`,
  `T6\tSource ${r('officials')}\tofficials`,
  'R1\tCoref Arg1:T1 Arg2:T6',
  'E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3 Content2:T5',
  'A1\tNested T3',
  'A2\tType T5 Indirect',
  'A3\tNegated E1',
  'N1\tReference T1 Wikidata:Q42\tFarhana Qureishi',
  '#1\tAnnotatorNotes T3\tcheck the second piece',
  '#2\tAnnotatorNotes E1\tevent note',
].join('\n');

let n = 0;
const options = { docId: 'a.txt', text: TEXT, annotator: 'ann', now: 't', map: { Content: 'QUOTE', Source: 'SOURCE', Cue: 'CUE' }, newId: (p: string) => `${p}${++n}` };

describe('brat ⇄ layer', () => {
  it('imports spans in code points, with fragments, attributes, norms, notes and events', () => {
    const { doc, problems: parseProblems } = parseAnn(ANN);
    expect(parseProblems).toEqual([]);
    const { spans, relations, events, problems } = bratToLayer(doc, options);
    expect(problems).toEqual([]);
    const content = spans.find((s) => s.quote.startsWith('the plan'))!;
    expect(content).toMatchObject({ label: 'QUOTE', start: 25, fragments: [[25, 40], [at('for every town'), at('for every town') + 14]], note: 'check the second piece', attrs: { Nested: '' } });
    expect(spans.find((s) => s.quote === 'Qureishi')).toMatchObject({ label: 'SOURCE', start: 11, end: 19, norms: [{ type: 'Reference', ref: 'Wikidata:Q42', text: 'Farhana Qureishi' }] });
    expect(spans.find((s) => s.quote === 'It is fair')?.attrs).toEqual({ Type: 'Indirect' });
    expect(events).toHaveLength(1);
    expect(events[0]!.args.map((a) => a.role)).toEqual(['Source', 'Cue', 'Content', 'Content2']);
    expect(events[0]).toMatchObject({ attrs: { Negated: '' }, note: 'event note' });
    // Each content argument is a quote linked to the event's source and cue.
    const label = (id: string) => spans.find((s) => s.id === id)?.quote;
    const links = relations.filter((x) => x.event).map((x) => [label(x.head), x.label, label(x.child)]);
    expect(links).toEqual([
      ['the plan worked, she added, for every town', 'source', 'Qureishi'],
      ['the plan worked, she added, for every town', 'cue', 'said'],
      ['It is fair', 'source', 'Qureishi'],
      ['It is fair', 'cue', 'said'],
    ]);
    expect(relations.filter((x) => !x.event)).toHaveLength(1);
  });

  it('brat in, brat out reproduces every annotation (ids aside), labels mapped back', () => {
    const { doc } = parseAnn(ANN);
    const imported = bratToLayer(doc, { ...options, map: {} });
    const out = layerToBrat(imported, TEXT);
    expect(canonicalAnn(parseAnn(serialiseAnn(out)).doc)).toEqual(canonicalAnn(doc));
  });

  it('refuses text that does not match the document at the given offsets', () => {
    const { doc } = parseAnn(`T1\tSource ${r('Qureishi')}\tQureshi`);
    const { problems } = bratToLayer(doc, options);
    expect(problems[0]!.message).toBe(`T1 Source ${r('Qureishi')}: expected "Qureshi", found "Qureishi"`);
  });

  it('writes a layer made in the app with attribution events, and splits a span at line breaks', () => {
    const base = { docId: 'a.txt', prefix: '', suffix: '', note: '', author: 'a', created: '', modified: '' };
    const quoteStart = at('for every town');
    const spans: Span[] = [
      { ...base, id: 'q', start: quoteStart, end: at('It is fair') + 10, label: 'QUOTE', quote: '', attrs: { form: 'direct' } },
      { ...base, id: 's', start: 11, end: 19, label: 'SOURCE', quote: 'Qureishi', attrs: {} },
      { ...base, id: 'v', start: 20, end: 24, label: 'CUE', quote: 'said', attrs: {} },
    ];
    const relations = [
      { id: 'r1', head: 'q', child: 's', label: 'source' },
      { id: 'r2', head: 'q', child: 'v', label: 'cue' },
    ];
    const lines = serialiseAnn(layerToBrat({ spans, relations }, TEXT)).trim().split('\n');
    expect(lines).toEqual([
      `T1\tQUOTE ${quoteStart} ${quoteStart + 15};${at('It is fair')} ${at('It is fair') + 10}\tfor every town. It is fair`,
      'T2\tSOURCE 11 19\tQureishi',
      'T3\tCUE 20 24\tsaid',
      'T4\tAttribution 20 24\tsaid',
      'E1\tAttribution:T4 Source:T2 Cue:T3 Content:T1',
      'A1\tform T1 direct',
    ]);
  });
});

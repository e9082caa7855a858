import { describe, expect, it } from 'vitest';
import type { Span } from '../model.js';
import { canonicalAnn, parseAnn, serialiseAnn, type BratDocument } from './brat-ann.js';
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

  it('keeps several notes on one annotation, and a note on a relation, through a round trip', () => {
    const ann = `${ANN}\n#3\tAnnotatorNotes T3\tand a second note\n#4\tAnnotatorNotes R1\tsame person?`;
    const { doc, problems } = parseAnn(ann);
    expect(problems).toEqual([]);
    const imported = bratToLayer(doc, { ...options, map: {} });
    expect(imported.problems).toEqual([]);
    expect(imported.spans.find((x) => x.label === 'Content' && x.fragments)?.note).toBe('check the second piece\nand a second note');
    expect(imported.relations.find((x) => x.label === 'Coref')).toMatchObject({ roles: ['Arg1', 'Arg2'], note: 'same person?' });
    expect(canonicalAnn(parseAnn(serialiseAnn(layerToBrat(imported, TEXT))).doc)).toEqual(canonicalAnn(doc));
  });

  it('reads a span brat split at a line break as one continuous span, and splits it again on the way out', () => {
    const from = at('for every town');
    const to = at('It is fair') + 10;
    const line = `T1\tQUOTE ${from} ${at('\n')};${at('It is fair')} ${to}\tfor every town. It is fair`;
    const imported = bratToLayer(parseAnn(line).doc, options);
    expect(imported.problems).toEqual([]);
    expect(imported.spans[0]).toMatchObject({ start: from, end: to, quote: 'for every town.\nIt is fair' });
    expect(imported.spans[0]!.fragments).toBeUndefined();
    expect(serialiseAnn(layerToBrat(imported, TEXT))).toBe(line + '\n');
  });

  it('refuses empty and overlapping ranges, which no span can hold', () => {
    const { problems } = bratToLayer(parseAnn('T1\tCue 20 20\t\nT2\tCue 20 24;22 26\tsaid d pl').doc, options);
    expect(problems.map((p) => p.message)).toEqual(['T1: the range 20 20 is empty', 'T2: the ranges 20 24 and 22 26 overlap']);
  });

  it('writes an imported layer edited in the app: deleted links leave their event, new links become new events', () => {
    const imported = bratToLayer(parseAnn(ANN).doc, { ...options, map: {} });
    const span = (quote: string) => imported.spans.find((x) => x.quote === quote)!;
    const fair = span('It is fair');
    // The analyst removed both links of the second content span and linked it to "officials" instead.
    const relations = [
      ...imported.relations.filter((x) => !(x.event && x.head === fair.id)),
      { id: 'r_new', head: fair.id, child: span('officials').id, label: 'source' },
    ];
    const out = layerToBrat({ ...imported, relations }, TEXT);
    expect(refsResolve(out)).toEqual([]);
    const lines = canonicalAnn(out).filter((l) => l.startsWith('E ') || l.startsWith('R '));
    expect(lines).toEqual(
      [
        `E Attribution<Attribution[20-24]> Source:Source[11-19] Cue:Cue[20-24] Content:Content[25-40,${at('for every town')}-${at('for every town') + 14}]`,
        `E Attribution<Attribution[${at('It is fair')}-${at('It is fair') + 10}]> Source:Source[${at('officials')}-${at('officials') + 9}] Content:Content[${at('It is fair')}-${at('It is fair') + 10}]`,
        `R Coref Arg1:Source[11-19] Arg2:Source[${at('officials')}-${at('officials') + 9}]`,
      ].sort(),
    );
  });

  it('numbers events uniquely when an imported trigger was deleted, and keeps that event\'s links as a new event', () => {
    const imported = bratToLayer(parseAnn(ANN).doc, { ...options, map: {} });
    const trigger = imported.events[0]!.trigger;
    const layer = { spans: imported.spans.filter((x) => x.id !== trigger), relations: imported.relations, events: [{ id: 'e_other', type: 'Other', trigger: imported.spans[0]!.id, args: [{ role: 'Arg', ref: imported.events[0]!.id }] }, ...imported.events] };
    const out = layerToBrat(layer, TEXT);
    expect(refsResolve(out)).toEqual([]);
    expect(out.events.map((e) => e.id)).toEqual(['E1', 'E2', 'E3']);
    // The dead event is not an argument any more; its four links become one new event per quote.
    expect(out.events[0]).toMatchObject({ type: 'Other', args: [] });
    expect(out.events.slice(1).map((e) => e.args.map((a) => a.role))).toEqual([
      ['Source', 'Cue', 'Content'],
      ['Source', 'Cue', 'Content'],
    ]);
  });
});

/** References in a brat document that name no annotation in it. */
function refsResolve(doc: BratDocument): string[] {
  const ids = new Set([...doc.entities, ...doc.relations, ...doc.events, ...doc.attributes, ...doc.normalizations, ...doc.notes].map((x) => x.id));
  const refs = [...doc.relations.flatMap((r) => r.args.map((a) => a.ref)), ...doc.events.flatMap((e) => [e.trigger, ...e.args.map((a) => a.ref)]), ...doc.attributes.map((a) => a.target), ...doc.normalizations.map((n) => n.target), ...doc.notes.map((n) => n.target)];
  const all = [...doc.entities, ...doc.relations, ...doc.events, ...doc.attributes, ...doc.normalizations, ...doc.notes].map((x) => x.id);
  return [...refs.filter((r) => !ids.has(r)), ...all.filter((id, i) => all.indexOf(id) !== i).map((id) => `duplicate ${id}`)];
}

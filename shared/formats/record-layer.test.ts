import { describe, expect, it } from 'vitest';
import { defaultProject, type AnnotationFile, type Span } from '../model.js';
import { toJsonlRecord, toProdigyRecord } from './export-records.js';
import { recordToLayer, type RecordImportOptions } from './record-layer.js';

/** An emoji first, so code points and UTF-16 units differ. */
const TEXT = '👍🏽 Minister Qureishi said: “We stay,” and “we build.”\n';
const cp = (needle: string) => Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
const len = (s: string) => Array.from(s).length;

const base = { docId: 'a.txt', prefix: '', suffix: '', note: '', author: 'ana', created: 't0', modified: 't0' };
const at = (id: string, label: string, needle: string, extra: Partial<Span> = {}): Span => ({ ...base, id, label, start: cp(needle), end: cp(needle) + len(needle), quote: needle, attrs: {}, ...extra });

const project = { ...defaultProject(), speakers: [{ id: 'sp_1', name: 'Farhana Qureishi', aliases: [], kind: 'person' as const, affiliation: '', role: 'minister' }], targets: [{ id: 'tg_1', label: 'the plan' }] };
const quoteText = TEXT.slice(TEXT.indexOf('“We'), TEXT.indexOf('build.”') + 7);
const layer: AnnotationFile = {
  schemaVersion: 1,
  docId: 'a.txt',
  annotator: 'ana',
  docSha256: '',
  status: 'done',
  spans: [
    at('s_q', 'QUOTE', quoteText, { fragments: [[cp('“We'), cp('“We') + 10], [cp('“we'), cp('“we') + 11]], attrs: { form: 'direct', Nested: '' }, speakerId: 'sp_1', stance: { targetId: 'tg_1', value: 'FAVOR' }, note: 'two pieces' }),
    at('s_s', 'SOURCE', 'Qureishi', { norms: [{ type: 'Reference', ref: 'Wikidata:Q42', text: 'Farhana Qureishi' }] }),
    at('s_c', 'CUE', 'said'),
    at('s_t', 'Attribution', 'said'),
  ],
  relations: [
    { id: 'r_1', head: 's_q', child: 's_s', label: 'source', event: 'e_1' },
    { id: 'r_2', head: 's_q', child: 's_c', label: 'cue', event: 'e_1' },
    { id: 'r_3', head: 's_s', child: 's_c', label: 'Coref', roles: ['Arg1', 'Arg2'], note: 'really?' },
  ],
  events: [{ id: 'e_1', type: 'Attribution', trigger: 's_t', args: [{ role: 'Source', ref: 's_s' }, { role: 'Cue', ref: 's_c' }, { role: 'Content', ref: 's_q' }], attrs: { Negated: '' }, note: 'event note' }],
  updated: 't0',
};
const doc = { id: 'a.txt', text: TEXT, sha256: 'x' };

let n = 0;
const options = (over: Partial<RecordImportOptions> = {}): RecordImportOptions => ({ format: 'jsonl', docId: 'a.txt', text: TEXT, annotator: 'copy', now: 't1', label: (l) => l, newId: (p) => `${p}_${++n}`, ...over });
const asRecord = (x: unknown) => JSON.parse(JSON.stringify(x)) as Record<string, unknown>;

describe('recordToLayer', () => {
  it('reads back a Quotebench JSONL line: the same spans, links, events, speakers and targets', () => {
    const { record } = toJsonlRecord({ doc, layer, project });
    const made = recordToLayer(asRecord(record), options());
    expect(made.problems).toEqual([]);
    expect(made.status).toBe('done');
    expect(made.speakers.map((s) => s.id)).toEqual(['sp_1']);
    expect(made.targets.map((t) => t.id)).toEqual(['tg_1']);
    const again = toJsonlRecord({ doc, layer: { ...layer, annotator: 'copy', spans: made.spans, relations: made.relations, events: made.events }, project }).record;
    expect({ ...again, annotator: 'ana' }).toEqual(record);
    expect(made.spans[0]).toMatchObject({ quote: quoteText, prefix: TEXT.slice(0, TEXT.indexOf('“We')), author: 'copy', attrs: { form: 'direct', Nested: '' } });
  });

  it('refuses what it cannot take as it is, naming the span', () => {
    const { record } = toJsonlRecord({ doc, layer, project });
    const spans = (record.spans as Record<string, unknown>[]).map((s) => ({ ...s }));
    spans[0]!.fragments = [[cp('“we'), cp('“we') + 11], [cp('“We'), cp('“We') + 10]];
    spans[1]!.text = 'Qureshi';
    spans[2]!.stance = 'MAYBE';
    spans[3]!.id = spans[2]!.id;
    const made = recordToLayer(asRecord({ ...record, spans, relations: [], events: [] }), options());
    expect(made.problems).toEqual([
      `span 1: fragment ${cp('“We')}-${cp('“We') + 10} overlaps the one before or is out of order`,
      `span 2 at ${cp('Qureishi')}-${cp('Qureishi') + 8}: expected "Qureshi", found "Qureishi"`,
      'span 3: stance must be FAVOR, AGAINST or NONE with a target id, found "MAYBE" / null',
      'span 4: id "s_c" is not a unique id of letters, digits, _ or -',
    ]);
  });

  it('refuses events and links that name what the line does not have', () => {
    const { record } = toJsonlRecord({ doc, layer, project });
    const made = recordToLayer(asRecord({ ...record, events: [{ ...record.events![0]!, args: [{ role: 'Source', ref: 's_gone' }] }], relations: [{ id: 'r', head: 's_q', child: 's_s', label: 'source', event: 'e_gone' }] }), options());
    expect(made.problems).toEqual(['event e_1: refers to s_gone, not a span or event of this line', 'relation 1: event "e_gone" is not an event of this line']);
  });

  it('reads Prodigy lines: spans by offsets, relations by their head and child spans, nothing else as attributes', () => {
    const { record } = toProdigyRecord({ doc, layer, project });
    const line = asRecord({ ...record, _input_hash: 1, answer: 'accept', spans: record.spans.map((s) => ({ ...s, source: 'en_core_web_sm', token_start: 0 })) });
    const made = recordToLayer(line, options({ format: 'prodigy', label: (l) => (l === 'QUOTE' ? 'Quotation' : l) }));
    expect(made.problems).toEqual([]);
    expect(made.spans.map((s) => [s.label, s.quote, s.attrs])).toEqual([
      ['Quotation', quoteText, {}],
      ['SOURCE', 'Qureishi', {}],
      ['CUE', 'said', {}],
      ['Attribution', 'said', {}],
    ]);
    const name = (id: string) => made.spans.find((s) => s.id === id)?.label;
    expect(made.relations.map((r) => [name(r.head), r.label, name(r.child)])).toEqual([
      ['Quotation', 'source', 'SOURCE'],
      ['Quotation', 'cue', 'CUE'],
      ['SOURCE', 'Coref', 'CUE'],
    ]);
    const broken = recordToLayer(asRecord({ ...record, relations: [{ head_span: { start: 0, end: 2 }, child_span: record.spans[1], label: 'x' }] }), options({ format: 'prodigy' }));
    expect(broken.problems).toEqual(['relation 1 needs a label, and a head_span and child_span that are spans of this line']);
  });
});

/**
 * Between brat documents and Quotebench layers. Import keeps everything brat can say (events,
 * role arguments, attributes, normalisations, notes) and derives the links the UI shows: each
 * Content argument of an attribution event is a quote linked to the event's Source (`source`)
 * and Cue (`cue`). Export writes the same lines back; only ids are renumbered.
 */
import type { AnnotationEvent, AnnotationFile, Relation, Span } from '../model.js';
import { createOffsetMap } from '../offsets.js';
import { spanContext } from '../spans.js';
import { bratText, type BratDocument, type BratProblem } from './brat-ann.js';

/** What an import of one .ann makes: spans, links and events in Quotebench form. */
export interface BratImport {
  spans: Span[];
  relations: Relation[];
  events: AnnotationEvent[];
  problems: BratProblem[];
}

export interface BratImportOptions {
  docId: string;
  text: string;
  annotator: string;
  now: string;
  /** Label renames on the way in (Content → QUOTE). */
  map: Record<string, string>;
  /** Makes a fresh id with a prefix. */
  newId: (prefix: string) => string;
}

const SOURCE_ROLE = /^Source\d*$/;
const CUE_ROLE = /^Cue\d*$/;
const CONTENT_ROLE = /^Content\d*$/;

/** The link an attribution role gives a content span: Source… → `source`, Cue… → `cue`. */
function linkLabel(role: string): 'source' | 'cue' | null {
  return SOURCE_ROLE.test(role) ? 'source' : CUE_ROLE.test(role) ? 'cue' : null;
}

/** Characters brat cannot hold inside one range's text (its .ann is read line by line). */
const BREAK = /[\n\r\u0085\u2028\u2029]/;
const BREAKS = /[\n\r\u0085\u2028\u2029]+/g;

/** A name, role or value as one brat field: white space (which separates fields) becomes `_`. */
function token(value: string): string {
  return value.replace(/\s+/g, '_');
}

/** Why sorted ranges cannot be a Quotebench span (empty or overlapping pieces), or null. */
function rangeProblem(ranges: readonly [number, number][]): string | null {
  for (const [i, [s, e]] of ranges.entries()) {
    if (e === s) return `the range ${s} ${e} is empty`;
    const prev = ranges[i - 1];
    if (prev && s < prev[1]) return `the ranges ${prev[0]} ${prev[1]} and ${s} ${e} overlap`;
  }
  return null;
}

/**
 * Joins pieces that only a line break separates: brat had to split a span there (see
 * splitAtBreaks), so it is one continuous span. An export splits it again at the same place.
 */
function joinAcrossBreaks(chars: readonly string[], ranges: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of ranges) {
    const last = out[out.length - 1];
    if (last && s > last[1] && chars.slice(last[1], s).every((c) => BREAK.test(c))) last[1] = e;
    else out.push([s, e]);
  }
  return out;
}

/** Converts a parsed .ann to spans (code points), relations and events; a text mismatch is a problem naming the line. */
export function bratToLayer(doc: BratDocument, options: BratImportOptions): BratImport {
  const { text, docId } = options;
  const chars = Array.from(text);
  const map = createOffsetMap(text);
  const problems: BratProblem[] = [];
  const ids = new Map<string, string>();
  const spans: Span[] = [];
  const byId = new Map<string, Span>();
  for (const t of doc.entities) {
    const ranges = [...t.ranges].sort((a, b) => a[0] - b[0]);
    const last = ranges[ranges.length - 1]!;
    if (last[1] > chars.length) {
      problems.push({ line: 0, message: `${t.id}: range ends at ${last[1]}, past the end of the text (${chars.length} characters)` });
      continue;
    }
    const shape = rangeProblem(ranges);
    if (shape) {
      problems.push({ line: 0, message: `${t.id}: ${shape}` });
      continue;
    }
    const found = bratText(chars, ranges);
    if (found !== t.text) {
      problems.push({ line: 0, message: `${t.id} ${t.type} ${ranges.map((r) => r.join(' ')).join(';')}: expected ${JSON.stringify(t.text)}, found ${JSON.stringify(found)}` });
      continue;
    }
    const pieces = joinAcrossBreaks(chars, ranges);
    const start = pieces[0]![0];
    const end = pieces[pieces.length - 1]![1];
    const id = options.newId('s');
    const span: Span = {
      id,
      docId,
      start,
      end,
      label: options.map[t.type] ?? t.type,
      ...spanContext(text, map, start, end),
      attrs: {},
      note: '',
      author: options.annotator,
      created: options.now,
      modified: options.now,
    };
    if (pieces.length > 1) span.fragments = pieces;
    ids.set(t.id, id);
    byId.set(id, span);
    spans.push(span);
  }
  const eventIds = new Map(doc.events.map((e) => [e.id, options.newId('e')]));
  const ref = (bratId: string, where: string): string | null => {
    const id = ids.get(bratId) ?? eventIds.get(bratId);
    if (!id) problems.push({ line: 0, message: `${where}: refers to ${bratId}, which is not in the file` });
    return id ?? null;
  };

  const relations: Relation[] = [];
  const relationIds = new Map<string, Relation>();
  for (const r of doc.relations) {
    const [a, b] = r.args;
    if (!a || !b || r.args.length !== 2) {
      problems.push({ line: 0, message: `${r.id}: a relation needs exactly two arguments` });
      continue;
    }
    const head = ref(a.ref, r.id);
    const child = ref(b.ref, r.id);
    if (!head || !child) continue;
    // `roles` marks the link as an R line, so an export writes it back as one (even one labelled `source`).
    relations.push({ id: options.newId('r'), head, child, label: r.type, roles: [a.role, b.role] });
    relationIds.set(r.id, relations[relations.length - 1]!);
  }

  const events: AnnotationEvent[] = [];
  for (const e of doc.events) {
    const id = eventIds.get(e.id)!;
    const trigger = ref(e.trigger, e.id);
    if (!trigger) continue;
    const args: AnnotationEvent['args'] = [];
    for (const a of e.args) {
      const target = ref(a.ref, e.id);
      if (target) args.push({ role: a.role, ref: target });
    }
    events.push({ id, type: e.type, trigger, args });
    // The links the UI shows: every content argument is a quote with this source and cue.
    const contents = args.filter((a) => CONTENT_ROLE.test(a.role) && byId.has(a.ref));
    for (const c of contents) {
      for (const a of args) {
        const label = linkLabel(a.role);
        if (label && byId.has(a.ref) && a.ref !== c.ref) relations.push({ id: options.newId('r'), head: c.ref, child: a.ref, label, event: id });
      }
    }
  }
  const eventById = new Map(events.map((e) => [e.id, e]));

  for (const a of doc.attributes) {
    const target = ids.get(a.target) ?? eventIds.get(a.target);
    const holder = target ? (byId.get(target) ?? eventById.get(target)) : undefined;
    if (!holder) {
      problems.push({ line: 0, message: `${a.id}: attribute on ${a.target}, which is not a text span or event in the file` });
      continue;
    }
    const attrs = 'attrs' in holder && holder.attrs ? holder.attrs : ((holder as AnnotationEvent).attrs = {});
    attrs[a.name] = a.value ?? '';
    if (a.prefix === 'M') (holder.attrsAsM ??= []).push(a.name);
  }
  for (const n of doc.normalizations) {
    const span = byId.get(ids.get(n.target) ?? '');
    if (!span) {
      problems.push({ line: 0, message: `${n.id}: normalisation of ${n.target}, which is not a text span in the file` });
      continue;
    }
    (span.norms ??= []).push({ type: n.type, ref: n.ref, text: n.text });
  }
  for (const n of doc.notes) {
    const target = ids.get(n.target) ?? eventIds.get(n.target);
    const holder = target ? (byId.get(target) ?? eventById.get(target)) : relationIds.get(n.target);
    if (!holder) {
      problems.push({ line: 0, message: `${n.id}: note on ${n.target}, which is not an annotation in the file` });
      continue;
    }
    // Several notes on one annotation become lines of one note; an export writes one # line per line.
    holder.note = holder.note ? `${holder.note}\n${n.text}` : n.text;
  }
  return { spans, relations, events, problems };
}

/** Splits [s, e) at line breaks: brat cannot hold a newline inside one range's text. */
function splitAtBreaks(chars: readonly string[], [s, e]: [number, number]): [number, number][] {
  const out: [number, number][] = [];
  let from = s;
  for (let i = s; i < e; i += 1) {
    if (BREAK.test(chars[i]!)) {
      if (i > from) out.push([from, i]);
      from = i + 1;
    }
  }
  if (e > from) out.push([from, e]);
  return out.length ? out : [[s, e]];
}

/**
 * Writes a layer as a brat document. Links derived from an imported event are written as that
 * event; an argument whose links were all deleted in the app is left out of it. Links that
 * came from R lines (they carry `roles`) go back as R lines. Every other `source` / `cue` link
 * (made in the app) is written as an Attribution event, one per quote: the trigger is an extra
 * `Attribution` T over the quote's first cue (or over the quote when it has none), with Source,
 * Cue and Content arguments (Source2, Cue2… when there are several).
 */
export function layerToBrat(layer: Pick<AnnotationFile, 'spans' | 'relations' | 'events'>, text: string): BratDocument {
  const chars = Array.from(text);
  const doc: BratDocument = { entities: [], relations: [], events: [], attributes: [], normalizations: [], notes: [] };
  const tid = new Map<string, string>();
  const addEntity = (type: string, pieces: [number, number][]) => {
    const ranges = pieces.flatMap((p) => splitAtBreaks(chars, p));
    const id = `T${doc.entities.length + 1}`;
    doc.entities.push({ id, type: token(type), ranges, text: bratText(chars, ranges) });
    return id;
  };
  const piecesOf = (s: Span): [number, number][] => (s.fragments && s.fragments.length > 1 ? s.fragments : [[s.start, s.end]]);
  const addNote = (target: string, note: string | undefined) => {
    for (const line of (note ?? '').split(BREAKS)) {
      if (line.trim()) doc.notes.push({ id: `#${doc.notes.length + 1}`, type: 'AnnotatorNotes', target, text: line.replace(/\t/g, ' ') });
    }
  };
  const addAttrs = (target: string, attrs: Record<string, string> | undefined, asM: readonly string[] = []) => {
    for (const [name, value] of Object.entries(attrs ?? {})) {
      const prefix = asM.includes(name) ? 'M' : 'A';
      doc.attributes.push({ id: `${prefix}${doc.attributes.length + 1}`, name: token(name), target, value: value === '' ? null : token(value), prefix });
    }
  };
  for (const s of layer.spans) tid.set(s.id, addEntity(s.label, piecesOf(s)));

  // Events whose trigger span is gone are dropped (and arguments that name them).
  const live = (layer.events ?? []).filter((e) => tid.has(e.trigger));
  const eid = new Map(live.map((e, i) => [e.id, `E${i + 1}`]));
  const known = (id: string) => tid.has(id) || eid.has(id);
  const refOf = (id: string) => tid.get(id) ?? eid.get(id)!;
  const linked = new Set(layer.relations.filter((r) => r.event && eid.has(r.event)).flatMap((r) => [`${r.event}\0${r.head}`, `${r.event}\0${r.child}`]));
  for (const e of live) {
    const isLinkRole = (a: AnnotationEvent['args'][number]) => tid.has(a.ref) && (CONTENT_ROLE.test(a.role) || linkLabel(a.role) !== null);
    const linking = e.args.filter(isLinkRole);
    const derives = linking.some((a) => CONTENT_ROLE.test(a.role)) && linking.some((a) => linkLabel(a.role) !== null);
    const args = e.args.filter((a) => known(a.ref) && !(derives && isLinkRole(a) && !linked.has(`${e.id}\0${a.ref}`)));
    doc.events.push({ id: eid.get(e.id)!, type: token(e.type), trigger: refOf(e.trigger), args: args.map((a) => ({ role: token(a.role), ref: refOf(a.ref) })) });
  }

  const appLinks = new Map<string, Relation[]>();
  const relationNotes: [string, string | undefined][] = [];
  for (const r of layer.relations) {
    if (!known(r.head) || !known(r.child)) continue;
    if (r.event && eid.has(r.event)) continue;
    if (!r.roles && (r.label === 'source' || r.label === 'cue')) {
      appLinks.set(r.head, [...(appLinks.get(r.head) ?? []), r]);
      continue;
    }
    const [ra, rb] = r.roles ?? ['Arg1', 'Arg2'];
    const id = `R${doc.relations.length + 1}`;
    doc.relations.push({ id, type: token(r.label), args: [{ role: token(ra), ref: refOf(r.head) }, { role: token(rb), ref: refOf(r.child) }] });
    relationNotes.push([id, r.note]);
  }
  const byId = new Map(layer.spans.map((s) => [s.id, s]));
  for (const [head, links] of appLinks) {
    const quote = byId.get(head);
    if (!quote) continue;
    const sources = links.filter((r) => r.label === 'source');
    const cues = links.filter((r) => r.label === 'cue');
    const anchor = byId.get(cues[0]?.child ?? '') ?? quote;
    const trigger = addEntity('Attribution', piecesOf(anchor));
    const role = (name: string, i: number) => (i === 0 ? name : `${name}${i + 1}`);
    const args = [
      ...sources.map((r, i) => ({ role: role('Source', i), ref: refOf(r.child) })),
      ...cues.map((r, i) => ({ role: role('Cue', i), ref: refOf(r.child) })),
      { role: 'Content', ref: refOf(head) },
    ];
    doc.events.push({ id: `E${doc.events.length + 1}`, type: 'Attribution', trigger, args });
  }

  for (const s of layer.spans) {
    const id = tid.get(s.id)!;
    addAttrs(id, s.attrs, s.attrsAsM);
    for (const n of s.norms ?? []) doc.normalizations.push({ id: `N${doc.normalizations.length + 1}`, type: token(n.type), target: id, ref: token(n.ref), text: n.text.replace(BREAKS, ' ') });
    addNote(id, s.note);
  }
  for (const e of live) {
    addAttrs(eid.get(e.id)!, e.attrs, e.attrsAsM);
    addNote(eid.get(e.id)!, e.note);
  }
  for (const [id, note] of relationNotes) addNote(id, note);
  return doc;
}

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
    const found = bratText(chars, ranges);
    if (found !== t.text) {
      problems.push({ line: 0, message: `${t.id} ${t.type} ${ranges.map((r) => r.join(' ')).join(';')}: expected ${JSON.stringify(t.text)}, found ${JSON.stringify(found)}` });
      continue;
    }
    const start = ranges[0]![0];
    const end = last[1];
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
    if (ranges.length > 1) span.fragments = ranges.map(([s, e]) => [s, e] as [number, number]);
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
  for (const r of doc.relations) {
    const [a, b] = r.args;
    if (!a || !b || r.args.length !== 2) {
      problems.push({ line: 0, message: `${r.id}: a relation needs exactly two arguments` });
      continue;
    }
    const head = ref(a.ref, r.id);
    const child = ref(b.ref, r.id);
    if (!head || !child) continue;
    const relation: Relation = { id: options.newId('r'), head, child, label: r.type };
    if (a.role !== 'Arg1' || b.role !== 'Arg2') relation.roles = [a.role, b.role];
    relations.push(relation);
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
        const label = SOURCE_ROLE.test(a.role) ? 'source' : CUE_ROLE.test(a.role) ? 'cue' : null;
        if (label && byId.has(a.ref)) relations.push({ id: options.newId('r'), head: c.ref, child: a.ref, label, event: id });
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
    const holder = target ? (byId.get(target) ?? eventById.get(target)) : undefined;
    if (!holder) {
      problems.push({ line: 0, message: `${n.id}: note on ${n.target}, which is not a text span or event in the file` });
      continue;
    }
    holder.note = holder.note ? `${holder.note}\n${n.text}` : n.text;
  }
  return { spans, relations, events, problems };
}

/** Splits [s, e) at line breaks: brat cannot hold a newline inside one range's text. */
function splitAtBreaks(chars: readonly string[], [s, e]: [number, number]): [number, number][] {
  const out: [number, number][] = [];
  let from = s;
  for (let i = s; i < e; i += 1) {
    if (chars[i] === '\n' || chars[i] === '\r') {
      if (i > from) out.push([from, i]);
      from = i + 1;
    }
  }
  if (e > from) out.push([from, e]);
  return out.length ? out : [[s, e]];
}

/**
 * Writes a layer as a brat document. Relations derived from an event are written as the event.
 * A layer made in the app (no events) gets one Attribution event per quote that has a source or
 * cue link: the trigger is an extra `Attribution` T over the cue (or the quote when it has none),
 * with Source, Cue and Content arguments.
 */
export function layerToBrat(layer: Pick<AnnotationFile, 'spans' | 'relations' | 'events'>, text: string): BratDocument {
  const chars = Array.from(text);
  const doc: BratDocument = { entities: [], relations: [], events: [], attributes: [], normalizations: [], notes: [] };
  const tid = new Map<string, string>();
  const addEntity = (type: string, pieces: [number, number][]) => {
    const ranges = pieces.flatMap((p) => splitAtBreaks(chars, p));
    const id = `T${doc.entities.length + 1}`;
    doc.entities.push({ id, type, ranges, text: bratText(chars, ranges) });
    return id;
  };
  const addNote = (target: string, note: string | undefined) => {
    if (note) doc.notes.push({ id: `#${doc.notes.length + 1}`, type: 'AnnotatorNotes', target, text: note.replace(/\s*\n\s*/g, ' ') });
  };
  const addAttrs = (target: string, attrs: Record<string, string> | undefined) => {
    for (const [name, value] of Object.entries(attrs ?? {})) {
      doc.attributes.push({ id: `A${doc.attributes.length + 1}`, name, target, value: value === '' ? null : value.replace(/\s+/g, '_'), prefix: 'A' });
    }
  };
  for (const s of layer.spans) {
    const id = addEntity(s.label, s.fragments && s.fragments.length > 1 ? s.fragments : [[s.start, s.end]]);
    tid.set(s.id, id);
  }
  const events = layer.events ?? [];
  const eid = new Map(events.map((e, i) => [e.id, `E${i + 1}`]));
  const refOf = (id: string) => tid.get(id) ?? eid.get(id) ?? id;
  for (const r of layer.relations) {
    if (r.event) continue;
    if (events.length === 0 && (r.label === 'source' || r.label === 'cue')) continue;
    const [ra, rb] = r.roles ?? ['Arg1', 'Arg2'];
    doc.relations.push({ id: `R${doc.relations.length + 1}`, type: r.label, args: [{ role: ra, ref: refOf(r.head) }, { role: rb, ref: refOf(r.child) }] });
  }
  // A span deleted in the app after the import drops out of its events (an event without its trigger goes).
  const known = (id: string) => tid.has(id) || eid.has(id);
  const live = events.filter((e) => known(e.trigger));
  for (const e of live) {
    const id = eid.get(e.id)!;
    doc.events.push({ id, type: e.type, trigger: refOf(e.trigger), args: e.args.filter((a) => known(a.ref)).map((a) => ({ role: a.role, ref: refOf(a.ref) })) });
  }
  if (events.length === 0) {
    const byId = new Map(layer.spans.map((s) => [s.id, s]));
    const heads = [...new Set(layer.relations.filter((r) => r.label === 'source' || r.label === 'cue').map((r) => r.head))];
    for (const head of heads) {
      const quote = byId.get(head);
      if (!quote) continue;
      const links = layer.relations.filter((r) => r.head === head && (r.label === 'source' || r.label === 'cue'));
      const cue = links.map((r) => (r.label === 'cue' ? byId.get(r.child) : undefined)).find(Boolean);
      const anchor = cue ?? quote;
      const trigger = addEntity('Attribution', anchor.fragments && anchor.fragments.length > 1 ? anchor.fragments : [[anchor.start, anchor.end]]);
      const args = [
        ...links.filter((r) => r.label === 'source').map((r, i) => ({ role: i === 0 ? 'Source' : `Source${i + 1}`, ref: refOf(r.child) })),
        ...links.filter((r) => r.label === 'cue').map((r, i) => ({ role: i === 0 ? 'Cue' : `Cue${i + 1}`, ref: refOf(r.child) })),
        { role: 'Content', ref: refOf(head) },
      ];
      doc.events.push({ id: `E${doc.events.length + 1}`, type: 'Attribution', trigger, args });
    }
  }
  for (const s of layer.spans) {
    const id = tid.get(s.id)!;
    addAttrs(id, s.attrs);
    for (const n of s.norms ?? []) doc.normalizations.push({ id: `N${doc.normalizations.length + 1}`, type: n.type, target: id, ref: n.ref, text: n.text });
    addNote(id, s.note);
  }
  for (const e of live) {
    addAttrs(eid.get(e.id)!, e.attrs);
    addNote(eid.get(e.id)!, e.note);
  }
  return doc;
}

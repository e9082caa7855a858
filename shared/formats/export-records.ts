/**
 * Export records built from one document and one annotator's layer: Quotebench JSONL, the
 * quotes table, Prodigy-style lines and W3C Web Annotations. Pure functions; offsets are code
 * points, so every span's `text` equals Python's `doc_text[start:end]`.
 */
import type { AnnotationEvent, AnnotationFile, DocumentText, ProjectFile, Provenance, Span, Speaker, Target } from '../model.js';
import { resolveSpeakerId } from '../model.js';
import { createOffsetMap, type OffsetMap } from '../offsets.js';
import { labelRole, resolveLabel } from '../schema.js';

/** One document with its layer, ready to export. */
export interface ExportInput {
  doc: DocumentText;
  layer: AnnotationFile;
  project: ProjectFile;
}

/** A span as it appears in the Quotebench JSONL export. */
export interface JsonlSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  text: string;
  fragments?: [number, number][];
  speaker?: string;
  stance?: string;
  target?: string;
  note?: string;
  norms?: { type: string; ref: string; text: string }[];
  /** Where the span came from: a suggestion accepted, or (adjudicated layer) a reviewer's decision. */
  provenance?: Provenance;
  [attr: string]: unknown;
}

/** One line of the Quotebench JSONL export. */
export interface JsonlRecord {
  id: string;
  text: string;
  meta: DocumentMeta;
  annotator: string;
  status: string;
  spans: JsonlSpan[];
  relations: { id: string; head: string; child: string; label: string; event?: string; roles?: [string, string]; note?: string }[];
  /** Events kept from an import (brat E lines); absent when the layer has none. */
  events?: AnnotationEvent[];
  speakers: Speaker[];
  targets: Target[];
}

/**
 * A record's `meta`: the file (for an article of a `.jsonl` dump, the dump, with the article's
 * line, the line's own id and its `meta` object) and the text's sha256.
 */
export interface DocumentMeta {
  path: string;
  sha256: string;
  line?: number;
  sourceId?: string;
  sourceMeta?: Record<string, unknown>;
}

/** Where a document's text comes from, for an export record's `meta`. */
export function documentMeta(doc: DocumentText): DocumentMeta {
  const src = doc.source;
  if (!src) return { path: doc.id, sha256: doc.sha256 };
  return { path: src.file, sha256: doc.sha256, line: src.line, ...(src.id !== undefined ? { sourceId: src.id } : {}), ...(src.meta ? { sourceMeta: src.meta } : {}) };
}

/** Spans whose stored text no longer matches the document (the file changed): left out, with a reason. */
export interface ExportProblem {
  docId: string;
  spanId: string;
  message: string;
}

const RESERVED = new Set(['id', 'start', 'end', 'label', 'text', 'fragments', 'speaker', 'stance', 'target', 'note', 'norms', 'provenance']);

function sliceCp(text: string, map: OffsetMap, start: number, end: number): string {
  return text.slice(map.toUtf16(start), map.toUtf16(end));
}

/** The spans of a layer that still match the text, and a problem for each one that does not. */
export function exportableSpans(input: ExportInput, map: OffsetMap): { spans: Span[]; problems: ExportProblem[] } {
  const spans: Span[] = [];
  const problems: ExportProblem[] = [];
  for (const s of input.layer.spans) {
    if (s.end > map.lengthCp || sliceCp(input.doc.text, map, s.start, s.end) !== s.quote) {
      problems.push({ docId: input.doc.id, spanId: s.id, message: `the text at ${s.start}-${s.end} is no longer "${s.quote.slice(0, 40)}" (the file changed)` });
    } else spans.push(s);
  }
  return { spans, problems };
}

/** One Quotebench JSONL record. */
export function toJsonlRecord(input: ExportInput): { record: JsonlRecord; problems: ExportProblem[] } {
  const { doc, layer, project } = input;
  const map = createOffsetMap(doc.text);
  const { spans, problems } = exportableSpans(input, map);
  const kept = new Set(spans.map((s) => s.id));
  const speakerIds = new Set<string>();
  const targetIds = new Set<string>();
  const out: JsonlSpan[] = spans.map((s) => {
    const span: JsonlSpan = { id: s.id, start: s.start, end: s.end, label: resolveLabel(project.schema, s.label), text: s.quote };
    if (s.fragments) span.fragments = s.fragments.map(([a, b]) => [a, b] as [number, number]);
    for (const [k, v] of Object.entries(s.attrs)) if (!RESERVED.has(k)) span[k] = v;
    if (s.speakerId) {
      span.speaker = resolveSpeakerId(project, s.speakerId);
      speakerIds.add(span.speaker);
    }
    if (s.stance) {
      span.stance = s.stance.value;
      span.target = s.stance.targetId;
      targetIds.add(s.stance.targetId);
    }
    if (s.note) span.note = s.note;
    if (s.norms?.length) span.norms = s.norms.map((n) => ({ ...n }));
    if (s.provenance) span.provenance = { ...s.provenance };
    return span;
  });
  // Events whose trigger is gone (deleted, or left out above) go too, and arguments naming them.
  const liveEvents = (layer.events ?? []).filter((e) => kept.has(e.trigger));
  const eventIds = new Set(liveEvents.map((e) => e.id));
  // attrsAsM (brat's M spelling) matters only to a brat export; JSONL leaves it out, as it does for spans.
  const events = liveEvents.map(({ attrsAsM: _m, ...e }) => ({ ...e, args: e.args.filter((a) => kept.has(a.ref) || eventIds.has(a.ref)).map((a) => ({ ...a })), ...(e.attrs ? { attrs: { ...e.attrs } } : {}) }));
  const record: JsonlRecord = {
    id: doc.id,
    text: doc.text,
    meta: documentMeta(doc),
    annotator: layer.annotator,
    status: layer.status,
    spans: out,
    relations: layer.relations
      .filter((r) => kept.has(r.head) && kept.has(r.child))
      .map((r) => ({ id: r.id, head: r.head, child: r.child, label: r.label, ...(r.event && eventIds.has(r.event) ? { event: r.event } : {}), ...(r.roles ? { roles: r.roles } : {}), ...(r.note ? { note: r.note } : {}) })),
    ...(events.length ? { events } : {}),
    speakers: project.speakers.filter((s) => speakerIds.has(s.id)),
    targets: project.targets.filter((t) => targetIds.has(t.id)),
  };
  return { record, problems };
}

/** One row of the quotes table. */
export interface QuoteRow {
  doc: string;
  quote: string;
  form: string;
  speaker_id: string;
  speaker: string;
  speaker_kind: string;
  affiliation: string;
  role: string;
  source_mention: string;
  cue: string;
  stance: string;
  target: string;
  start: number;
  end: number;
  sentence: string;
  annotator: string;
  note: string;
}

export const QUOTE_COLUMNS: (keyof QuoteRow)[] = [
  'doc', 'quote', 'form', 'speaker_id', 'speaker', 'speaker_kind', 'affiliation', 'role', 'source_mention', 'cue', 'stance', 'target', 'start', 'end', 'sentence', 'annotator', 'note',
];

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The sentence(s) around a UTF-16 range, on one paragraph, trimmed. */
export function sentenceAround(text: string, start16: number, end16: number): string {
  const lineStart = text.lastIndexOf('\n', start16 - 1) + 1;
  let lineEnd = text.indexOf('\n', end16);
  if (lineEnd < 0) lineEnd = text.length;
  if (end16 > lineEnd) lineEnd = end16;
  const line = text.slice(lineStart, lineEnd);
  let from = 0;
  let to = line.length;
  for (const seg of sentenceSegmenter.segment(line)) {
    const s = lineStart + seg.index;
    const e = s + seg.segment.length;
    if (e <= start16) from = seg.index + seg.segment.length;
    if (s >= end16 && to === line.length) to = seg.index;
  }
  return line.slice(from, to).trim();
}

/** One row per QUOTE span. */
export function toQuoteRows(input: ExportInput): { rows: QuoteRow[]; problems: ExportProblem[] } {
  const { doc, layer, project } = input;
  const map = createOffsetMap(doc.text);
  const { spans, problems } = exportableSpans(input, map);
  const byId = new Map(spans.map((s) => [s.id, s]));
  const rows = spans
    .filter((s) => labelRole(project.schema.labels, s.label) === 'QUOTE')
    .map((s) => {
      const speaker = s.speakerId ? project.speakers.find((p) => p.id === resolveSpeakerId(project, s.speakerId!)) : undefined;
      const linked = (label: string) => layer.relations.filter((r) => r.head === s.id && r.label === label).map((r) => byId.get(r.child)?.quote ?? '').filter(Boolean).join(' | ');
      return {
        doc: doc.id,
        quote: s.quote,
        form: s.attrs.form ?? '',
        speaker_id: speaker?.id ?? '',
        speaker: speaker?.name ?? '',
        speaker_kind: speaker?.kind ?? '',
        affiliation: speaker?.affiliation ?? '',
        role: speaker?.role ?? '',
        source_mention: linked('source'),
        cue: linked('cue'),
        stance: s.stance?.value ?? '',
        target: s.stance ? (project.targets.find((t) => t.id === s.stance!.targetId)?.label ?? '') : '',
        start: s.start,
        end: s.end,
        sentence: sentenceAround(doc.text, map.toUtf16(s.start), map.toUtf16(s.end)),
        annotator: layer.annotator,
        note: s.note,
      };
    });
  return { rows, problems };
}

/** One Prodigy/spaCy-style line: text, meta, spans (start, end, label) and relations. */
export function toProdigyRecord(input: ExportInput) {
  const { doc, project } = input;
  const map = createOffsetMap(doc.text);
  const { spans, problems } = exportableSpans(input, map);
  const pspan = (s: Span) => ({ start: s.start, end: s.end, label: resolveLabel(project.schema, s.label), text: s.quote });
  const byId = new Map(spans.map((s) => [s.id, s]));
  return {
    record: {
      text: doc.text,
      meta: { id: doc.id, ...documentMeta(doc) },
      spans: spans.map(pspan),
      relations: input.layer.relations
        .filter((r) => byId.has(r.head) && byId.has(r.child))
        .map((r) => ({ head_span: pspan(byId.get(r.head)!), child_span: pspan(byId.get(r.child)!), label: r.label })),
    },
    problems,
  };
}

/** W3C Web Annotations (one per span) with TextQuoteSelector and TextPositionSelector in code points. */
export function toW3cAnnotations(input: ExportInput) {
  const { doc, layer, project } = input;
  const map = createOffsetMap(doc.text);
  const { spans, problems } = exportableSpans(input, map);
  const selectors = (start: number, end: number) => {
    const exact = sliceCp(doc.text, map, start, end);
    return [
      { type: 'TextQuoteSelector', exact, prefix: sliceCp(doc.text, map, Math.max(0, start - 32), start), suffix: sliceCp(doc.text, map, end, Math.min(map.lengthCp, end + 32)) },
      { type: 'TextPositionSelector', start, end },
    ];
  };
  const annotations = spans.map((s) => {
    const body: Record<string, unknown>[] = [{ type: 'TextualBody', purpose: 'tagging', value: resolveLabel(project.schema, s.label) }];
    for (const [k, v] of Object.entries(s.attrs)) body.push({ type: 'TextualBody', purpose: 'classifying', value: `${k}=${v}` });
    if (s.speakerId) {
      const speaker = project.speakers.find((p) => p.id === resolveSpeakerId(project, s.speakerId!));
      body.push({ type: 'TextualBody', purpose: 'identifying', value: speaker?.name ?? s.speakerId, id: `urn:quotebench:speaker:${speaker?.id ?? s.speakerId}` });
    }
    if (s.stance) body.push({ type: 'TextualBody', purpose: 'assessing', value: s.stance.value, id: `urn:quotebench:target:${s.stance.targetId}` });
    if (s.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: s.note });
    const pieces = s.fragments ?? [[s.start, s.end]];
    const target = pieces.map(([a, b]) => ({ source: doc.id, selector: selectors(a, b) }));
    return {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:quotebench:${encodeURIComponent(doc.id)}:${s.id}`,
      type: 'Annotation',
      creator: { type: 'Person', name: layer.annotator },
      created: s.created,
      modified: s.modified,
      body,
      target: target.length === 1 ? target[0] : target,
    };
  });
  return { annotations, problems };
}

/**
 * The Quotebench domain model: plain data shared by main, renderer, CLI and exports.
 *
 * Offsets at rest (`start`, `end`) are Unicode code points, half-open, like Python's `str`.
 */

/** Per-annotator progress on one document. */
export type DocStatus = 'todo' | 'in-progress' | 'done';
export const DOC_STATUSES: readonly DocStatus[] = ['todo', 'in-progress', 'done'];

/** Why a file in the corpus folder cannot be annotated. */
/** Why a file (or an article dump's line) is listed apart; `malformed` and `duplicate` are dump lines, `bad-name` a name no document id or layer file can hold. */
export type SkipReason = 'not-utf8' | 'binary' | 'empty' | 'too-large' | 'unreadable' | 'malformed' | 'duplicate' | 'bad-name';

/** One annotatable article, as listed (no text). */
export interface DocumentInfo {
  /** Path relative to the corpus root with `/` separators. */
  id: string;
  /** First non-empty line, trimmed (at most 200 code points). */
  title: string;
  /** File size in bytes. */
  bytes: number;
  /** Text length in code points. */
  length: number;
  sha256: string;
  /** Spans in the current annotator's layer. */
  spanCount: number;
  status: DocStatus;
}

/** A file that is listed apart, with the reason it cannot be annotated. */
export interface SkippedFile {
  id: string;
  reason: SkipReason;
  /** One human sentence, e.g. "not valid UTF-8 (invalid byte at offset 112)". */
  message: string;
  bytes: number;
}

/** A document's full text as decoded (BOM removed, otherwise byte-for-byte). */
export interface DocumentText {
  id: string;
  text: string;
  sha256: string;
  /** Only for an article of a `.jsonl` dump: the dump's id, the line, and the line's own id and meta. */
  source?: ArticleSource;
}

/** Where an article of a `.jsonl` dump comes from. */
export interface ArticleSource {
  /** The dump file's corpus-relative path. */
  file: string;
  /** 1-based line number. */
  line: number;
  /** The line's `id` (or `meta.id`) as written. */
  id?: string;
  /** The line's `meta` object. */
  meta?: Record<string, unknown>;
}

/** Stance of a quote's speaker toward a target (SemEval-2016 names). */
export type StanceValue = 'FAVOR' | 'AGAINST' | 'NONE';
export const STANCE_VALUES: readonly StanceValue[] = ['FAVOR', 'AGAINST', 'NONE'];

/** A quote's stance toward one corpus-wide target. */
export interface Stance {
  targetId: string;
  value: StanceValue;
}

/** Labels of span-to-span relations: a quote's source mention and its cue. */
export type RelationLabel = 'source' | 'cue';

/** One annotation: a labelled range of a document's text. */
export interface Span {
  id: string;
  docId: string;
  /** Code point offset, inclusive. */
  start: number;
  /** Code point offset, exclusive. */
  end: number;
  label: string;
  /** The exact text at creation: text[start:end] in code points. */
  quote: string;
  /** Up to CONTEXT_CHARS code points before `start`. */
  prefix: string;
  /** Up to CONTEXT_CHARS code points after `end`. */
  suffix: string;
  /** Attribute values by name. An empty value is a flag (a brat binary attribute). */
  attrs: Record<string, string>;
  note: string;
  /**
   * For a discontinuous span: its pieces, sorted and non-overlapping, in code points;
   * `start`/`end` then cover them all and `quote` is text[start:end]. Absent for one piece.
   */
  fragments?: [number, number][];
  /** The speaker entity (QUOTE: who said it; SOURCE: who the mention names). */
  speakerId?: string | null;
  /** QUOTE only: stance toward a target. */
  stance?: Stance | null;
  /** Links to outside resources (brat N lines), e.g. {type: 'Reference', ref: 'Wikidata:Q42', text: 'Farhana Qureishi'}. */
  norms?: Norm[];
  /** From a brat import: names of attributes the file wrote as M lines (the older spelling), written back as M. */
  attrsAsM?: string[];
  /** In the adjudicated layer: whose version this is, who decided and when. */
  provenance?: Provenance;
  author: string;
  created: string;
  modified: string;
}

/** Code points of context kept on each side of a span for re-anchoring. */
export const CONTEXT_CHARS = 32;

/**
 * Where a span came from: in the adjudicated layer, whose version a reviewer took; on a span made
 * from a suggestion, `from: "suggester"`, the suggestion's id, who accepted it and when.
 */
export interface Provenance {
  /** The annotator whose version was taken, or "suggester". */
  from: string;
  /** The span id in that layer, or the suggestion's id (`sg_START_END`). */
  sourceSpanId: string;
  decidedBy: string;
  decidedAt: string;
  /** True when the reviewer changed the version after accepting it. */
  edited?: boolean;
  /** True on spans made by accepting a suggestion (in the app or with `quotebench suggest`). */
  suggested?: boolean;
}

/** The provenance of a span made from suggestion `suggestionId`. */
export function suggestedProvenance(suggestionId: string, by: string, at: string): Provenance {
  return { from: 'suggester', sourceSpanId: suggestionId, decidedBy: by, decidedAt: at, suggested: true };
}

/** A suggestion the annotator rejected: it is not proposed again for the same range and text. */
export interface RejectedSuggestion {
  id: string;
  start: number;
  end: number;
  /** The quote's text when it was rejected (a changed article proposes it again). */
  quote: string;
  by: string;
  at: string;
}

/** A link to an outside resource, as brat's N lines carry it. */
export interface Norm {
  type: string;
  ref: string;
  text: string;
}

/** A directed link between two spans, or from a span to a registry entry. */
export interface Relation {
  id: string;
  head: string;
  child: string;
  label: string;
  /** Set when the link was derived from an event (a brat attribution event): the event's id. Exports write the event, not the link. */
  event?: string;
  /** The brat argument roles of a link imported from an R line (Arg1 / Arg2 or others); such a link is written back as an R line. */
  roles?: [string, string];
  /** A note on the link (a brat AnnotatorNotes line on an R annotation). */
  note?: string;
}

/**
 * An n-ary annotation kept from an imported corpus (a brat E line): a trigger span and role
 * arguments, each a span id or another event's id. Roles repeat as brat writes them (Content,
 * Content2). `attrs`: attributes on the event ('' for a binary one).
 */
export interface AnnotationEvent {
  id: string;
  type: string;
  trigger: string;
  args: { role: string; ref: string }[];
  attrs?: Record<string, string>;
  /** Names of attributes the brat file wrote as M lines, written back as M. */
  attrsAsM?: string[];
  note?: string;
}

/** One annotator's layer for one document: the content of `annotations/ANNOTATOR/DOC.json`. */
export interface AnnotationFile {
  schemaVersion: 1;
  docId: string;
  annotator: string;
  /** sha256 of the document text the offsets refer to. */
  docSha256: string;
  status: DocStatus;
  spans: Span[];
  relations: Relation[];
  /** Events kept from an import (absent in layers made in the app). */
  events?: AnnotationEvent[];
  /** Spans that could not be re-anchored after the article changed, waiting to be placed or deleted (shared/anchoring.ts). */
  orphans?: import('./anchoring.js').Orphan[];
  /** In the adjudicated layer: every review decision, accepted or rejected (shared/review.ts). */
  decisions?: import('./review.js').ReviewDecision[];
  /** Suggestions the annotator rejected, so they stay rejected (shared/suggest/layer.ts). */
  rejectedSuggestions?: RejectedSuggestion[];
  updated: string;
}

/** One attribute of a label and the values it may take. */
export interface AttributeDef {
  name: string;
  values: string[];
}

/** A span label in the project's schema. */
export interface LabelDef {
  name: string;
  /** CSS colour, `#rrggbb`. */
  color: string;
  /** One lower-case key that applies the label; '' for none (an imported label when every key was taken). */
  key: string;
  attributes: AttributeDef[];
  /** Names this label had before a rename; spans that still carry one resolve to this label. */
  formerNames?: string[];
}

export type SpeakerKind = 'person' | 'organization' | 'group' | 'anonymous';
export const SPEAKER_KINDS: readonly SpeakerKind[] = ['person', 'organization', 'group', 'anonymous'];

/** Corpus-wide registry entry for whoever said something. */
export interface Speaker {
  id: string;
  name: string;
  aliases: string[];
  kind: SpeakerKind;
  affiliation: string;
  role: string;
}

/** Corpus-wide stance target. */
export interface Target {
  id: string;
  label: string;
}

/** Per-project settings kept in project.json. */
export interface ProjectSettings {
  /** Files larger than this are listed as too large. */
  maxFileBytes: number;
}

/** The content of `CORPUS/.quotebench/project.json`. */
export interface ProjectFile {
  schemaVersion: 1;
  /** `stanceLabels`: display names of FAVOR / AGAINST / NONE (stored values never change). */
  schema: { labels: LabelDef[]; stanceLabels?: Record<StanceValue, string> };
  speakers: Speaker[];
  targets: Target[];
  /**
   * Speaker ids folded into another by a merge: `{mergedId: keptId}`. Layers this annotator
   * cannot rewrite (a colleague's) keep the old id and resolve through this map.
   */
  speakerRedirects?: Record<string, string>;
  settings: ProjectSettings;
}

/** The registry id a (possibly merged) speaker id stands for now. */
export function resolveSpeakerId(project: Pick<ProjectFile, 'speakerRedirects'>, id: string): string {
  const seen = new Set<string>();
  let current = id;
  while (project.speakerRedirects?.[current] && !seen.has(current)) {
    seen.add(current);
    current = project.speakerRedirects[current]!;
  }
  return current;
}

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The default label set (PRODUCT.md): QUOTE, CLAIM, SOURCE, CUE. */
export const DEFAULT_LABELS: LabelDef[] = [
  { name: 'QUOTE', color: '#e8a33d', key: 'q', attributes: [{ name: 'form', values: ['direct', 'indirect', 'mixed'] }] },
  { name: 'CLAIM', color: '#5b8def', key: 'c', attributes: [{ name: 'checkworthy', values: ['yes', 'no'] }] },
  { name: 'SOURCE', color: '#3fae6a', key: 's', attributes: [] },
  { name: 'CUE', color: '#b46ad8', key: 'v', attributes: [] },
];

/** A fresh project.json. */
export function defaultProject(): ProjectFile {
  return {
    schemaVersion: 1,
    schema: { labels: DEFAULT_LABELS.map((l) => ({ ...l, attributes: l.attributes.map((a) => ({ ...a, values: [...a.values] })) })) },
    speakers: [],
    targets: [],
    settings: { maxFileBytes: DEFAULT_MAX_FILE_BYTES },
  };
}

/**
 * The Quotebench domain model: plain data shared by main, renderer, CLI and exports.
 *
 * Offsets at rest (`start`, `end`) are Unicode code points, half-open, like Python's `str`.
 * Persisted and wire shapes are defined once as zod schemas in shared/schemas.ts; their types are
 * derived here under the names the rest of the code uses.
 */
import type { z } from 'zod';
import type {
  annotationEventSchema,
  annotationFileSchema,
  attributeDefSchema,
  docStatusSchema,
  labelDefSchema,
  normSchema,
  projectFileSchema,
  projectSettingsSchema,
  provenanceSchema,
  rejectedSuggestionSchema,
  relationSchema,
  skippedFileSchema,
  skipReasonSchema,
  speakerKindSchema,
  speakerSchema,
  spanSchema,
  stanceSchema,
  stanceValueSchema,
  targetSchema,
} from './schemas.js';

/** Per-annotator progress on one document. */
export type DocStatus = z.output<typeof docStatusSchema>;
export const DOC_STATUSES: readonly DocStatus[] = ['todo', 'in-progress', 'done'];

/** Why a file (or an article dump's line) is listed apart; `malformed` and `duplicate` are dump lines, `bad-name` a name no document id or layer file can hold. */
export type SkipReason = z.output<typeof skipReasonSchema>;

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

/** A file that is listed apart, with the reason it cannot be annotated; `message` is one human sentence. */
export type SkippedFile = z.output<typeof skippedFileSchema>;

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
export type StanceValue = z.output<typeof stanceValueSchema>;
export const STANCE_VALUES: readonly StanceValue[] = ['FAVOR', 'AGAINST', 'NONE'];

/** A quote's stance toward one corpus-wide target. */
export type Stance = z.output<typeof stanceSchema>;

/**
 * One annotation: a labelled range of a document's text (shared/schemas.ts spanSchema). `quote` is
 * text[start:end] at creation; `prefix`/`suffix` up to CONTEXT_CHARS code points around it;
 * `fragments` the pieces of a discontinuous span; `provenance` where it came from.
 */
export type Span = z.output<typeof spanSchema>;

/** Code points of context kept on each side of a span for re-anchoring. */
export const CONTEXT_CHARS = 32;

/**
 * Where a span came from: in the adjudicated layer, whose version a reviewer took; on a span made
 * from a suggestion, `from: "suggester"`, the suggestion's id, who accepted it and when.
 */
export type Provenance = z.output<typeof provenanceSchema>;

/** The provenance of a span made from suggestion `suggestionId`. */
export function suggestedProvenance(suggestionId: string, by: string, at: string): Provenance {
  return { from: 'suggester', sourceSpanId: suggestionId, decidedBy: by, decidedAt: at, suggested: true };
}

/** A suggestion the annotator rejected: it is not proposed again for the same range and text. */
export type RejectedSuggestion = z.output<typeof rejectedSuggestionSchema>;

/** A link to an outside resource, as brat's N lines carry it. */
export type Norm = z.output<typeof normSchema>;

/** A directed link between two spans; `event`, `roles` and `note` are kept from imports. */
export type Relation = z.output<typeof relationSchema>;

/**
 * An n-ary annotation kept from an imported corpus (a brat E line): a trigger span and role
 * arguments, each a span id or another event's id. Roles repeat as brat writes them (Content,
 * Content2). `attrs`: attributes on the event ('' for a binary one).
 */
export type AnnotationEvent = z.output<typeof annotationEventSchema>;

/** One annotator's layer for one document: the content of `annotations/ANNOTATOR/DOC.json`. */
export type AnnotationFile = z.output<typeof annotationFileSchema>;

/** One attribute of a label and the values it may take. */
export type AttributeDef = z.output<typeof attributeDefSchema>;

/** A span label in the project's schema: name, `#rrggbb` colour, key ('' for none), attributes, former names. */
export type LabelDef = z.output<typeof labelDefSchema>;

/** What kind of speaker a registry entry is. */
export type SpeakerKind = z.output<typeof speakerKindSchema>;
export const SPEAKER_KINDS: readonly SpeakerKind[] = ['person', 'organization', 'group', 'anonymous'];

/** Corpus-wide registry entry for whoever said something. */
export type Speaker = z.output<typeof speakerSchema>;

/** Corpus-wide stance target. */
export type Target = z.output<typeof targetSchema>;

/** Per-project settings kept in project.json. */
export type ProjectSettings = z.output<typeof projectSettingsSchema>;

/**
 * The content of `CORPUS/.quotebench/project.json` (schema version 2: its registry is the base the
 * registry logs are folded onto, docs/FORMATS.md), and the folded project. `speakerRedirects`: speaker ids folded into
 * another by a merge, `{mergedId: keptId}`; layers this annotator cannot rewrite keep the old id.
 */
export type ProjectFile = z.output<typeof projectFileSchema>;

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
    schemaVersion: 2,
    schema: { labels: DEFAULT_LABELS.map((l) => ({ ...l, attributes: l.attributes.map((a) => ({ ...a, values: [...a.values] })) })) },
    speakers: [],
    targets: [],
    settings: { maxFileBytes: DEFAULT_MAX_FILE_BYTES },
  };
}

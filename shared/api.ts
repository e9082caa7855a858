/**
 * The one typed contract between the renderer and main: method names, argument schemas,
 * return types. The preload bridge, the HTTP server, the main-side dispatcher and the
 * renderer client are all built from API_METHODS, so a method missing on one side is a
 * compile error.
 */
import { z } from 'zod';
import type { DocStatus, DocumentInfo, DocumentText, ProjectFile, Relation, SkippedFile, Span, Speaker, Target } from './model.js';
import type { Result } from './result.js';

import {
  ANNOTATOR_NAME_RE,
  annotatorNameSchema,
  docIdSchema,
  docStatusSchema,
  entityIdSchema,
  fragmentsSchema,
  labelListSchema,
  labelNameSchema,
  offsetSchema,
  orphanSchema,
  sha256Schema,
  spanIdSchema,
  speakerFields,
  speakerSchema,
  stanceLabelsSchema,
  stanceSchema,
  stanceValueSchema,
  suggestionIdSchema,
  targetLabelSchema,
} from './schemas.js';

// Re-exported: the renderer, the CLI and main import these from the API contract.
export { ANNOTATOR_NAME_RE, annotatorNameSchema, docIdSchema };

const empty = z.object({}).strict();
/** Names one watch of watchChanges: chosen by the window, unique per window and effect. */
const watcherIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const shortText = (max: number) => z.string().max(max);

/** The most edits one editDocument call may carry. */
export const MAX_DOCUMENT_EDITS = 20_000;
/** The fields updateSpan changes; `null` removes an attribute, the speaker, the stance or the fragments (one piece again). */
const spanPatchSchema = z
  .object({
    label: labelNameSchema.optional(),
    attrs: z.record(labelNameSchema, z.string().max(200).nullable()).optional(),
    note: shortText(10_000).optional(),
    speakerId: entityIdSchema.nullable().optional(),
    stance: stanceSchema.nullable().optional(),
    fragments: fragmentsSchema.nullable().optional(),
  })
  .strict();
/** The span fields a createSpan edit may restore (redo, undo of a deletion): updateSpan's patch without removals. */
const editAttrsSchema = z.record(labelNameSchema, z.string().max(200));
/** One edit of editDocument: each mirrors the single-edit method of the same name, without `docId`. */
export const documentEditSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('createSpan'),
      id: spanIdSchema.optional(),
      start: offsetSchema,
      end: offsetSchema,
      label: labelNameSchema,
      suggestion: suggestionIdSchema.optional(),
      attrs: editAttrsSchema.optional(),
      note: shortText(10_000).optional(),
      speakerId: entityIdSchema.optional(),
      stance: stanceSchema.optional(),
      fragments: fragmentsSchema.optional(),
    })
    .strict(),
  z.object({ op: z.literal('deleteSpan'), spanId: spanIdSchema }).strict(),
  z
    .object({
      op: z.literal('updateSpan'),
      spanId: spanIdSchema,
      patch: spanPatchSchema,
    })
    .strict(),
  z.object({ op: z.literal('addRelation'), id: spanIdSchema.optional(), head: spanIdSchema, child: spanIdSchema, label: z.enum(['source', 'cue']) }).strict(),
  z.object({ op: z.literal('deleteRelation'), relationId: spanIdSchema }).strict(),
  z.object({ op: z.literal('setStatus'), status: docStatusSchema }).strict(),
  z.object({ op: z.literal('rejectSuggestion'), suggestionId: suggestionIdSchema, start: offsetSchema, end: offsetSchema }).strict(),
  z.object({ op: z.literal('unrejectSuggestion'), suggestionId: suggestionIdSchema, start: offsetSchema, end: offsetSchema }).strict(),
]);

/** One edit of editDocument, as the caller sends it. */
export type DocumentEdit = z.input<typeof documentEditSchema>;

/** Runtime schemas of every method's arguments; main validates each call against these. */
export const apiArgs = {
  getSession: empty,
  setAnnotator: z.object({ name: annotatorNameSchema }).strict(),
  pickCorpus: empty,
  openRecent: z.object({ recentId: z.string().regex(/^[a-f0-9]{16}$/) }).strict(),
  closeCorpus: empty,
  /**
   * `provisional`: a corpus just reopened may be answered at once from its index, before any
   * file is stat'ed; such an answer says `provisional: true`, and the next call without the flag
   * answers the list checked by size and mtime.
   */
  listDocuments: z.object({ provisional: z.boolean().optional() }).strict(),
  /** How far opening or listing the corpus has got (polled while it runs); null when idle. */
  getCorpusProgress: empty,
  /**
   * Long poll: answers as soon as another process changed the registry (its revision differs
   * from `registry`; -1 answers at once), the open document's text, or one of `layers` of it
   * (their versions differ from `tokens`), else after `timeoutMs` with the same versions.
   */
  waitForChanges: z
    .object({
      registry: z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER),
      docId: docIdSchema.optional(),
      layers: z.array(annotatorNameSchema).max(11).default([]),
      tokens: z.record(z.string().max(80), z.string().max(200)).default({}),
      timeoutMs: z.number().int().min(0).max(30_000).default(20_000),
    })
    .strict(),
  getProject: empty,
  /** `layer`: another annotator's layer (or "adjudicated"), read-only; default yours. */
  getDocument: z.object({ docId: docIdSchema, layer: annotatorNameSchema.optional() }).strict(),
  createSpan: z
    .object({
      docId: docIdSchema,
      /** Optional id chosen by the caller (used by redo so a span keeps its id). */
      id: spanIdSchema.optional(),
      start: offsetSchema,
      end: offsetSchema,
      label: labelNameSchema,
      /** Set when the span is made by accepting a suggestion: its id; the span's provenance then says "suggested". */
      suggestion: suggestionIdSchema.optional(),
      /** The text's sha256 the range was chosen on; refused (`stale`) when the article changed since. */
      docSha256: sha256Schema.optional(),
    })
    .strict()
    .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] }),
  deleteSpan: z.object({ docId: docIdSchema, spanId: spanIdSchema }).strict(),
  setStatus: z.object({ docId: docIdSchema, status: docStatusSchema }).strict(),
  /** Changes a span's label, attributes (null removes one), note, speaker, stance or fragments. */
  updateSpan: z
    .object({
      docId: docIdSchema,
      spanId: spanIdSchema,
      patch: spanPatchSchema,
      /** The text the fragments were chosen on: new fragments are refused when the article changed since. */
      docSha256: sha256Schema.optional(),
    })
    .strict(),
  addRelation: z.object({ docId: docIdSchema, id: spanIdSchema.optional(), head: spanIdSchema, child: spanIdSchema, label: z.enum(['source', 'cue']) }).strict(),
  deleteRelation: z.object({ docId: docIdSchema, relationId: spanIdSchema }).strict(),
  listSpeakers: empty,
  createSpeaker: z
    .object({ id: entityIdSchema.optional(), ...speakerFields, aliases: speakerFields.aliases.default([]), affiliation: speakerFields.affiliation.default(''), role: speakerFields.role.default('') })
    .strict(),
  updateSpeaker: z.object({ id: entityIdSchema, patch: z.object(speakerFields).partial().strict() }).strict(),
  deleteSpeaker: z.object({ id: entityIdSchema }).strict(),
  /** Folds `mergeId` into `keepId`: every link is rewired, aliases are united. */
  mergeSpeakers: z.object({ keepId: entityIdSchema, mergeId: entityIdSchema }).strict().refine((a) => a.keepId !== a.mergeId, 'cannot merge a speaker into itself'),
  /** Reverses a merge (undo): restores both speakers and the links the merge rewired. */
  unmergeSpeakers: z
    .object({
      keep: speakerSchema,
      merged: speakerSchema,
      rewired: z.array(z.object({ docId: docIdSchema, spanId: spanIdSchema }).strict()).max(1_000_000),
    })
    .strict(),
  createTarget: z.object({ id: entityIdSchema.optional(), label: targetLabelSchema }).strict(),
  updateTarget: z.object({ id: entityIdSchema, label: targetLabelSchema }).strict(),
  deleteTarget: z.object({ id: entityIdSchema }).strict(),
  /** Replaces the label schema; `renames` carry existing spans over to new names. */
  updateSchema: z
    .object({
      labels: labelListSchema,
      stanceLabels: stanceLabelsSchema.optional(),
      renames: z.array(z.object({ from: labelNameSchema, to: labelNameSchema }).strict()).max(40).default([]),
    })
    .strict(),
  /** Searches the corpus text and the current annotator's spans. */
  searchCorpus: z
    .object({
      /** Text to find (case-insensitive) in document text, or in span text and speaker names. */
      query: z.string().max(500).default(''),
      /** 'text': the articles' text; 'spans': the annotations. */
      scope: z.enum(['text', 'spans']).default('spans'),
      label: labelNameSchema.optional(),
      /** Fuzzy speaker name ("Kiyani"), matched against names and aliases. */
      speaker: z.string().max(200).optional(),
      stance: stanceValueSchema.optional(),
      targetId: entityIdSchema.optional(),
      /** Only quotes missing a speaker or a stance. */
      incomplete: z.boolean().optional(),
      /** Only quotes without a speaker ("quotes without speaker"), or without a stance. */
      missing: z.enum(['speaker', 'stance']).optional(),
      limit: z.number().int().min(1).max(5000).default(500),
    })
    .strict(),
  getOverview: empty,
  /** Starts writing the current annotator's layer to CORPUS/.quotebench/exports/; poll getJob. */
  exportData: z
    .object({
      format: z.enum(['jsonl', 'quotes-jsonl', 'quotes-csv', 'w3c', 'prodigy', 'brat']),
      status: docStatusSchema.optional(),
      bom: z.boolean().optional(),
      /** Which layer: the annotator's own by default, else any layer of the corpus (a colleague's, adjudicated). */
      layer: annotatorNameSchema.optional(),
    })
    .strict(),
  /** Starts an import into a layer (checked first, written only when clean); poll getJob. */
  importData: z
    .object({
      format: z.enum(['brat', 'jsonl', 'prodigy']),
      /** An absolute path: a .jsonl file, or a folder of .ann files for brat. */
      source: z.string().min(1).max(4096).refine((s) => s.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(s), 'must be an absolute path'),
      annotator: annotatorNameSchema,
      map: z.record(z.string().regex(/^[^=\s,]{1,64}$/), labelNameSchema).default({}),
      dryRun: z.boolean().default(false),
      replace: z.boolean().default(false),
    })
    .strict(),
  /** The native open dialog for an import source; answers null when cancelled. */
  pickImportSource: z.object({ kind: z.enum(['file', 'folder']) }).strict(),
  getJob: z.object({ jobId: z.string().regex(/^[a-f0-9]{16}$/) }).strict(),
  /** Every annotator's layer in the corpus, with counts. */
  listLayers: empty,
  /** Your spans and colleagues' in one document, grouped as agree / conflict / only one side. */
  getReview: z.object({ docId: docIdSchema, annotators: z.array(annotatorNameSchema).min(1).max(10) }).strict(),
  /** Accepts one side's version of a review item into the adjudicated layer, or rejects the item. */
  decideReview: z
    .object({
      docId: docIdSchema,
      annotators: z.array(annotatorNameSchema).min(1).max(10),
      key: z.string().min(1).max(2000),
      action: z.enum(['accept', 'reject', 'undo']),
      from: annotatorNameSchema.optional(),
    })
    .strict(),
  /** Accepts every undecided item all sides agree on, in one document or (no docId) the whole corpus. */
  acceptUnanimous: z.object({ docId: docIdSchema.optional(), annotators: z.array(annotatorNameSchema).min(1).max(10) }).strict(),
  getAgreement: z.object({ annotators: z.array(annotatorNameSchema).min(2).max(10) }).strict(),
  /** The rule-based suggestions for a document that the current annotator's layer has neither annotated nor rejected. */
  getSuggestions: z.object({ docId: docIdSchema }).strict(),
  /** Rejects a suggestion (its quote range, code points) so it is not proposed again; kept in the layer file. */
  rejectSuggestion: z
    .object({ docId: docIdSchema, suggestionId: suggestionIdSchema, start: offsetSchema, end: offsetSchema })
    .strict()
    .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] }),
  /** Takes a rejection back (undo of rejectSuggestion): the suggestion at that range is proposed again. */
  unrejectSuggestion: z
    .object({ docId: docIdSchema, suggestionId: suggestionIdSchema, start: offsetSchema, end: offsetSchema })
    .strict()
    .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] }),
  /** Places an orphaned span at a new range (code points) with its links, or deletes it. */
  resolveOrphan: z
    .object({ docId: docIdSchema, spanId: spanIdSchema, action: z.enum(['place', 'delete']), start: offsetSchema.optional(), end: offsetSchema.optional(), docSha256: sha256Schema.optional() })
    .strict()
    .refine((a) => a.action === 'delete' || (a.start !== undefined && a.end !== undefined && a.end > a.start), { message: 'placing needs start < end', path: ['end'] }),
  /** Undoes resolveOrphan: the span goes back among the orphans exactly as it was (taken out of the spans if it was placed). */
  restoreOrphan: z.object({ docId: docIdSchema, orphan: orphanSchema }).strict(),
  /** "Accept with edits": changes an adjudicated span's label, speaker, stance or form; marks its provenance edited. */
  editAdjudicated: z
    .object({
      docId: docIdSchema,
      annotators: z.array(annotatorNameSchema).min(1).max(10),
      spanId: spanIdSchema,
      patch: z
        .object({
          label: labelNameSchema.optional(),
          speakerId: entityIdSchema.nullable().optional(),
          stance: stanceSchema.nullable().optional(),
          form: z.string().max(64).nullable().optional(),
        })
        .strict(),
    })
    .strict(),
  /**
   * Many edits of one document in one request and one durable write (accepting suggestions, undo
   * of a batch): all or nothing, answered per edit in order. `docSha256`: the text the ranges were
   * chosen on; the whole call is refused (`stale`) when the article changed since.
   */
  editDocument: z
    .object({
      docId: docIdSchema,
      docSha256: sha256Schema.optional(),
      // Each edit is checked against documentEditSchema by the handler, in slices: parsing 20,000
      // of them at once here would hold up every other call for a noticeable time.
      edits: z
        .array(z.custom<DocumentEdit>((e) => typeof e === 'object' && e !== null && !Array.isArray(e), 'each edit must be an object'))
        .min(1)
        .max(MAX_DOCUMENT_EDITS),
    })
    .strict(),
  /**
   * Accepts (each item's first version, as acceptUnanimous does) or undoes the decisions on the
   * review items `keys` of one document in one write: the undo and redo of acceptUnanimous.
   */
  decideReviewMany: z
    .object({ docId: docIdSchema, annotators: z.array(annotatorNameSchema).min(1).max(10), keys: z.array(z.string().min(1).max(2000)).min(1).max(MAX_DOCUMENT_EDITS), action: z.enum(['accept', 'undo']) })
    .strict(),
  /** Stops a running export or import; what it had written is put back (the job then reports `cancelled`). */
  cancelJob: z.object({ jobId: z.string().regex(/^[a-f0-9]{16}$/) }).strict(),
  /**
   * Main watches what this window shows (the registry, and the open document's text and layers)
   * and publishes a `changes` event for `watcher` whenever one differs from what it knows; a call
   * with the same `watcher` replaces the watch. The versions are those of waitForChanges.
   */
  watchChanges: z
    .object({
      watcher: watcherIdSchema,
      registry: z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER),
      docId: docIdSchema.optional(),
      layers: z.array(annotatorNameSchema).max(11).default([]),
      tokens: z.record(z.string().max(80), z.string().max(200)).default({}),
    })
    .strict(),
  /** Ends a watch (the window no longer shows it). */
  unwatchChanges: z.object({ watcher: watcherIdSchema }).strict(),
} as const;

export type ApiMethod = keyof typeof apiArgs;

/** Every method name, in a stable order: the preload and the HTTP client are built from it. */
export const API_METHODS = Object.keys(apiArgs) as ApiMethod[];

/** The arguments a caller passes to method M. */
export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgs)[M]>;

/** A corpus entry in the recent list. The renderer names it by `id`, never by path. */
export interface RecentCorpus {
  id: string;
  /** Shown to the user only. */
  path: string;
  name: string;
  openedAt: string;
}

/** The opened corpus as the renderer sees it. */
export interface CorpusInfo {
  /** Folder name. */
  name: string;
  /** Absolute path, for display only. */
  path: string;
  documentCount: number;
  skippedCount: number;
}

/** What the renderer needs to draw its first screen. */
export interface Session {
  mode: 'electron' | 'browser';
  /** The annotator's name, or null on first run (the UI then asks, defaulting to `defaultAnnotator`). */
  annotator: string | null;
  defaultAnnotator: string;
  corpus: CorpusInfo | null;
  recent: RecentCorpus[];
  /** False where no native folder dialog exists (browser mode). */
  canPickFolder: boolean;
}

export interface DocumentList {
  documents: DocumentInfo[];
  skipped: SkippedFile[];
  /** Problems met while listing (a damaged data file moved aside), one sentence each. */
  warnings: string[];
  /** Answered from the index before the folder was checked (see listDocuments' `provisional`). */
  provisional?: true;
}

/** Long corpus work under way: finding the files, reading the articles, reading the annotations. */
export interface CorpusProgress {
  phase: 'scanning' | 'reading' | 'annotations';
  done: number;
  /** 0 while unknown (scanning). */
  total: number;
}

export interface OpenedDocument {
  doc: DocumentText;
  /** Whose layer this is. */
  annotator: string;
  /** True when it is not the current annotator's own layer: shown, never written. */
  readOnly?: boolean;
  /** Spans that could not be found again after the article changed on disk. */
  orphans?: import('./anchoring.js').Orphan[];
  /** Set when this opening re-anchored spans because the article changed. */
  reanchored?: { moved: number; orphaned: number };
  status: DocStatus;
  spans: Span[];
  relations: Relation[];
}

/** A speaker with how often the current annotator's layer links to it. */
export interface SpeakerUsage extends Speaker {
  /** QUOTE spans linked to this speaker. */
  quoteCount: number;
  /** All spans (quotes and source mentions) linked to it. */
  linkCount: number;
}

/** Two registry entries that probably name the same speaker. */
export interface DuplicateCandidate {
  a: string;
  b: string;
  /** e.g. "spelling variant: Qureshi / Qureishi" or "title + surname of the full name". */
  reason: string;
  score: number;
}

export interface SpeakerList {
  speakers: SpeakerUsage[];
  duplicates: DuplicateCandidate[];
}

/** What a merge changed, enough to undo it. */
export interface MergeResult {
  keep: Speaker;
  /** Both speakers as they were before the merge. */
  before: { keep: Speaker; merged: Speaker };
  rewired: { docId: string; spanId: string }[];
}

/** One search result; offsets in code points. */
export interface SearchHit {
  docId: string;
  title: string;
  start: number;
  end: number;
  /** Text around the hit: before, the hit itself, after (a line at most). */
  before: string;
  match: string;
  after: string;
  spanId?: string;
  label?: string;
  speakerName?: string;
  stance?: string;
  targetLabel?: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** All hits found, when more than `limit`. */
  total: number;
}

/** Counts for the overview charts, over the current annotator's layer. */
export interface Overview {
  progress: { todo: number; inProgress: number; done: number };
  documents: { id: string; title: string; status: DocStatus; spans: number; quotes: number; quotesWithSpeaker: number; quotesWithStance: number }[];
  quotesPerSpeaker: { speakerId: string; name: string; kind: string; quotes: number }[];
  stanceBySpeaker: { speakerId: string; name: string; FAVOR: number; AGAINST: number; NONE: number }[];
  stanceByTarget: { targetId: string; label: string; FAVOR: number; AGAINST: number; NONE: number }[];
  /** Quotes without a speaker. */
  unattributed: number;
}

/** What an import found and did (or, refused, why). */
export interface ImportReportView {
  documents: { docId: string; spans: number; relations: number }[];
  newLabels: string[];
  newSpeakers: number;
  newTargets: number;
  problems: { file: string; line: number; message: string }[];
  written: boolean;
}

/** A running or finished export or import. */
export interface JobStatus {
  jobId: string;
  kind: 'export' | 'import';
  done: number;
  total: number;
  finished: boolean;
  error: string | null;
  /** True when the job ended because cancelJob asked it to; nothing it would have written is left. */
  cancelled?: boolean;
  /** `skipped`: documents left out whole, with why (a damaged annotation file, an article that cannot be read). */
  exported?: { path: string; documents: number; records: number; problems: number; skipped?: { docId: string; message: string }[] };
  imported?: ImportReportView;
}

/** One layer folder in the corpus. */
export interface LayerInfo {
  name: string;
  documents: number;
  spans: number;
}

/** One document under review. */
export interface DocumentReview {
  reviewer: string;
  items: import('./review.js').ReviewItem[];
  counts: Record<import('./review.js').ReviewState, number> & { decided: number; total: number };
  /** The adjudicated layer's spans in this document. */
  adjudicated: Span[];
}

/** What waitForChanges answers: the versions now, and what others did to the registry since. */
export interface ChangesSeen {
  /** The registry's revision (goes up whenever a fold changed it). */
  registry: number;
  /** What others did that a person should hear of ("bob merged Kiyani into Kayani"), since the caller's revision. */
  notices: string[];
  /** Versions of the watched document's text (key ":text") and layers (by annotator). */
  tokens: Record<string, string>;
}

/** What each method returns on success. */
export interface ApiReturns {
  getSession: Session;
  setAnnotator: Session;
  /** null when the user cancelled the dialog. */
  pickCorpus: Session | null;
  openRecent: Session;
  closeCorpus: Session;
  listDocuments: DocumentList;
  getProject: ProjectFile;
  getDocument: OpenedDocument;
  createSpan: { span: Span; status: DocStatus };
  /** `relations`: the relations that touched the span and were removed with it (for undo). */
  deleteSpan: { deleted: Span; relations: Relation[]; status: DocStatus };
  setStatus: { status: DocStatus };
  updateSpan: { span: Span; status: DocStatus };
  addRelation: { relation: Relation; status: DocStatus };
  deleteRelation: { deleted: Relation; status: DocStatus };
  listSpeakers: SpeakerList;
  createSpeaker: Speaker;
  updateSpeaker: Speaker;
  deleteSpeaker: { deleted: Speaker };
  mergeSpeakers: MergeResult;
  unmergeSpeakers: { speakers: Speaker[] };
  createTarget: Target;
  updateTarget: Target;
  deleteTarget: { deleted: Target };
  updateSchema: ProjectFile;
  searchCorpus: SearchResult;
  getOverview: Overview;
  exportData: { jobId: string };
  importData: { jobId: string };
  pickImportSource: { path: string } | null;
  getJob: JobStatus;
  listLayers: { current: string | null; layers: LayerInfo[] };
  getReview: DocumentReview;
  decideReview: DocumentReview;
  /** `decided`: the items accepted, by document (what its undo takes back). */
  acceptUnanimous: { accepted: number; documents: number; decided: { docId: string; keys: string[] }[] };
  getAgreement: import('./agreement.js').AgreementReport;
  getSuggestions: { suggestions: import('./suggest/suggest.js').Suggestion[] };
  rejectSuggestion: { rejected: import('./model.js').RejectedSuggestion; status: DocStatus };
  /** `removed`: the rejection taken back, or null when there was none. */
  unrejectSuggestion: { removed: import('./model.js').RejectedSuggestion | null; status: DocStatus };
  editAdjudicated: DocumentReview;
  resolveOrphan: OpenedDocument;
  getCorpusProgress: CorpusProgress | null;
  waitForChanges: ChangesSeen;
  restoreOrphan: OpenedDocument;
  editDocument: { results: EditResult[]; status: DocStatus };
  /** `changed`: how many of the keys were decided or undone (an item gone from the review is skipped). */
  decideReviewMany: { changed: number };
  /** `cancelled`: false when the job had already finished (nothing to stop). */
  cancelJob: { cancelled: boolean };
  watchChanges: { watching: true };
  /** `watching`: whether there was such a watch to end. */
  unwatchChanges: { watching: boolean };
}

/** What one edit of editDocument did: the same answer as its single-edit method, without the status. */
export type EditResult =
  | { op: 'createSpan'; span: Span }
  /** `relations`: the relations that touched the span and were removed with it. */
  | { op: 'deleteSpan'; deleted: Span; relations: Relation[] }
  | { op: 'updateSpan'; span: Span }
  | { op: 'addRelation'; relation: Relation }
  | { op: 'deleteRelation'; deleted: Relation }
  | { op: 'setStatus' }
  | { op: 'rejectSuggestion'; rejected: import('./model.js').RejectedSuggestion }
  | { op: 'unrejectSuggestion'; removed: import('./model.js').RejectedSuggestion | null };

// Compile-time check that the schema table and the return table name the same methods.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameMethods: Exact<keyof ApiReturns, ApiMethod> = true;
void _sameMethods;

/** The API as the renderer calls it: one async function per method, never throwing. */
export type QuotebenchApi = { [M in ApiMethod]: (args: ApiArgs<M>) => Promise<Result<ApiReturns[M]>> };

/** The IPC channel name for a method. */
export function ipcChannel(method: ApiMethod): string {
  return `quotebench:${method}`;
}

/** The HTTP path for a method in browser mode. */
export function httpPath(method: ApiMethod): string {
  return `/api/${method}`;
}

/** Header carrying the per-run token in browser mode. */
export const TOKEN_HEADER = 'x-quotebench-token';

export type { Result };

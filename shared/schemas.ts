/**
 * Every persisted and wire shape of Quotebench, defined once with zod: spans, relations, layers,
 * the registry (speakers, targets, labels), project.json, the corpus index and the export records.
 * shared/model.ts derives its types from these; shared/api.ts builds its argument schemas from
 * them; main validates disk files and imports with them; `npm run schemas` generates the published
 * JSON Schemas (shared/formats/*.schema.json) from them. A limit changed here changes everywhere.
 *
 * Objects are strict (an unknown key is refused) except where noted: a layer file's top level
 * tolerates keys it does not know, so a field added by a later version of the same schema version
 * is kept as it is rather than turning the file into a damaged one.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Atoms: ids, names, offsets, texts.

/** Annotator names become folder names: letters, digits, space, dot, dash, underscore. */
export const ANNOTATOR_NAME_RE = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._-]{0,62}[\p{L}\p{N}._-])?$/u;

/** A label name (span labels, attribute names): a letter, then letters, digits, _ or -, 32 at most. */
export const LABEL_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/**
 * A document id: a corpus-relative path with `/` separators, never absolute (`/x`, `C:`), never a
 * backslash or NUL, no empty, `.` or `..` segment. One regular expression rather than refinements:
 * it is checked on every span of every layer read, and it appears in the published JSON Schema.
 */
export const DOC_ID_RE = /^(?![a-zA-Z]:)(?!\.\.?(?:\/|$))[^/\\\0]+(?:\/(?!\.\.?(?:\/|$))[^/\\\0]+)*$/;

/** A document id (see DOC_ID_RE), 4096 characters at most. */
export const docIdSchema = z.string().max(4096).regex(DOC_ID_RE, 'must be a corpus-relative path with / separators and no empty, . or .. segment');

/** An annotator's name (also the folder of their layer). */
export const annotatorNameSchema = z
  .string()
  .regex(ANNOTATOR_NAME_RE, 'use 1-64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit, not ending with a space');

/** An id: 1-64 letters, digits, _ or - (spans, relations, events, speakers, targets). */
export const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** The id of a span, relation or event inside a layer. */
export const spanIdSchema = z.string().regex(ID_RE, 'must be 1-64 letters, digits, _ or -');

/** The id of a registry entry (speaker, target): safe in a file name, a URL and an HTML attribute. */
export const entityIdSchema = z.string().regex(ID_RE, 'must be 1-64 letters, digits, _ or -');

/** A suggestion's id: `sg_START_END` in code points. */
export const suggestionIdSchema = z.string().regex(/^sg_\d{1,10}_\d{1,10}$/);

/** A span label's name. */
export const labelNameSchema = z.string().regex(LABEL_NAME_RE, 'must start with a letter and use letters, digits, _ or - (32 at most)');

/**
 * A relation's or event's type and an event argument's role. Wider than a span label because
 * brat types may carry dots and colons (`PART-WHOLE.Geographical`), but never spaces or markup.
 */
export const relationLabelSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, 'must start with a letter and use letters, digits, _ . : or - (64 at most)');

/** A code point offset. */
export const offsetSchema = z.number().int().min(0).max(2 ** 31);

/** A lower-case hex sha256. */
export const sha256Schema = z.string().regex(/^[a-f0-9]{64}$/);

/** A timestamp (ISO 8601 as written by the app; not parsed). */
export const isoTimeSchema = z.string().max(64);

const text = (max: number) => z.string().max(max);

/** Per-annotator progress on one document. */
export const docStatusSchema = z.enum(['todo', 'in-progress', 'done']);

/** Stance of a quote's speaker toward a target (SemEval-2016 names). */
export const stanceValueSchema = z.enum(['FAVOR', 'AGAINST', 'NONE']);

/** Kinds of speaker. */
export const speakerKindSchema = z.enum(['person', 'organization', 'group', 'anonymous']);

// ---------------------------------------------------------------------------------------------
// A layer: spans, relations, events, orphans, decisions, rejected suggestions.

/** A quote's stance toward one corpus-wide target. */
export const stanceSchema = z.object({ targetId: entityIdSchema, value: stanceValueSchema }).strict();

/** A discontinuous span's pieces, `[start, end]` in code points. */
export const fragmentsSchema = z.array(z.tuple([offsetSchema, offsetSchema])).min(1).max(64);

/** A link to an outside resource, as brat's N lines carry it. */
export const normSchema = z.object({ type: text(200), ref: text(500), text: text(1000) }).strict();

/**
 * Where a span came from: in the adjudicated layer, whose version a reviewer took (`from` the
 * annotator, `sourceSpanId` their span); on a span made from a suggestion, `from: "suggester"`,
 * the suggestion's id, who accepted it and when, and `suggested: true`.
 */
export const provenanceSchema = z
  .object({
    from: text(64),
    sourceSpanId: spanIdSchema,
    decidedBy: text(64),
    decidedAt: isoTimeSchema,
    /** True when the reviewer changed the version after accepting it. */
    edited: z.boolean().optional(),
    /** True on spans made by accepting a suggestion. */
    suggested: z.boolean().optional(),
  })
  .strict();

/** A span's attribute values by name; an empty value is a flag (a brat binary attribute). */
export const attrsSchema = z.record(z.string().max(64), z.string().max(200));

/**
 * One annotation: a labelled range of a document's text, offsets in code points, half-open.
 * `quote` is text[start:end] at creation (no length limit beyond the offsets: a span may cover a
 * whole article); `prefix`/`suffix` the context kept for re-anchoring.
 */
export const spanSchema = z
  .object({
    id: spanIdSchema,
    docId: docIdSchema,
    start: offsetSchema,
    end: offsetSchema,
    label: labelNameSchema,
    quote: z.string(),
    prefix: text(1000),
    suffix: text(1000),
    attrs: attrsSchema,
    note: text(10_000),
    fragments: fragmentsSchema.optional(),
    /** The speaker entity (QUOTE: who said it; SOURCE: who the mention names). */
    speakerId: entityIdSchema.nullable().optional(),
    stance: stanceSchema.nullable().optional(),
    norms: z.array(normSchema).max(100).optional(),
    /** From a brat import: attributes the file wrote as M lines, written back as M. */
    attrsAsM: z.array(z.string().max(64)).max(100).optional(),
    provenance: provenanceSchema.optional(),
    author: text(200),
    created: isoTimeSchema,
    modified: isoTimeSchema,
  })
  .strict();

/** A directed link between two spans (`source`, `cue`, or a type kept from an import). */
export const relationSchema = z
  .object({
    id: spanIdSchema,
    head: spanIdSchema,
    child: spanIdSchema,
    label: relationLabelSchema,
    /** Set when the link was derived from an event: the event's id. */
    event: spanIdSchema.optional(),
    /** The brat argument roles of a link imported from an R line. */
    roles: z.tuple([relationLabelSchema, relationLabelSchema]).optional(),
    note: text(10_000).optional(),
  })
  .strict();

/** An n-ary annotation kept from an import (a brat E line): a trigger span and role arguments. */
export const annotationEventSchema = z
  .object({
    id: spanIdSchema,
    type: relationLabelSchema,
    trigger: spanIdSchema,
    args: z.array(z.object({ role: relationLabelSchema, ref: spanIdSchema }).strict()).max(1000),
    attrs: attrsSchema.optional(),
    attrsAsM: z.array(z.string().max(64)).max(100).optional(),
    note: text(10_000).optional(),
  })
  .strict();

/** A span that could not be re-anchored after its article changed, with its links (shared/anchoring.ts). */
export const orphanSchema = z.object({ span: spanSchema, relations: z.array(relationSchema).max(1000), reason: text(500), since: isoTimeSchema }).strict();

/** A decision recorded in the adjudicated layer (shared/review.ts). */
export const reviewDecisionSchema = z
  .object({
    /** The reviewed spans (annotators' span ids) this decision covers. */
    spanIds: z.array(spanIdSchema).max(100),
    action: z.enum(['accepted', 'rejected']),
    /** Whose version was taken (accepted). */
    from: annotatorNameSchema.optional(),
    /** The adjudicated span made from it (accepted). */
    spanId: spanIdSchema.optional(),
    by: text(200),
    at: isoTimeSchema,
  })
  .strict();

/** A suggestion the annotator rejected: not proposed again for the same range and text. */
export const rejectedSuggestionSchema = z
  .object({ id: suggestionIdSchema, start: offsetSchema, end: offsetSchema, quote: z.string(), by: text(200), at: isoTimeSchema })
  .strict();

/** The schema version of layer files (docs/FORMATS.md). */
export const LAYER_SCHEMA_VERSION = 1;

/**
 * One annotator's layer for one document: `annotations/ANNOTATOR/DOC.json`. `docSha256` is ''
 * until the layer was first written against a text. Unknown top-level keys are tolerated (see the
 * file comment); `spanCount`, which the file format writes (annotations.ts LAYER_FORMAT), is one.
 */
export const annotationFileSchema = z.object({
  schemaVersion: z.literal(LAYER_SCHEMA_VERSION),
  docId: docIdSchema,
  annotator: annotatorNameSchema,
  docSha256: z.union([sha256Schema, z.literal('')]),
  status: docStatusSchema,
  spans: z.array(spanSchema),
  relations: z.array(relationSchema),
  events: z.array(annotationEventSchema).optional(),
  orphans: z.array(orphanSchema).optional(),
  decisions: z.array(reviewDecisionSchema).optional(),
  rejectedSuggestions: z.array(rejectedSuggestionSchema).optional(),
  updated: isoTimeSchema,
});

// ---------------------------------------------------------------------------------------------
// The registry and project.json.

/** One attribute of a label and the values it may take. */
export const attributeDefSchema = z.object({ name: text(32), values: z.array(z.string().trim().min(1).max(64)).max(50) }).strict();

/** A span label in the project's schema (shared/schema.ts validateLabels adds the cross-label rules). */
export const labelDefSchema = z
  .object({
    name: labelNameSchema,
    /** CSS colour, `#rrggbb`. */
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    /** One lower-case key that applies the label; '' for none. */
    key: z.string().regex(/^[a-z0-9]?$/),
    attributes: z.array(attributeDefSchema).max(20),
    /** Names this label had before a rename. */
    formerNames: z.array(labelNameSchema).max(50).optional(),
  })
  .strict();

/** The most labels a schema holds. */
export const MAX_LABELS = 40;

/** The label list of a schema. */
export const labelListSchema = z.array(labelDefSchema).min(1).max(MAX_LABELS);

/** Display names of FAVOR / AGAINST / NONE (stored values never change). */
export const stanceLabelsSchema = z.object({ FAVOR: z.string().trim().min(1).max(40), AGAINST: z.string().trim().min(1).max(40), NONE: z.string().trim().min(1).max(40) }).strict();

/** The fields of a speaker other than its id (what createSpeaker and updateSpeaker take). */
export const speakerFields = {
  name: z.string().trim().min(1).max(200),
  aliases: z.array(z.string().trim().min(1).max(200)).max(100),
  kind: speakerKindSchema,
  affiliation: text(200),
  role: text(200),
};

/** Corpus-wide registry entry for whoever said something. */
export const speakerSchema = z.object({ id: entityIdSchema, ...speakerFields }).strict();

/** A target's label. */
export const targetLabelSchema = z.string().trim().min(1).max(300);

/** Corpus-wide stance target. */
export const targetSchema = z.object({ id: entityIdSchema, label: targetLabelSchema }).strict();

/** Per-project settings kept in project.json. */
export const projectSettingsSchema = z
  .object({
    /** Files larger than this are listed as too large. */
    maxFileBytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();

/** The label schema of a project. */
export const projectSchemaSchema = z.object({ labels: labelListSchema, stanceLabels: stanceLabelsSchema.optional() }).strict();

/** The content of `CORPUS/.quotebench/project.json` (version 2: its registry is the base the registry logs fold onto). */
export const projectFileSchema = z
  .object({
    schemaVersion: z.literal(2),
    schema: projectSchemaSchema,
    speakers: z.array(speakerSchema),
    targets: z.array(targetSchema),
    /** Speaker ids folded into another by a merge: `{mergedId: keptId}`. */
    speakerRedirects: z.record(entityIdSchema, entityIdSchema).optional(),
    settings: projectSettingsSchema,
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// The corpus index, `.quotebench/index.json` (main/services/corpus/corpus-index.ts).

/** Why a file (or an article dump's line) is listed apart. */
export const skipReasonSchema = z.enum(['not-utf8', 'binary', 'empty', 'too-large', 'unreadable', 'malformed', 'duplicate', 'bad-name']);

/** A file listed apart, with the reason it cannot be annotated. Its id is whatever the file is called. */
export const skippedFileSchema = z.object({ id: z.string(), reason: skipReasonSchema, message: z.string(), bytes: z.number() }).strict();

const finite = z.number().finite();
const sameLength = (c: { ids: unknown[] } & Record<string, unknown>) => Object.values(c).every((v) => (v as unknown[]).length === c.ids.length);
/**
 * A column of index entries. Its values are checked one entry at a time when that entry is asked
 * for (corpus-index.ts docAt / layerAt): parsing 60,000 values of a 10,000-article index up front
 * would cost more than the warm open it exists to make fast (docs/PERFORMANCE.md).
 */
const column = z.custom<unknown[]>((v) => Array.isArray(v), 'must be a list');
const idColumn = z.custom<string[]>((v) => Array.isArray(v) && v.every((id) => typeof id === 'string'), 'must be a list of ids');

/**
 * The index's articles as columns, position i of each for the i-th id: an article is either
 * sha256 + title + length, or null + skip reason + message.
 */
export const indexDocColumnsSchema = z
  .object({ ids: idColumn, bytes: column, mtimeMs: column, sha256: column, title: column, length: column })
  .strict()
  .refine(sameLength, 'every column must be as long as ids');

/** One annotator's layer files in the index, as columns: bytes, mtimeMs, spanCount, status. */
export const indexLayerColumnsSchema = z
  .object({ ids: idColumn, bytes: column, mtimeMs: column, spanCount: column, status: column })
  .strict()
  .refine(sameLength, 'every column must be as long as ids');

/** What the last complete description of the folder listed apart, and by which size limit. */
export const indexListingSchema = z.object({ maxFileBytes: finite, skipped: z.array(skippedFileSchema) }).strict();

/** The version of index.json; other versions are discarded and rebuilt. */
export const INDEX_FILE_VERSION = 3;

/** The content of `CORPUS/.quotebench/index.json`. */
export const corpusIndexFileSchema = z
  .object({ version: z.literal(INDEX_FILE_VERSION), docs: indexDocColumnsSchema, layers: z.record(z.string(), indexLayerColumnsSchema), listing: indexListingSchema.optional() })
  .strict();

// ---------------------------------------------------------------------------------------------
// Export records (shared/formats/export-records.ts).

/** A record's `meta`: the file (for a dump's article, the dump and the line) and the text's sha256. */
export const documentMetaSchema = z
  .object({
    path: z.string(),
    sha256: sha256Schema,
    line: z.number().int().min(1).optional().meta({ description: 'only for an article of a .jsonl dump: its 1-based line in the dump named by path' }),
    sourceId: z.string().optional().meta({ description: 'only for an article of a .jsonl dump: the line\'s own id (or meta.id), as written' }),
    sourceMeta: z.record(z.string(), z.unknown()).optional().meta({ description: 'only for an article of a .jsonl dump: the line\'s meta object, as written' }),
  })
  .strict();

/** A span's fixed fields in the Quotebench JSONL export; its attributes follow as string-valued keys. */
export const jsonlSpanFields = z.object({
  id: spanIdSchema,
  start: offsetSchema,
  end: offsetSchema.min(1),
  label: labelNameSchema,
  text: z.string(),
  fragments: z.array(z.tuple([offsetSchema, offsetSchema])).min(2).max(64).optional(),
  speaker: entityIdSchema.optional(),
  stance: stanceValueSchema.optional(),
  target: entityIdSchema.optional(),
  note: text(10_000).optional(),
  norms: z.array(normSchema).max(100).optional(),
  provenance: provenanceSchema.optional().meta({
    description: 'where the span came from: an accepted suggestion (from "suggester", suggested true) or, in the adjudicated layer, whose version a reviewer took',
  }),
});

/** A span in the Quotebench JSONL export: the fixed fields, then one string per attribute. */
export const jsonlSpanSchema = jsonlSpanFields.catchall(z.string().max(200));

/** An event in the export: as in the layer, without brat's M spelling. */
export const jsonlEventSchema = annotationEventSchema.omit({ attrsAsM: true });

/** One line of the Quotebench JSONL export (one document). */
export const jsonlRecordSchema = z
  .object({
    id: docIdSchema,
    text: z.string(),
    meta: documentMetaSchema,
    annotator: annotatorNameSchema,
    status: docStatusSchema,
    spans: z.array(jsonlSpanSchema),
    relations: z.array(relationSchema),
    events: z.array(jsonlEventSchema).optional().meta({ description: 'n-ary annotations kept from an import (brat E lines)' }),
    speakers: z.array(speakerSchema),
    targets: z.array(targetSchema),
  })
  .strict()
  .meta({
    title: 'Quotebench JSONL record (one line per document)',
    description: "Offsets are Unicode code points, half-open; every span's text equals Python's text[start:end].",
  });

/** One row of the quotes table (quotes-jsonl, quotes-csv): one QUOTE span with its speaker and stance. */
export const quoteRowSchema = z
  .object({
    doc: docIdSchema,
    quote: z.string(),
    form: z.string(),
    speaker_id: z.union([entityIdSchema, z.literal('')]),
    speaker: z.string(),
    speaker_kind: z.union([speakerKindSchema, z.literal('')]),
    affiliation: z.string(),
    role: z.string(),
    source_mention: z.string(),
    cue: z.string(),
    stance: z.union([stanceValueSchema, z.literal('')]),
    target: z.string(),
    start: offsetSchema,
    end: offsetSchema,
    sentence: z.string(),
    annotator: annotatorNameSchema,
    note: z.string(),
  })
  .strict()
  .meta({ title: 'Quotebench quotes table row (one line of quotes-jsonl, one row of quotes-csv)', description: 'Offsets are Unicode code points, half-open.' });

// ---------------------------------------------------------------------------------------------
// Published JSON Schemas and problem messages.

/** The JSON Schemas published in shared/formats/ (file name → schema and its `$id`), made by `npm run schemas`. */
export const PUBLISHED_SCHEMAS = {
  'quotebench-jsonl.schema.json': jsonlRecordSchema,
  'quotes-table.schema.json': quoteRowSchema,
} as const;

/** The JSON Schema (draft-07) of a published file, as `npm run schemas` writes it. */
export function publishedJsonSchema(file: keyof typeof PUBLISHED_SCHEMAS): string {
  const schema = z.toJSONSchema(PUBLISHED_SCHEMAS[file], {
    target: 'draft-7',
    io: 'output',
    override: ({ jsonSchema }) => {
      // Unicode property escapes (\p{L}) are not in every reader's regex dialect (Python's `re`
      // rejects them): such a pattern is left out of the published schema, the length kept.
      if (typeof jsonSchema.pattern === 'string' && jsonSchema.pattern.includes('\\p{')) {
        delete jsonSchema.pattern;
        jsonSchema.minLength = 1;
      }
    },
  }) as Record<string, unknown>;
  const { $schema, title, description, ...rest } = schema;
  return JSON.stringify({ $schema, $id: `https://quotebench.invalid/schemas/${file}`, title, description, ...rest }, null, 2) + '\n';
}

/**
 * One sentence for the first problem zod found: where (`spans.3.label`) and what. Values are not
 * echoed, so a 300,000-character name or a line of markup never reaches a message.
 */
export function describeProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'is not valid';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

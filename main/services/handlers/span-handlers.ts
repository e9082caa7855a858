/**
 * Handlers that edit the current annotator's layer of one document: spans, relations, status and
 * rejected suggestions, one at a time or many in one `editDocument` call. Both go through the
 * same per-edit function (`applyEdit`) inside one `LayerStore.mutate`, so a batch of thousands
 * of edits is one durable write, all or nothing.
 */
import { documentEditSchema, type DocumentEdit, type EditResult } from '../../../shared/api.js';
import type { AnnotationFile, DocStatus, ProjectFile, RejectedSuggestion, Relation, Span } from '../../../shared/model.js';
import { suggestedProvenance } from '../../../shared/model.js';
import { createOffsetMap, type OffsetMap } from '../../../shared/offsets.js';
import { ApiError } from '../../../shared/result.js';
import { labelRole } from '../../../shared/schema.js';
import { spanContext, validateRange } from '../../../shared/spans.js';
import { LayerStore, newSpanId } from '../store/annotations.js';
import type { HandlerContext } from './context.js';
import { cooperative } from '../platform/cooperative.js';
import type { Handlers } from './dispatch.js';

type SpanHandlers = Pick<
  Handlers,
  'createSpan' | 'deleteSpan' | 'setStatus' | 'updateSpan' | 'addRelation' | 'deleteRelation' | 'rejectSuggestion' | 'unrejectSuggestion' | 'editDocument'
>;

const QUOTE_MARKS = '“”‘’"\'«»„‚‹›';

/** A range chosen on a text the caller saw (`seen`) is refused when the article has changed since. */
export function refuseStale(docId: string, current: string, seen: string | undefined): void {
  if (seen !== undefined && seen !== current) throw new ApiError('stale', `${docId} changed on disk since it was shown. It has been opened again: select the text again.`);
}

/** Sorted, non-overlapping, non-empty pieces inside the text, or why not. */
export function checkFragments(fragments: [number, number][], lengthCp: number): string | null {
  const sorted = [...fragments].sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < sorted.length; i += 1) {
    const [s, e] = sorted[i]!;
    if (e <= s) return `fragment ${s}-${e} is empty`;
    if (e > lengthCp) return `fragment ${s}-${e} is past the end of the text (${lengthCp} characters)`;
    if (i > 0 && s < sorted[i - 1]![1]) return `fragments ${sorted[i - 1]![0]}-${sorted[i - 1]![1]} and ${s}-${e} overlap`;
  }
  return null;
}

/** What every edit of one document checks against: its text, the project's schema and registry, who and when. */
export class EditScope {
  private offsetMap: OffsetMap | null = null;
  private labels: Set<string> | null = null;
  private speakers: Set<string> | null = null;
  private targets: Set<string> | null = null;
  /** One time for every edit of a call, as one edit always had. */
  readonly now = new Date().toISOString();

  constructor(
    readonly docId: string,
    readonly text: string,
    private readonly project: ProjectFile,
    readonly annotator: string,
  ) {}

  /** The text's offset map, built once and only for edits that need offsets. */
  get map(): OffsetMap {
    return (this.offsetMap ??= createOffsetMap(this.text));
  }

  /** Throws unless `label` is in the schema. */
  checkLabel(label: string): void {
    this.labels ??= new Set(this.project.schema.labels.map((l) => l.name));
    if (!this.labels.has(label)) throw new ApiError('invalid-args', `Unknown label ${label}`);
  }

  /** Throws unless the registry holds the speaker and the stance's target (null/absent pass). */
  checkLinks(speakerId: string | null | undefined, stance: { targetId: string } | null | undefined): void {
    if (speakerId) {
      this.speakers ??= new Set(this.project.speakers.map((s) => s.id));
      if (!this.speakers.has(speakerId)) throw new ApiError('not-found', `No speaker ${speakerId}`);
    }
    if (stance) {
      this.targets ??= new Set(this.project.targets.map((t) => t.id));
      if (!this.targets.has(stance.targetId)) throw new ApiError('not-found', `No target ${stance.targetId}`);
    }
  }

  /** True when `label` means a quote in this project's schema. */
  isQuote(label: string): boolean {
    return labelRole(this.project.schema.labels, label) === 'QUOTE';
  }
}

/**
 * A layer being edited, indexed by id so that each edit costs about the same in a layer of ten
 * spans or of ten thousand. Removals are collected and taken out of the arrays once, in
 * `finish()`: the arrays keep the order single edits always gave them (appended at the end,
 * removed in place).
 */
export class LayerEditor {
  private readonly spanById = new Map<string, Span>();
  private readonly relationById = new Map<string, Relation>();
  /** The live relations touching each span, in the layer's order. */
  private readonly relationsOfSpan = new Map<string, Set<Relation>>();
  private readonly relationKeys = new Set<string>();
  private readonly removedSpans = new Set<Span>();
  private readonly removedRelations = new Set<Relation>();

  constructor(readonly data: AnnotationFile) {
    // The first of equal ids wins, as `find` did.
    for (const s of data.spans) if (!this.spanById.has(s.id)) this.spanById.set(s.id, s);
    for (const r of data.relations) this.indexRelation(r);
  }

  private static key(r: Pick<Relation, 'head' | 'child' | 'label'>): string {
    return `${r.head}\u0000${r.child}\u0000${r.label}`;
  }

  private indexRelation(r: Relation): void {
    if (!this.relationById.has(r.id)) this.relationById.set(r.id, r);
    this.relationKeys.add(LayerEditor.key(r));
    for (const end of [r.head, r.child]) {
      let set = this.relationsOfSpan.get(end);
      if (!set) this.relationsOfSpan.set(end, (set = new Set()));
      set.add(r);
    }
  }

  private unindexRelation(r: Relation): void {
    this.removedRelations.add(r);
    if (this.relationById.get(r.id) === r) this.relationById.delete(r.id);
    this.relationKeys.delete(LayerEditor.key(r));
    this.relationsOfSpan.get(r.head)?.delete(r);
    this.relationsOfSpan.get(r.child)?.delete(r);
  }

  span(id: string): Span | undefined {
    return this.spanById.get(id);
  }

  addSpan(span: Span): void {
    this.data.spans.push(span);
    this.spanById.set(span.id, span);
  }

  /** Removes the span and answers the relations that touched it, removed with it. */
  removeSpan(span: Span): Relation[] {
    this.removedSpans.add(span);
    this.spanById.delete(span.id);
    const touching = [...(this.relationsOfSpan.get(span.id) ?? [])];
    for (const r of touching) this.unindexRelation(r);
    this.relationsOfSpan.delete(span.id);
    return touching;
  }

  relation(id: string): Relation | undefined {
    return this.relationById.get(id);
  }

  hasLink(r: Pick<Relation, 'head' | 'child' | 'label'>): boolean {
    return this.relationKeys.has(LayerEditor.key(r));
  }

  addRelation(r: Relation): void {
    this.data.relations.push(r);
    this.indexRelation(r);
  }

  removeRelation(r: Relation): void {
    this.unindexRelation(r);
  }

  /** Takes the removed spans and relations out of the layer's arrays. */
  finish(): void {
    if (this.removedSpans.size > 0) this.data.spans = this.data.spans.filter((s) => !this.removedSpans.has(s));
    if (this.removedRelations.size > 0) this.data.relations = this.data.relations.filter((r) => !this.removedRelations.has(r));
  }
}

type SpanPatch = Extract<DocumentEdit, { op: 'updateSpan' }>['patch'];

/** Applies `patch` to `span` (label, attributes, note, links, fragments), checked against `scope`. */
function patchSpan(scope: EditScope, span: Span, patch: SpanPatch, method: string): void {
  if (patch.label !== undefined) scope.checkLabel(patch.label);
  scope.checkLinks(patch.speakerId, patch.stance);
  let fragments = patch.fragments;
  if (fragments) {
    const problem = checkFragments(fragments, scope.map.lengthCp);
    if (problem) throw new ApiError('invalid-args', `${method}: ${problem}`);
    fragments = [...fragments].sort((a, b) => a[0] - b[0]);
  }
  if (patch.label !== undefined) span.label = patch.label;
  if (patch.attrs) {
    for (const [k, v] of Object.entries(patch.attrs)) {
      if (v === null) delete span.attrs[k];
      else span.attrs[k] = v;
    }
  }
  if (patch.note !== undefined) span.note = patch.note;
  if (patch.speakerId !== undefined) span.speakerId = patch.speakerId;
  if (patch.stance !== undefined) span.stance = patch.stance;
  if (fragments === null) delete span.fragments;
  else if (fragments) {
    const start = fragments[0]![0];
    const end = fragments[fragments.length - 1]![1];
    if (fragments.length === 1) delete span.fragments;
    else span.fragments = fragments;
    Object.assign(span, { start, end }, spanContext(scope.text, scope.map, start, end));
  }
  const problem = validateRange(scope.map, span.start, span.end);
  if (problem) throw new ApiError('invalid-args', `${method}: ${problem}`);
}

/** A copy of a span that later edits of the same call cannot change. */
function snapshot(span: Span): Span {
  return { ...span, attrs: { ...span.attrs } };
}

/** The quote text of a suggestion at [start, end), after checking the range and that the id names it. */
function suggestionQuote(scope: EditScope, method: string, suggestionId: string, start: number, end: number): string {
  const problem = validateRange(scope.map, start, end);
  if (problem) throw new ApiError('invalid-args', `${method}: ${problem}`);
  if (suggestionId !== `sg_${start}_${end}`) throw new ApiError('invalid-args', `${method}: ${suggestionId} is not the suggestion at ${start}-${end}`);
  return scope.text.slice(scope.map.toUtf16(start), scope.map.toUtf16(end));
}

type CreateEdit = Extract<DocumentEdit, { op: 'createSpan' }>;

/**
 * The span a createSpan edit makes, built and checked against the text, the schema and the
 * registry only (not the layer): the costly part of a creation, done before the layer is
 * touched, so that a batch can build its spans in slices and apply them in one short step.
 */
export function buildSpan(scope: EditScope, edit: CreateEdit): Span {
  const { id, start, end, label } = edit;
  scope.checkLabel(label);
  const problem = validateRange(scope.map, start, end);
  if (problem) throw new ApiError('invalid-args', `createSpan: ${problem}`);
  const ctx = spanContext(scope.text, scope.map, start, end);
  let attrs: Record<string, string> = {};
  if (edit.attrs) attrs = { ...edit.attrs };
  else if (scope.isQuote(label) && ctx.quote.length >= 2 && QUOTE_MARKS.includes(ctx.quote[0]!) && QUOTE_MARKS.includes(ctx.quote[ctx.quote.length - 1]!)) attrs.form = 'direct';
  const span: Span = { id: id ?? newSpanId(), docId: scope.docId, start, end, label, ...ctx, attrs, note: '', author: scope.annotator, created: scope.now, modified: scope.now };
  if (edit.suggestion) span.provenance = suggestedProvenance(edit.suggestion, scope.annotator, scope.now);
  // The stored fields of a span put back (redo, undo of a deletion) come with it, in the same write.
  const restore: SpanPatch = {};
  if (edit.note !== undefined) restore.note = edit.note;
  if (edit.speakerId !== undefined) restore.speakerId = edit.speakerId;
  if (edit.stance !== undefined) restore.stance = edit.stance;
  if (edit.fragments !== undefined) restore.fragments = edit.fragments;
  if (Object.keys(restore).length > 0) patchSpan(scope, span, restore, 'createSpan');
  return span;
}

/**
 * Applies one edit to the layer being edited; throws an ApiError (and the caller's mutate then
 * writes nothing) when the edit is refused. The one implementation of every span edit.
 * `built`: a createSpan edit's span from buildSpan, when it was built beforehand.
 */
export function applyEdit(scope: EditScope, editor: LayerEditor, edit: DocumentEdit, built?: Span, changedLater?: ReadonlySet<string>): EditResult {
  const data = editor.data;
  const { docId } = scope;
  switch (edit.op) {
    case 'createSpan': {
      if (edit.id && editor.span(edit.id)) throw new ApiError('conflict', `A span with id ${edit.id} already exists`);
      const span = built ?? buildSpan(scope, edit);
      editor.addSpan(span);
      LayerStore.touch(data);
      return { op: 'createSpan', span: changedLater && !changedLater.has(span.id) ? span : snapshot(span) };
    }
    case 'deleteSpan': {
      const span = editor.span(edit.spanId);
      if (!span) throw new ApiError('not-found', `No span ${edit.spanId} in ${docId}`);
      // Relations never dangle: those touching the span go with it (and come back on undo).
      const relations = editor.removeSpan(span);
      LayerStore.touch(data);
      return { op: 'deleteSpan', deleted: span, relations };
    }
    case 'updateSpan': {
      const span = editor.span(edit.spanId);
      if (!span) throw new ApiError('not-found', `No span ${edit.spanId} in ${docId}`);
      patchSpan(scope, span, edit.patch, 'updateSpan');
      span.modified = scope.now;
      LayerStore.touch(data);
      return { op: 'updateSpan', span: changedLater && !changedLater.has(span.id) ? span : snapshot(span) };
    }
    case 'addRelation': {
      const { id, head, child, label } = edit;
      if (head === child) throw new ApiError('invalid-args', 'A span cannot be linked to itself');
      for (const sid of [head, child]) if (!editor.span(sid)) throw new ApiError('not-found', `No span ${sid} in ${docId}`);
      if (id && editor.relation(id)) throw new ApiError('conflict', `A relation with id ${id} already exists`);
      if (editor.hasLink({ head, child, label })) throw new ApiError('conflict', 'These spans are already linked');
      const relation: Relation = { id: id ?? newSpanId().replace(/^s_/, 'r_'), head, child, label };
      editor.addRelation(relation);
      LayerStore.touch(data);
      return { op: 'addRelation', relation: { ...relation } };
    }
    case 'deleteRelation': {
      const relation = editor.relation(edit.relationId);
      if (!relation) throw new ApiError('not-found', `No relation ${edit.relationId} in ${docId}`);
      editor.removeRelation(relation);
      LayerStore.touch(data);
      return { op: 'deleteRelation', deleted: relation };
    }
    case 'setStatus':
      data.status = edit.status;
      return { op: 'setStatus' };
    case 'rejectSuggestion': {
      const quote = suggestionQuote(scope, 'rejectSuggestion', edit.suggestionId, edit.start, edit.end);
      const list = (data.rejectedSuggestions ??= []);
      const same = list.find((r) => r.start === edit.start && r.end === edit.end && r.quote === quote);
      if (same) return { op: 'rejectSuggestion', rejected: same };
      const rejected: RejectedSuggestion = { id: edit.suggestionId, start: edit.start, end: edit.end, quote, by: scope.annotator, at: scope.now };
      list.push(rejected);
      LayerStore.touch(data);
      return { op: 'rejectSuggestion', rejected };
    }
    case 'unrejectSuggestion': {
      const quote = suggestionQuote(scope, 'unrejectSuggestion', edit.suggestionId, edit.start, edit.end);
      const list = data.rejectedSuggestions ?? [];
      const at = list.findIndex((r) => r.start === edit.start && r.end === edit.end && r.quote === quote);
      if (at < 0) return { op: 'unrejectSuggestion', removed: null };
      const [removed] = list.splice(at, 1);
      LayerStore.touch(data);
      return { op: 'unrejectSuggestion', removed: removed! };
    }
  }
}

/**
 * Each edit of an editDocument call checked against the API's schema, in slices with a turn of
 * the event loop between them; the first bad one refuses the call as dispatch would.
 */
async function checkEdits(edits: readonly unknown[]): Promise<DocumentEdit[]> {
  const pause = cooperative();
  const out: DocumentEdit[] = [];
  for (const [i, edit] of edits.entries()) {
    const parsed = documentEditSchema.safeParse(edit);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = ['edits', i, ...(issue?.path ?? [])].map(String).join('.');
      throw new ApiError('invalid-args', `editDocument: ${where}: ${issue?.message ?? 'invalid edit'}`);
    }
    out.push(parsed.data);
    await pause();
  }
  return out;
}

/** The answer of one edit of kind O. */
type ResultOf<O extends DocumentEdit['op']> = Extract<EditResult, { op: O }>;

/** Handlers for every edit of one document, single or batched. */
export function spanHandlers(ctx: HandlerContext): SpanHandlers {
  /**
   * Runs `edits` on the document's layer in one mutate: one durable write, or none when any edit
   * is refused (its message then says which edit, when there are several).
   */
  async function runEdits(docId: string, docSha256: string | undefined, edits: readonly DocumentEdit[]): Promise<{ results: EditResult[]; status: DocStatus }> {
    const { corpus, project } = ctx.need();
    const store = ctx.layer();
    const doc = await corpus.readText(docId);
    refuseStale(docId, doc.sha256, docSha256);
    const scope = new EditScope(docId, doc.text, project.data, store.annotator);
    const named = (i: number, error: unknown) =>
      error instanceof ApiError && edits.length > 1 ? new ApiError(error.code, `edit ${i + 1} of ${edits.length} (${edits[i]!.op}): ${error.message}`) : error;
    // New spans are built first, in slices with a turn of the event loop between them, so a
    // batch of thousands never holds up other calls (a save in another document) for long.
    const built = new Map<number, Span>();
    const pause = cooperative();
    for (const [i, edit] of edits.entries()) {
      if (edit.op === 'createSpan') {
        try {
          built.set(i, buildSpan(scope, edit));
        } catch (error) {
          throw named(i, error);
        }
      }
      await pause();
    }
    // Spans that a later edit of the call changes are answered as copies (the answer is per edit).
    const changedLater = new Set(edits.flatMap((e) => (e.op === 'updateSpan' ? [e.spanId] : [])));
    const { result, layer } = await store.mutate(docId, doc.sha256, (data) => {
      const editor = new LayerEditor(data);
      const results: EditResult[] = [];
      for (const [i, edit] of edits.entries()) {
        try {
          results.push(applyEdit(scope, editor, edit, built.get(i), changedLater));
        } catch (error) {
          throw named(i, error);
        }
      }
      editor.finish();
      return results;
    });
    return { results: result, status: layer.status };
  }

  /** One edit through the same path as a batch. */
  async function one<O extends DocumentEdit['op']>(docId: string, docSha256: string | undefined, edit: DocumentEdit & { op: O }): Promise<{ result: ResultOf<O>; status: DocStatus }> {
    const { results, status } = await runEdits(docId, docSha256, [edit]);
    return { result: results[0] as ResultOf<O>, status };
  }

  return {
    createSpan: async ({ docId, docSha256, ...fields }) => {
      const { result, status } = await one(docId, docSha256, { op: 'createSpan', ...fields });
      return { span: result.span, status };
    },
    deleteSpan: async ({ docId, spanId }) => {
      const { result, status } = await one(docId, undefined, { op: 'deleteSpan', spanId });
      return { deleted: result.deleted, relations: result.relations, status };
    },
    setStatus: async ({ docId, status: wanted }) => ({ status: (await one(docId, undefined, { op: 'setStatus', status: wanted })).status }),
    // New fragments are refused on a changed text; other fields do not depend on it.
    updateSpan: async ({ docId, spanId, patch, docSha256 }) => {
      const { result, status } = await one(docId, patch.fragments ? docSha256 : undefined, { op: 'updateSpan', spanId, patch });
      return { span: result.span, status };
    },
    addRelation: async ({ docId, ...fields }) => {
      const { result, status } = await one(docId, undefined, { op: 'addRelation', ...fields });
      return { relation: result.relation, status };
    },
    deleteRelation: async ({ docId, relationId }) => {
      const { result, status } = await one(docId, undefined, { op: 'deleteRelation', relationId });
      return { deleted: result.deleted, status };
    },
    rejectSuggestion: async ({ docId, ...fields }) => {
      const { result, status } = await one(docId, undefined, { op: 'rejectSuggestion', ...fields });
      return { rejected: result.rejected, status };
    },
    unrejectSuggestion: async ({ docId, ...fields }) => {
      const { result, status } = await one(docId, undefined, { op: 'unrejectSuggestion', ...fields });
      return { removed: result.removed, status };
    },
    editDocument: async ({ docId, docSha256, edits }) => runEdits(docId, docSha256, await checkEdits(edits)),
  };
}

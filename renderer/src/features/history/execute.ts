/**
 * Runs a Command through the API. Answers the command as executed (with what main filled in:
 * new ids, the merge result, the relations a deletion took along) so its inverse is exact, and
 * the effects the open views must apply.
 */
import type { DocumentEdit, DocumentReview, EditResult, OpenedDocument, QuotebenchApi } from '../../../../shared/api.js';
import type { DocStatus, Relation, Span } from '../../../../shared/model.js';
import type { ErrorCode, Result } from '../../../../shared/result.js';
import { restorePatch, type Command } from './commands.js';

/** What an executed command changed, for the views to apply without reloading. */
export type Effect =
  /** `select`: the span was (re)created and becomes the selected one; an update leaves the selection alone. */
  | { type: 'span-upserted'; docId: string; span: Span; status: DocStatus; select: boolean }
  | { type: 'span-removed'; docId: string; spanId: string; status: DocStatus }
  | { type: 'relation-added'; docId: string; relation: Relation; status: DocStatus }
  | { type: 'relation-removed'; docId: string; relationId: string; status: DocStatus }
  | { type: 'status-changed'; docId: string; status: DocStatus }
  /** The layer's rejected suggestions changed: fetch the document's suggestions again. */
  | { type: 'suggestions-changed'; docId: string; status: DocStatus }
  /** Speakers or targets changed: reload the registry. */
  | { type: 'registry-changed' }
  /** Spans in many documents changed (a merge rewired them): reload the open document. */
  | { type: 'documents-changed' }
  /** Review decisions changed (the adjudicated layer): fetch the review again. */
  | { type: 'review-changed' }
  /** One review item's decision changed; main answered the document's review afresh. `key`: the item. */
  | { type: 'review-replaced'; docId: string; key: string; review: DocumentReview }
  /** Main answered the whole document afresh (orphans placed, deleted or put back). */
  | { type: 'document-replaced'; docId: string; opened: OpenedDocument }
  /**
   * Many edits of one document saved together (editDocument), applied in one pass however many
   * spans they touch. `select`: the span to select afterwards (the last one created), if any.
   */
  | { type: 'layer-edited'; docId: string; changes: LayerChange[]; status: DocStatus; select: string | null };

/** One change of a `layer-edited` effect, in the order main applied them. */
export type LayerChange = { span: Span } | { removedSpan: string } | { relation: Relation } | { removedRelation: string };

/** The outcome of one execution. A failed batch still answers the part that ran, so it can be undone. */
export interface Execution {
  executed: Command | null;
  effects: Effect[];
  error: string | null;
  /** The error's code (`stale`: the article changed on disk since it was shown). */
  code?: ErrorCode;
}

type Step = Result<{ executed: Command; effects: Effect[] }>;

function fail(message: string): Step {
  return { ok: false, error: { code: 'invalid-args', message } };
}

async function run(api: QuotebenchApi, command: Command): Promise<Step> {
  switch (command.kind) {
    case 'create-span': {
      const { docId, span: draft } = command;
      // A span made from a suggestion says so in its provenance; main writes it (a redo too).
      const suggestion = draft.provenance?.suggested ? draft.provenance.sourceSpanId : undefined;
      const created = await api.createSpan({ docId, id: draft.id, start: draft.start, end: draft.end, label: draft.label, ...(suggestion ? { suggestion } : {}), ...(command.docSha256 ? { docSha256: command.docSha256 } : {}) });
      if (!created.ok) return created;
      let span = created.value.span;
      let status = created.value.status;
      const effects: Effect[] = [];
      const patch = restorePatch(span, draft);
      if (patch) {
        const updated = await api.updateSpan({ docId, spanId: span.id, patch });
        if (!updated.ok) return updated;
        span = updated.value.span;
        status = updated.value.status;
      }
      effects.push({ type: 'span-upserted', docId, span, status, select: true });
      for (const relation of command.relations) {
        const added = await api.addRelation({ docId, id: relation.id, head: relation.head, child: relation.child, label: relation.label as 'source' | 'cue' });
        if (!added.ok) return added;
        effects.push({ type: 'relation-added', docId, relation: added.value.relation, status: added.value.status });
      }
      return { ok: true, value: { executed: { ...command, span }, effects } };
    }
    case 'delete-span': {
      const result = await api.deleteSpan({ docId: command.docId, spanId: command.span.id as string });
      if (!result.ok) return result;
      const { deleted, relations, status } = result.value;
      return { ok: true, value: { executed: { ...command, span: deleted, relations }, effects: [{ type: 'span-removed', docId: command.docId, spanId: deleted.id, status }] } };
    }
    case 'update-span': {
      const result = await api.updateSpan({ docId: command.docId, spanId: command.spanId, patch: command.after, ...(command.docSha256 ? { docSha256: command.docSha256 } : {}) });
      if (!result.ok) return result;
      return { ok: true, value: { executed: command, effects: [{ type: 'span-upserted', docId: command.docId, span: result.value.span, status: result.value.status, select: false }] } };
    }
    case 'add-relation': {
      const { docId, relation } = command;
      const result = await api.addRelation({ docId, id: relation.id, head: relation.head, child: relation.child, label: relation.label as 'source' | 'cue' });
      if (!result.ok) return result;
      return {
        ok: true,
        value: { executed: { ...command, relation: result.value.relation }, effects: [{ type: 'relation-added', docId, relation: result.value.relation, status: result.value.status }] },
      };
    }
    case 'delete-relation': {
      const result = await api.deleteRelation({ docId: command.docId, relationId: command.relation.id });
      if (!result.ok) return result;
      return {
        ok: true,
        value: { executed: { ...command, relation: result.value.deleted }, effects: [{ type: 'relation-removed', docId: command.docId, relationId: command.relation.id, status: result.value.status }] },
      };
    }
    case 'set-status': {
      const result = await api.setStatus({ docId: command.docId, status: command.after });
      if (!result.ok) return result;
      return { ok: true, value: { executed: command, effects: [{ type: 'status-changed', docId: command.docId, status: result.value.status }] } };
    }
    case 'merge-speakers': {
      const result = await api.mergeSpeakers({ keepId: command.keepId, mergeId: command.mergeId });
      if (!result.ok) return result;
      return { ok: true, value: { executed: { ...command, result: result.value }, effects: [{ type: 'registry-changed' }, { type: 'documents-changed' }] } };
    }
    case 'unmerge-speakers': {
      const { before, rewired } = command.result;
      const result = await api.unmergeSpeakers({ keep: before.keep, merged: before.merged, rewired });
      if (!result.ok) return result;
      return { ok: true, value: { executed: command, effects: [{ type: 'registry-changed' }, { type: 'documents-changed' }] } };
    }
    case 'create-speaker': {
      const { speaker } = command;
      const result = await api.createSpeaker({
        id: speaker.id,
        name: speaker.name,
        kind: speaker.kind,
        aliases: speaker.aliases ?? [],
        affiliation: speaker.affiliation ?? '',
        role: speaker.role ?? '',
      });
      if (!result.ok) return result;
      return { ok: true, value: { executed: { ...command, speaker: result.value }, effects: [{ type: 'registry-changed' }] } };
    }
    case 'delete-speaker': {
      const result = await api.deleteSpeaker({ id: command.speaker.id });
      if (!result.ok) return result;
      return { ok: true, value: { executed: { ...command, speaker: result.value.deleted }, effects: [{ type: 'registry-changed' }] } };
    }
    case 'update-speaker': {
      const result = await api.updateSpeaker({ id: command.id, patch: command.after });
      if (!result.ok) return result;
      return { ok: true, value: { executed: command, effects: [{ type: 'registry-changed' }] } };
    }
    case 'create-target': {
      const result = await api.createTarget({ id: command.target.id, label: command.target.label });
      if (!result.ok) return result;
      return { ok: true, value: { executed: { ...command, target: result.value }, effects: [{ type: 'registry-changed' }] } };
    }
    case 'delete-target': {
      const result = await api.deleteTarget({ id: command.target.id });
      if (!result.ok) return result;
      return { ok: true, value: { executed: { ...command, target: result.value.deleted }, effects: [{ type: 'registry-changed' }] } };
    }
    case 'update-target': {
      const result = await api.updateTarget({ id: command.id, label: command.after });
      if (!result.ok) return result;
      return { ok: true, value: { executed: command, effects: [{ type: 'registry-changed' }] } };
    }
    case 'update-schema': {
      // The labels as they stood (their former names included) come back with the project.
      const result = await api.updateSchema({ labels: command.after.labels, stanceLabels: command.after.stanceLabels, renames: command.renames });
      if (!result.ok) return result;
      return { ok: true, value: { executed: command, effects: [{ type: 'registry-changed' }, { type: 'documents-changed' }] } };
    }
    case 'resolve-orphan': {
      const { docId, orphan, place } = command;
      const args = place ? { start: place[0], end: place[1], ...(command.docSha256 ? { docSha256: command.docSha256 } : {}) } : {};
      const result = await api.resolveOrphan({ docId, spanId: orphan.span.id, action: place ? 'place' : 'delete', ...args });
      if (!result.ok) return result;
      return { ok: true, value: { executed: command, effects: [{ type: 'document-replaced', docId, opened: result.value }] } };
    }
    case 'restore-orphan': {
      const result = await api.restoreOrphan({ docId: command.docId, orphan: command.orphan });
      if (!result.ok) return result;
      return { ok: true, value: { executed: command, effects: [{ type: 'document-replaced', docId: command.docId, opened: result.value }] } };
    }
    case 'reject-suggestion':
    case 'unreject-suggestion': {
      const { docId, suggestion } = command;
      const args = { docId, suggestionId: suggestion.suggestionId, start: suggestion.start, end: suggestion.end };
      const result = command.kind === 'reject-suggestion' ? await api.rejectSuggestion(args) : await api.unrejectSuggestion(args);
      if (!result.ok) return result;
      return { ok: true, value: { executed: command, effects: [{ type: 'suggestions-changed', docId, status: result.value.status }] } };
    }
    case 'accept-unanimous': {
      const result = await api.acceptUnanimous({ annotators: command.annotators, ...(command.docId ? { docId: command.docId } : {}) });
      if (!result.ok) return result;
      return { ok: true, value: { executed: { ...command, decided: result.value.decided }, effects: [{ type: 'review-changed' }] } };
    }
    case 'review-decisions': {
      // One write per document; documents are independent (each all or nothing).
      for (const { docId, keys } of command.decided) {
        const result = await api.decideReviewMany({ docId, annotators: command.annotators, keys, action: command.action });
        if (!result.ok) return result;
      }
      return { ok: true, value: { executed: command, effects: [{ type: 'review-changed' }] } };
    }
    case 'review-decision': {
      const { docId, annotators, key, after } = command;
      const action = after === null ? 'undo' : after.action === 'accepted' ? 'accept' : 'reject';
      const from = after?.action === 'accepted' && after.from ? { from: after.from } : {};
      const result = await api.decideReview({ docId, annotators, key, action, ...from });
      if (!result.ok) return result;
      return { ok: true, value: { executed: command, effects: [{ type: 'review-replaced', docId, key, review: result.value }] } };
    }
    case 'batch':
      return fail('a batch runs through execute()');
  }
}

/** The commands that edit one document's layer: a batch sends a run of them as one editDocument call. */
export type DocumentCommand = Extract<Command, { kind: 'create-span' | 'delete-span' | 'update-span' | 'add-relation' | 'delete-relation' | 'set-status' | 'reject-suggestion' | 'unreject-suggestion' }>;

const DOCUMENT_KINDS = new Set<Command['kind']>(['create-span', 'delete-span', 'update-span', 'add-relation', 'delete-relation', 'set-status', 'reject-suggestion', 'unreject-suggestion']);

/** True for a command that editDocument can carry. */
export function isDocumentCommand(command: Command): command is DocumentCommand {
  return DOCUMENT_KINDS.has(command.kind);
}

/** The editDocument edits of one command (a span put back brings its stored fields and its links). */
export function documentEdits(command: DocumentCommand): DocumentEdit[] {
  switch (command.kind) {
    case 'create-span': {
      const draft = command.span;
      const suggestion = draft.provenance?.suggested ? draft.provenance.sourceSpanId : undefined;
      const create: DocumentEdit = {
        op: 'createSpan',
        ...(draft.id ? { id: draft.id } : {}),
        start: draft.start,
        end: draft.end,
        label: draft.label,
        ...(suggestion ? { suggestion } : {}),
        ...(draft.attrs ? { attrs: draft.attrs } : {}),
        ...(draft.note ? { note: draft.note } : {}),
        ...(draft.speakerId ? { speakerId: draft.speakerId } : {}),
        ...(draft.stance ? { stance: draft.stance } : {}),
        ...(draft.fragments && draft.fragments.length > 1 ? { fragments: draft.fragments } : {}),
      };
      return [create, ...command.relations.map((r): DocumentEdit => ({ op: 'addRelation', id: r.id, head: r.head, child: r.child, label: r.label as 'source' | 'cue' }))];
    }
    case 'delete-span':
      return [{ op: 'deleteSpan', spanId: command.span.id }];
    case 'update-span':
      return [{ op: 'updateSpan', spanId: command.spanId, patch: command.after }];
    case 'add-relation': {
      const { relation } = command;
      return [{ op: 'addRelation', ...(relation.id ? { id: relation.id } : {}), head: relation.head, child: relation.child, label: relation.label as 'source' | 'cue' }];
    }
    case 'delete-relation':
      return [{ op: 'deleteRelation', relationId: command.relation.id }];
    case 'set-status':
      return [{ op: 'setStatus', status: command.after }];
    case 'reject-suggestion':
    case 'unreject-suggestion': {
      const { suggestion } = command;
      return [{ op: command.kind === 'reject-suggestion' ? 'rejectSuggestion' : 'unrejectSuggestion', suggestionId: suggestion.suggestionId, start: suggestion.start, end: suggestion.end }];
    }
  }
}

/** How many layer edits a command makes (the count a batch's progress shows). */
export function countEdits(command: Command): number {
  if (command.kind === 'batch') return command.commands.reduce((n, c) => n + countEdits(c), 0);
  return isDocumentCommand(command) ? documentEdits(command).length : 1;
}

/**
 * The parts of a batch as they are sent: each run of consecutive document commands of one
 * document (and one text, when they name it) becomes one group; anything else runs alone.
 */
export function groupParts(commands: readonly Command[]): (Command | DocumentCommand[])[] {
  const out: (Command | DocumentCommand[])[] = [];
  let group: DocumentCommand[] | null = null;
  let sha: string | undefined;
  for (const part of commands) {
    if (!isDocumentCommand(part)) {
      out.push(part);
      group = null;
      continue;
    }
    const partSha = 'docSha256' in part ? part.docSha256 : undefined;
    if (group && group[0]!.docId === part.docId && (partSha === undefined || sha === undefined || partSha === sha)) {
      group.push(part);
      sha ??= partSha;
      continue;
    }
    group = [part];
    sha = partSha;
    out.push(group);
  }
  return out;
}

/** A group of document commands as one editDocument call: one request, one durable write, all or nothing. */
async function runGroup(api: QuotebenchApi, group: readonly DocumentCommand[]): Promise<Step> {
  const docId = group[0]!.docId;
  const docSha256 = group.map((c) => ('docSha256' in c ? c.docSha256 : undefined)).find((s) => s !== undefined);
  const perCommand = group.map(documentEdits);
  const result = await api.editDocument({ docId, ...(docSha256 ? { docSha256 } : {}), edits: perCommand.flat() });
  if (!result.ok) return result;
  const { results, status } = result.value;
  const changes: LayerChange[] = [];
  let select: string | null = null;
  let suggestions = false;
  let at = 0;
  const executed: Command[] = group.map((command, i) => {
    const answers = results.slice(at, at + perCommand[i]!.length) as EditResult[];
    at += answers.length;
    for (const answer of answers) {
      switch (answer.op) {
        case 'createSpan':
          changes.push({ span: answer.span });
          select = answer.span.id;
          break;
        case 'updateSpan':
          changes.push({ span: answer.span });
          break;
        case 'deleteSpan':
          for (const r of answer.relations) changes.push({ removedRelation: r.id });
          changes.push({ removedSpan: answer.deleted.id });
          break;
        case 'addRelation':
          changes.push({ relation: answer.relation });
          break;
        case 'deleteRelation':
          changes.push({ removedRelation: answer.deleted.id });
          break;
        case 'rejectSuggestion':
        case 'unrejectSuggestion':
          suggestions = true;
          break;
        case 'setStatus':
          break;
      }
    }
    // The command as executed, with what main filled in, so its inverse is exact.
    const [first, ...rest] = answers;
    switch (command.kind) {
      case 'create-span':
        return { ...command, span: (first as Extract<EditResult, { op: 'createSpan' }>).span, relations: rest.map((r) => (r as Extract<EditResult, { op: 'addRelation' }>).relation) };
      case 'delete-span': {
        const { deleted, relations } = first as Extract<EditResult, { op: 'deleteSpan' }>;
        return { ...command, span: deleted, relations };
      }
      case 'add-relation':
        return { ...command, relation: (first as Extract<EditResult, { op: 'addRelation' }>).relation };
      case 'delete-relation':
        return { ...command, relation: (first as Extract<EditResult, { op: 'deleteRelation' }>).deleted };
      default:
        return command;
    }
  });
  const effects: Effect[] = [{ type: 'layer-edited', docId, changes, status, select }];
  if (suggestions) effects.push({ type: 'suggestions-changed', docId, status });
  return { ok: true, value: { executed: { kind: 'batch', title: '', commands: executed }, effects } };
}

/**
 * Executes `command`. A batch runs its parts in order, each run of edits of one document as one
 * editDocument call (one request and one write, all or nothing); when a part fails, the parts
 * that ran are answered as a smaller batch (so they can be undone) together with the error.
 */
export async function execute(api: QuotebenchApi, command: Command): Promise<Execution> {
  if (command.kind !== 'batch') {
    const step = await run(api, command);
    return step.ok ? { executed: step.value.executed, effects: step.value.effects, error: null } : { executed: null, effects: [], error: step.error.message, code: step.error.code };
  }
  const done: Command[] = [];
  const effects: Effect[] = [];
  for (const part of groupParts(command.commands)) {
    let inner: Execution;
    if (Array.isArray(part) && part.length > 1) {
      const step = await runGroup(api, part);
      inner = step.ok
        ? { executed: step.value.executed, effects: step.value.effects, error: null }
        : { executed: null, effects: [], error: step.error.message, code: step.error.code };
      if (inner.executed?.kind === 'batch') done.push(...inner.executed.commands);
    } else {
      // A lone command is one request already.
      inner = await execute(api, Array.isArray(part) ? part[0]! : part);
      if (inner.executed) done.push(inner.executed);
    }
    effects.push(...inner.effects);
    if (inner.error !== null) return { executed: done.length > 0 ? { ...command, commands: done } : null, effects, error: inner.error, ...(inner.code ? { code: inner.code } : {}) };
  }
  return { executed: { ...command, commands: done }, effects, error: null };
}

/**
 * What the open document can show before main answers a command: a new span is drawn at once
 * (the keypress paints its highlight in the same frame; the durable save of a long article's
 * layer takes longer than a frame). Main's answer then replaces it with the saved span, or
 * `rollbackEffects` takes it away again when the save failed. Only plain span creations in the
 * open, writable document are shown early. `quoteOf` gives the text between two code point offsets.
 */
export function provisionalEffects(command: Command, docId: string | null, opened: OpenedDocument | null, quoteOf: (start: number, end: number) => string): Effect[] {
  if (command.kind !== 'create-span' || command.docId !== docId || !opened || opened.readOnly) return [];
  const { span: draft } = command;
  if (!draft.id || (draft.fragments && draft.fragments.length > 1)) return [];
  const span: Span = {
    id: draft.id,
    docId: command.docId,
    start: draft.start,
    end: draft.end,
    label: draft.label,
    quote: quoteOf(draft.start, draft.end),
    prefix: '',
    suffix: '',
    attrs: {},
    note: '',
    author: opened.annotator,
    created: '',
    modified: '',
  };
  const status: DocStatus = opened.status === 'todo' ? 'in-progress' : opened.status;
  return [{ type: 'span-upserted', docId: command.docId, span, status, select: true }];
}

/** Takes back each span shown early that the execution did not save, restoring the status `before`. */
export function rollbackEffects(shown: readonly Effect[], outcome: Execution, before: DocStatus): Effect[] {
  const saved = new Set(outcome.effects.flatMap((e) => (e.type === 'span-upserted' ? [e.span.id] : [])));
  return shown.flatMap((e) => (e.type === 'span-upserted' && !saved.has(e.span.id) ? [{ type: 'span-removed' as const, docId: e.docId, spanId: e.span.id, status: before }] : []));
}

/**
 * Runs a Command through the API. Answers the command as executed (with what main filled in:
 * new ids, the merge result, the relations a deletion took along) so its inverse is exact, and
 * the effects the open views must apply.
 */
import type { OpenedDocument, QuotebenchApi } from '../../../../shared/api.js';
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
  /** Main answered the whole document afresh (orphans placed, deleted or put back). */
  | { type: 'document-replaced'; docId: string; opened: OpenedDocument };

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
    case 'batch':
      return fail('a batch runs through execute()');
  }
}

/**
 * Executes `command`. A batch runs its parts in order; when one fails, the parts that ran are
 * answered as a smaller batch (so they can be undone) together with the error.
 */
export async function execute(api: QuotebenchApi, command: Command): Promise<Execution> {
  if (command.kind !== 'batch') {
    const step = await run(api, command);
    return step.ok ? { executed: step.value.executed, effects: step.value.effects, error: null } : { executed: null, effects: [], error: step.error.message, code: step.error.code };
  }
  const done: Command[] = [];
  const effects: Effect[] = [];
  for (const part of command.commands) {
    const inner = await execute(api, part);
    if (inner.executed) done.push(inner.executed);
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

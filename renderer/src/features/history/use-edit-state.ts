/** Runs every edit as an undoable command and keeps the session's undo and redo stacks. */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { piecesOf, withFragment, withoutFragment } from '../../../../shared/fragments.js';
import type { Relation, Speaker, StanceValue } from '../../../../shared/model.js';
import { labelForRole } from '../../../../shared/schema.js';
import type { Suggestion } from '../../../../shared/suggest/suggest.js';
import { acceptCommand } from '../suggest/accept-commands.js';
import { useApi } from '../../api/api-context.js';
import { useSession } from '../corpus/session-context.js';
import { useDocumentList } from '../document-list/list-context.js';
import { useOpenDocument } from '../document-view/document-context.js';
import { selectSelectedSpan, toggledStatus } from '../document-view/document-reducer.js';
import { useNotices } from '../notices/notices-context.js';
import { useRegistry } from '../registry/registry-context.js';
import { useReview } from '../review/review-context.js';
import { afterNextPaint } from '../../ui/after-paint.js';
import type { ReviewItem } from '../../../../shared/review.js';
import { commandDocId, describe, invert, patchBefore, type Command, type ReviewChoice, type SchemaFields, type SpanPatch, type SpeakerFields } from './commands.js';
import type { EditApi, SpanPreview } from './edit-context.js';
import { countEdits, execute, provisionalEffects, rollbackEffects } from './execute.js';
import { historyReducer, initialHistory, nextRedo, nextUndo } from './history-reducer.js';

/** The decision state of a review item, as a review-decision command records it. */
export function choiceOf(decision: ReviewItem['decision']): ReviewChoice {
  if (!decision) return null;
  return decision.action === 'rejected' ? { action: 'rejected' } : { action: 'accepted', ...(decision.from ? { from: decision.from } : {}) };
}

/** A fresh registry or span id (the API accepts caller-chosen ids so a batch can refer to them). */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return prefix + Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

/** A save that has run this long says what it is doing, with a count. */
export const PROGRESS_AFTER_MS = 500;

/** What the save status says while a batch runs longer than PROGRESS_AFTER_MS; null for other commands. */
export function progressText(command: Command, direction: 'do' | 'undo' | 'redo'): string | null {
  if (command.kind !== 'batch') return null;
  const what = describe(command);
  const accept = /^accept ([\d,]+) suggestions$/.exec(what);
  if (accept && direction === 'do') return `Accepting ${accept[1]} suggestions…`;
  const edits = `${countEdits(command).toLocaleString('en')} edits`;
  return `${direction === 'undo' ? 'Undoing' : direction === 'redo' ? 'Redoing' : 'Saving'} “${what}” (${edits})…`;
}

/** Owns the history slice; every edit goes through `perform`. */
export function useEditState(): EditApi {
  const api = useApi();
  const { notify } = useNotices();
  const { state: session, labels } = useSession();
  const list = useDocumentList();
  const doc = useOpenDocument();
  const registry = useRegistry();
  const [history, dispatch] = useReducer(historyReducer, initialHistory);
  const historyRef = useRef(history);
  historyRef.current = history;
  const docRef = useRef(doc.state);
  docRef.current = doc.state;
  const registryRef = useRef(registry);
  registryRef.current = registry;
  const review = useReview();
  const reviewRef = useRef(review);
  reviewRef.current = review;
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  const annotatorRef = useRef(session.session?.annotator ?? '');
  annotatorRef.current = session.session?.annotator ?? '';

  const { applyEffects, saveStarted, saveProgress, saveFinished, retry } = doc;
  const { refresh } = registry;
  const openDoc = list.open;

  // Undo never crosses corpora or annotators.
  const scope = `${session.session?.corpus?.path ?? ''}\u0000${session.session?.annotator ?? ''}`;
  useEffect(() => {
    dispatch({ type: 'history-cleared' });
  }, [scope]);

  const { offsets } = doc;
  const run = useCallback(
    async (command: Command, preview?: SpanPreview, direction: 'do' | 'undo' | 'redo' = 'do') => {
      const state = docRef.current;
      // A long batch says what it is doing; a short edit never flickers a message.
      const progress = progressText(command, direction);
      let progressShown = false;
      const progressTimer =
        progress === null
          ? null
          : setTimeout(() => {
              progressShown = true;
              saveProgress(progress);
            }, PROGRESS_AFTER_MS);
      const shown = offsets ? provisionalEffects(command, state.docId, state.opened, (a, b) => state.opened!.doc.text.slice(offsets.toUtf16(a), offsets.toUtf16(b))) : [];
      const showNow = () => {
        saveStarted();
        if (shown.length > 0) applyEffects(shown);
      };
      // A previewed new span is painted by the view now; React draws it right after that frame.
      const previewId = preview && command.kind === 'create-span' && shown.length > 0 && command.span.id && preview.show(command.span.id) ? command.span.id : null;
      try {
        if (previewId === null) showNow();
        // The save starts at once either way; only the views' update waits for the frame.
        const saving = execute(api, command);
        if (previewId !== null) {
          saving.catch(() => undefined);
          await afterNextPaint(showNow);
        }
        const outcome = await saving;
        applyEffects([...rollbackEffects(shown, outcome, state.opened?.status ?? 'todo'), ...outcome.effects]);
        if (outcome.effects.some((e) => e.type === 'registry-changed')) refresh();
        if (outcome.effects.some((e) => e.type === 'review-changed')) reviewRef.current.reload();
        // An undone or redone decision selects its item, so the analyst sees what changed.
        for (const e of outcome.effects) if (e.type === 'review-replaced') reviewRef.current.show(e.docId, e.review, direction === 'do' ? null : e.key);
        saveFinished(outcome.error);
        // The article changed on disk under the text shown: show it as it is now (re-anchored).
        if (outcome.code === 'stale') retry();
        return outcome;
      } finally {
        if (previewId !== null) preview?.drop(previewId);
        if (progressTimer !== null) clearTimeout(progressTimer);
        if (progressShown) saveProgress(null);
      }
    },
    [api, applyEffects, saveStarted, saveProgress, saveFinished, refresh, retry, offsets],
  );

  /** Runs an edit and records it for undo; answers the execution (null when refused before it ran). */
  const performOutcome = useCallback(
    async (command: Command, preview?: SpanPreview) => {
      const opened = docRef.current.opened;
      // Review decisions go to the adjudicated layer, never to the layer on screen.
      if (opened?.readOnly && command.kind !== 'review-decision' && commandDocId(command) === docRef.current.docId) {
        notify(`This is ${opened.annotator}’s layer, shown read-only. Switch the layer back to yours to edit.`, 'info');
        return null;
      }
      const outcome = await run(command, preview);
      // A bulk review accept that found nothing to accept leaves nothing to undo.
      const empty = outcome.executed?.kind === 'accept-unanimous' && outcome.executed.decided?.length === 0;
      if (outcome.executed && !empty) dispatch({ type: 'edit-recorded', command: outcome.executed });
      if (outcome.error !== null) notify(`Not saved (${describe(command)}): ${outcome.error}`);
      return outcome;
    },
    [run, notify],
  );

  const perform = useCallback(async (command: Command, preview?: SpanPreview) => (await performOutcome(command, preview))?.error === null, [performOutcome]);

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      const current = historyRef.current;
      if (current.busy) return;
      const entry = direction === 'undo' ? nextUndo(current) : nextRedo(current);
      if (!entry) {
        notify(direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.', 'info');
        return;
      }
      dispatch({ type: 'step-started' });
      const outcome = await run(direction === 'undo' ? invert(entry) : entry, undefined, direction);
      if (outcome.error !== null || !outcome.executed) {
        dispatch({ type: 'step-failed' });
        notify(`Cannot ${direction} "${describe(entry)}": ${outcome.error ?? 'nothing ran'}`);
        return;
      }
      dispatch(direction === 'undo' ? { type: 'undone', redo: invert(outcome.executed) } : { type: 'redone', undo: outcome.executed });
      // An edit made in another document is undone there, and that document is shown.
      const target = commandDocId(entry);
      if (target !== null && target !== docRef.current.docId) {
        openDoc(target);
        notify(`${direction === 'undo' ? 'Undid' : 'Redid'} "${describe(entry)}" in ${target}.`, 'info');
      }
    },
    [run, notify, openDoc],
  );

  const spanById = (spanId: string) => docRef.current.opened?.spans.find((s) => s.id === spanId) ?? null;
  const openId = () => docRef.current.docId;

  const updateCommand = (spanId: string, patch: SpanPatch): Command | null => {
    const span = spanById(spanId);
    const docId = openId();
    if (!span || !docId) return null;
    const docSha256 = patch.fragments !== undefined ? docRef.current.opened?.doc.sha256 : undefined;
    return { kind: 'update-span', docId, spanId, before: patchBefore(span, patch), after: patch, ...(docSha256 ? { docSha256 } : {}) };
  };

  const updateSpan = useCallback(
    async (spanId: string, patch: SpanPatch) => {
      const command = updateCommand(spanId, patch);
      return command ? perform(command) : false;
    },
    [perform],
  );

  const api2 = useMemo(() => {
    const offsets = () => doc.offsets;
    return {
      async createSpan(start16: number, end16: number, label: string, preview?: SpanPreview) {
        const map = offsets();
        const docId = openId();
        if (!map || !docId) return false;
        const docSha256 = docRef.current.opened?.doc.sha256;
        return perform({ kind: 'create-span', docId, span: { id: newId('s'), start: map.toCodePoint(start16), end: map.toCodePoint(end16), label }, relations: [], ...(docSha256 ? { docSha256 } : {}) }, preview);
      },
      async placeOrphan(spanId: string, start16: number, end16: number) {
        const map = offsets();
        const opened = docRef.current.opened;
        const orphan = opened?.orphans?.find((o) => o.span.id === spanId);
        const docId = openId();
        if (!map || !opened || !orphan || !docId) return false;
        return perform({ kind: 'resolve-orphan', docId, orphan, place: [map.toCodePoint(start16), map.toCodePoint(end16)], docSha256: opened.doc.sha256 });
      },
      async deleteOrphan(spanId: string) {
        const orphan = docRef.current.opened?.orphans?.find((o) => o.span.id === spanId);
        const docId = openId();
        return orphan && docId ? perform({ kind: 'resolve-orphan', docId, orphan, place: null }) : false;
      },
      deleteSelected() {
        const span = selectSelectedSpan(docRef.current);
        const docId = openId();
        const docSha256 = docRef.current.opened?.doc.sha256;
        if (span && docId) void perform({ kind: 'delete-span', docId, span, relations: [], ...(docSha256 ? { docSha256 } : {}) });
      },
      toggleDone() {
        const state = docRef.current;
        const next = toggledStatus(state);
        if (next && state.docId && state.opened) void perform({ kind: 'set-status', docId: state.docId, before: state.opened.status, after: next });
      },
      updateSpan,
      setSpeaker: (spanId: string, speakerId: string | null) => updateSpan(spanId, { speakerId }),
      async createSpeakerFor(spanId: string, fields: SpeakerFields) {
        const id = newId('sp');
        const link = updateCommand(spanId, { speakerId: id });
        if (!link) return false;
        return perform({ kind: 'batch', title: `new speaker ${fields.name}`, commands: [{ kind: 'create-speaker', speaker: { id, ...fields } }, link] });
      },
      setStance: (spanId: string, targetId: string | null, value: StanceValue | null) =>
        updateSpan(spanId, { stance: targetId && value ? { targetId, value } : null }),
      async createTargetFor(spanId: string, label: string, value: StanceValue) {
        const id = newId('t');
        const stance = updateCommand(spanId, { stance: { targetId: id, value } });
        if (!stance) return false;
        return perform({ kind: 'batch', title: `new target ${label}`, commands: [{ kind: 'create-target', target: { id, label } }, stance] });
      },
      async link(headId: string, childId: string, label: 'source' | 'cue') {
        const docId = openId();
        const head = spanById(headId);
        const child = spanById(childId);
        if (!docId || !head || !child) return false;
        const commands: Command[] = [{ kind: 'add-relation', docId, relation: { id: newId('r'), head: headId, child: childId, label } }];
        // The source mention names the speaker: whichever side knows it tells the other.
        if (label === 'source' && child.speakerId && !head.speakerId) commands.push(updateCommand(headId, { speakerId: child.speakerId })!);
        if (label === 'source' && head.speakerId && !child.speakerId) commands.push(updateCommand(childId, { speakerId: head.speakerId })!);
        return perform(commands.length === 1 ? commands[0]! : { kind: 'batch', title: `link ${label}`, commands });
      },
      async unlink(relation: Relation) {
        const docId = openId();
        return docId ? perform({ kind: 'delete-relation', docId, relation }) : false;
      },
      async addFragment(spanId: string, start16: number, end16: number) {
        const map = offsets();
        const span = spanById(spanId);
        if (!map || !span) return false;
        const pieces = withFragment(piecesOf(span), [map.toCodePoint(start16), map.toCodePoint(end16)]);
        return updateSpan(spanId, { fragments: pieces });
      },
      async removeFragment(spanId: string, index: number) {
        const span = spanById(spanId);
        const pieces = span ? withoutFragment(piecesOf(span), index) : null;
        return pieces ? updateSpan(spanId, { fragments: pieces }) : false;
      },
      mergeSpeakers: (keepId: string, mergeId: string) => perform({ kind: 'merge-speakers', keepId, mergeId, result: null }),
      updateSpeaker(speaker: Speaker, patch: Partial<SpeakerFields>) {
        const before = Object.fromEntries(Object.keys(patch).map((k) => [k, speaker[k as keyof SpeakerFields]])) as Partial<SpeakerFields>;
        return perform({ kind: 'update-speaker', id: speaker.id, before, after: patch });
      },
      deleteSpeaker: (speaker: Speaker) => perform({ kind: 'delete-speaker', speaker }),
      createTarget: (label: string) => perform({ kind: 'create-target', target: { id: newId('t'), label } }),
      async renameTarget(id: string, label: string) {
        const target = registryRef.current.targets.find((t) => t.id === id);
        return target ? perform({ kind: 'update-target', id, before: target.label, after: label }) : false;
      },
      async deleteTarget(id: string) {
        const target = registryRef.current.targets.find((t) => t.id === id);
        return target ? perform({ kind: 'delete-target', target }) : false;
      },
      updateSchema: (before: SchemaFields, after: SchemaFields, renames: { from: string; to: string }[]) => perform({ kind: 'update-schema', before, after, renames }),
      async acceptSuggestions(suggestions: readonly Suggestion[]) {
        const state = docRef.current;
        if (!state.docId || !state.opened) return false;
        const labels = labelsRef.current;
        const command = acceptCommand(suggestions, {
          docId: state.docId,
          spans: state.opened.spans,
          registry: registryRef.current.speakers,
          labels: { QUOTE: labelForRole(labels, 'QUOTE'), SOURCE: labelForRole(labels, 'SOURCE'), CUE: labelForRole(labels, 'CUE') },
          annotator: annotatorRef.current,
          now: new Date().toISOString(),
          newId,
        });
        return command ? perform(command) : false;
      },
      async acceptUnanimous(scope: 'document' | 'corpus') {
        const { colleagues } = reviewRef.current;
        const docId = openId();
        if (colleagues.length === 0 || (scope === 'document' && !docId)) return false;
        const outcome = await performOutcome({ kind: 'accept-unanimous', annotators: colleagues, docId: scope === 'document' ? docId : null, decided: null });
        const executed = outcome?.executed;
        if (outcome?.error !== null || executed?.kind !== 'accept-unanimous') return false;
        const decided = executed.decided ?? [];
        const n = decided.reduce((sum, d) => sum + d.keys.length, 0);
        notify(`Accepted ${n} unanimous span${n === 1 ? '' : 's'} in ${decided.length} document${decided.length === 1 ? '' : 's'}.`, 'info');
        return true;
      },
      async decideReview(item: ReviewItem, action: 'accept' | 'reject' | 'undo', from?: string) {
        const { colleagues } = reviewRef.current;
        const docId = openId();
        if (!docId || colleagues.length === 0) return null;
        const before = choiceOf(item.decision);
        const after: ReviewChoice = action === 'undo' ? null : action === 'reject' ? { action: 'rejected' } : { action: 'accepted', ...(from ? { from } : {}) };
        // Undoing a decision that is not there changes nothing, so leaves nothing to undo.
        if (before === null && after === null) return null;
        const outcome = await performOutcome({ kind: 'review-decision', docId, annotators: colleagues, key: item.key, before, after });
        const replaced = outcome?.effects.find((e) => e.type === 'review-replaced');
        return outcome?.error === null && replaced?.type === 'review-replaced' ? replaced.review : null;
      },
      async rejectSuggestion(suggestion: Suggestion) {
        const docId = openId();
        if (!docId) return false;
        return perform({ kind: 'reject-suggestion', docId, suggestion: { suggestionId: suggestion.id, start: suggestion.quote.start, end: suggestion.quote.end } });
      },
    };
  }, [perform, performOutcome, notify, updateSpan, doc.offsets]);

  const undo = useCallback(() => void step('undo'), [step]);
  const redo = useCallback(() => void step('redo'), [step]);
  const canUndo = history.undo.length > 0;
  const canRedo = history.redo.length > 0;
  return useMemo(() => ({ ...api2, undo, redo, canUndo, canRedo }), [api2, undo, redo, canUndo, canRedo]);
}

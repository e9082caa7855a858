/** Every call about the open document: getDocument, createSpan, deleteSpan, setStatus. */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { createOffsetMap } from '../../../../shared/offsets.js';
import { useApi } from '../../api/api-context.js';
import { useSession } from '../corpus/session-context.js';
import { useDocumentList } from '../document-list/list-context.js';
import { useNotices } from '../notices/notices-context.js';
import type { DocumentApi } from './document-context.js';
import type { Span } from '../../../../shared/model.js';
import { documentReducer, initialDocument, selectSelectedSpan, toggledStatus } from './document-reducer.js';
import { historyReducer, initialHistory, inverseKind, type EditCommand } from './edit-history-reducer.js';
import { initialSave, saveLabel, saveReducer } from './save-status-reducer.js';

/** Owns the open document and save status slices and runs their effects. */
export function useDocumentState(): DocumentApi {
  const api = useApi();
  const { notify } = useNotices();
  const { state: session } = useSession();
  const list = useDocumentList();
  const [state, dispatch] = useReducer(documentReducer, initialDocument);
  const [saveState, dispatchSave] = useReducer(saveReducer, initialSave);
  const [history, dispatchHistory] = useReducer(historyReducer, initialHistory);
  const historyRef = useRef(history);
  historyRef.current = history;
  const replaying = useRef(false);
  const [reloads, setReloads] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const docId = list.state.openDocId;
  const annotator = session.session?.annotator ?? null;
  const { documentChanged } = list;

  useEffect(() => {
    if (docId === null || annotator === null) {
      dispatch({ type: 'document-closed' });
      return;
    }
    let live = true;
    dispatch({ type: 'document-requested', docId });
    void api.getDocument({ docId }).then((result) => {
      if (!live) return;
      if (result.ok) dispatch({ type: 'document-received', docId, opened: result.value });
      else {
        dispatch({ type: 'document-failed', docId, message: result.error.message });
        notify(`Cannot open ${docId}: ${result.error.message}`);
      }
    });
    return () => {
      live = false;
    };
  }, [api, docId, annotator, reloads, notify]);

  useEffect(() => {
    dispatchSave({ type: 'save-reset' });
  }, [session.session?.corpus?.path]);

  useEffect(() => {
    dispatchHistory({ type: 'history-reset', docId: state.docId });
  }, [state.docId, annotator]);

  // The list row mirrors the open document, so edits show in the list without reloading it.
  const opened = state.phase === 'ready' ? state.opened : null;
  const spanCount = opened?.spans.length;
  const status = opened?.status;
  useEffect(() => {
    if (state.docId !== null && spanCount !== undefined && status !== undefined) documentChanged(state.docId, { spanCount, status });
  }, [state.docId, spanCount, status, documentChanged]);

  const doc = state.opened?.doc ?? null;
  const offsets = useMemo(() => (doc ? createOffsetMap(doc.text) : null), [doc]);

  const createSpan = useCallback(
    async (start16: number, end16: number, label: string) => {
      const current = stateRef.current;
      if (!current.opened || !current.docId || !offsets) return false;
      const target = current.docId;
      dispatchSave({ type: 'save-started' });
      const result = await api.createSpan({ docId: target, start: offsets.toCodePoint(start16), end: offsets.toCodePoint(end16), label });
      if (result.ok) {
        dispatchSave({ type: 'save-succeeded' });
        dispatch({ type: 'span-added', docId: target, span: result.value.span, status: result.value.status });
        dispatchHistory({ type: 'edit-recorded', docId: target, command: { kind: 'create', span: result.value.span } });
        return true;
      }
      dispatchSave({ type: 'save-failed', message: result.error.message });
      notify(`Span not created: ${result.error.message}`);
      return false;
    },
    [api, offsets, notify],
  );

  const deleteSelected = useCallback(() => {
    const current = stateRef.current;
    const span = selectSelectedSpan(current);
    if (!span || !current.docId) return;
    const target = current.docId;
    dispatchSave({ type: 'save-started' });
    void api.deleteSpan({ docId: target, spanId: span.id }).then((result) => {
      if (result.ok) {
        dispatchSave({ type: 'save-succeeded' });
        dispatch({ type: 'span-removed', docId: target, spanId: result.value.deleted.id, status: result.value.status });
        dispatchHistory({ type: 'edit-recorded', docId: target, command: { kind: 'delete', span: result.value.deleted } });
      } else {
        dispatchSave({ type: 'save-failed', message: result.error.message });
        notify(`Span not deleted: ${result.error.message}`);
      }
    });
  }, [api, notify]);

  /** Creates or deletes `span` again (undo/redo); resolves to the span as main answered, or null. */
  const replay = useCallback(
    async (target: string, kind: EditCommand['kind'], span: Span): Promise<Span | null> => {
      dispatchSave({ type: 'save-started' });
      if (kind === 'create') {
        const result = await api.createSpan({ docId: target, id: span.id, start: span.start, end: span.end, label: span.label });
        if (!result.ok) {
          dispatchSave({ type: 'save-failed', message: result.error.message });
          notify(`Cannot restore the ${span.label} span: ${result.error.message}`);
          return null;
        }
        dispatchSave({ type: 'save-succeeded' });
        dispatch({ type: 'span-added', docId: target, span: result.value.span, status: result.value.status });
        return result.value.span;
      }
      const result = await api.deleteSpan({ docId: target, spanId: span.id });
      if (!result.ok) {
        dispatchSave({ type: 'save-failed', message: result.error.message });
        notify(`Cannot remove the ${span.label} span: ${result.error.message}`);
        return null;
      }
      dispatchSave({ type: 'save-succeeded' });
      dispatch({ type: 'span-removed', docId: target, spanId: span.id, status: result.value.status });
      return result.value.deleted;
    },
    [api, notify],
  );

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      const current = historyRef.current;
      const target = current.docId;
      const stack = direction === 'undo' ? current.undo : current.redo;
      const command = stack[stack.length - 1];
      if (!target || replaying.current) return;
      if (!command) {
        notify(direction === 'undo' ? 'Nothing to undo in this document.' : 'Nothing to redo in this document.', 'info');
        return;
      }
      replaying.current = true;
      try {
        const kind = direction === 'undo' ? inverseKind(command) : command.kind;
        const span = await replay(target, kind, command.span);
        if (span) dispatchHistory({ type: direction === 'undo' ? 'edit-undone' : 'edit-redone', docId: target, spanId: command.span.id, span });
      } finally {
        replaying.current = false;
      }
    },
    [replay, notify],
  );
  const undo = useCallback(() => void step('undo'), [step]);
  const redo = useCallback(() => void step('redo'), [step]);

  const toggleDone = useCallback(() => {
    const current = stateRef.current;
    const next = toggledStatus(current);
    if (!next || !current.docId) return;
    const target = current.docId;
    dispatchSave({ type: 'save-started' });
    void api.setStatus({ docId: target, status: next }).then((result) => {
      if (result.ok) {
        dispatchSave({ type: 'save-succeeded' });
        dispatch({ type: 'status-changed', docId: target, status: result.value.status });
      } else {
        dispatchSave({ type: 'save-failed', message: result.error.message });
        notify(`Status not changed: ${result.error.message}`);
      }
    });
  }, [api, notify]);

  const selectSpan = useCallback((spanId: string | null) => dispatch({ type: 'span-selected', spanId }), []);
  const retry = useCallback(() => setReloads((n) => n + 1), []);
  const save = useMemo(() => saveLabel(saveState), [saveState]);

  return useMemo(
    () => ({ state, save, offsets, createSpan, deleteSelected, selectSpan, toggleDone, undo, redo, retry }),
    [state, save, offsets, createSpan, deleteSelected, selectSpan, toggleDone, undo, redo, retry],
  );
}

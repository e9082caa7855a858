/** Loads the open document and applies the effects of edits to it (edits themselves run in features/history). */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { createOffsetMap } from '../../../../shared/offsets.js';
import { documentTitle } from '../../../../shared/text.js';
import { useApi } from '../../api/api-context.js';
import { useSession } from '../corpus/session-context.js';
import { useDocumentList } from '../document-list/list-context.js';
import type { Effect } from '../history/execute.js';
import { useNotices } from '../notices/notices-context.js';
import type { DocumentApi } from './document-context.js';
import { documentReducer, initialDocument, type RevealTarget } from './document-reducer.js';
import { initialSave, saveLabel, saveReducer } from './save-status-reducer.js';

/** Owns the open document and save status slices and runs their effects. */
export function useDocumentState(): DocumentApi {
  const api = useApi();
  const { notify } = useNotices();
  const { state: session } = useSession();
  const list = useDocumentList();
  const [state, dispatch] = useReducer(documentReducer, initialDocument);
  const [saveState, dispatchSave] = useReducer(saveReducer, initialSave);
  const [reloads, setReloads] = useState(0);
  const [suggestionsVersion, setSuggestionsVersion] = useState(0);
  /** Whose layer is shown: null for your own; another name shows that layer read-only. */
  const [viewLayer, setViewLayer] = useState<string | null>(null);
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
    // A reload of the same document keeps what is shown until the new answer arrives.
    if (stateRef.current.docId !== docId || stateRef.current.phase !== 'ready') dispatch({ type: 'document-requested', docId });
    void api.getDocument({ docId, ...(viewLayer && viewLayer !== annotator ? { layer: viewLayer } : {}) }).then((result) => {
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
  }, [api, docId, annotator, reloads, notify, viewLayer]);

  // The article may change on disk while the app is open: look again whenever the window comes
  // back (focus, or the tab shown again). Main compares the file's sha256 with the layer's and
  // re-anchors; the view is replaced only when the text changed.
  const viewLayerRef = useRef(viewLayer);
  viewLayerRef.current = viewLayer;
  useEffect(() => {
    const check = () => {
      const shown = stateRef.current;
      if (shown.phase !== 'ready' || !shown.opened || shown.docId === null || document.visibilityState === 'hidden') return;
      const { docId: id } = shown;
      const sha = shown.opened.doc.sha256;
      const other = viewLayerRef.current;
      void api.getDocument({ docId: id, ...(other && other !== annotator ? { layer: other } : {}) }).then((result) => {
        if (stateRef.current.docId !== id) return;
        if (!result.ok) notify(`Cannot read ${id} again: ${result.error.message}`);
        else if (result.value.doc.sha256 !== sha || result.value.reanchored) dispatch({ type: 'document-received', docId: id, opened: result.value });
      });
    };
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', check);
    return () => {
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
    };
  }, [api, annotator, notify]);

  // A new corpus or annotator starts on your own layer.
  useEffect(() => setViewLayer(null), [session.session?.corpus?.path, annotator]);

  useEffect(() => {
    dispatchSave({ type: 'save-reset' });
  }, [session.session?.corpus?.path]);

  // The list row mirrors the open document, so edits show in the list without reloading it.
  const opened = state.phase === 'ready' ? state.opened : null;
  const spanCount = opened?.spans.length;
  const status = opened?.status;
  useEffect(() => {
    if (state.docId !== null && spanCount !== undefined && status !== undefined) documentChanged(state.docId, { spanCount, status });
  }, [state.docId, spanCount, status, documentChanged]);

  const doc = state.opened?.doc ?? null;
  const offsets = useMemo(() => (doc ? createOffsetMap(doc.text) : null), [doc]);
  // The row also learns a text that changed on disk (its title, length and sha256).
  const textSha = doc?.sha256;
  useEffect(() => {
    if (!doc || !offsets || !textSha || doc.id !== state.docId) return;
    documentChanged(doc.id, { title: documentTitle(doc.text), length: offsets.lengthCp, sha256: textSha });
  }, [textSha, offsets, doc, state.docId, documentChanged]);

  const applyEffects = useCallback(
    (effects: readonly Effect[]) => {
      // A colleague's layer on screen is never changed by your edits (undo included).
      const readOnlyDoc = stateRef.current.opened?.readOnly ? stateRef.current.docId : null;
      for (const effect of effects) {
        if ('docId' in effect && effect.docId === readOnlyDoc) continue;
        switch (effect.type) {
          case 'span-upserted':
            dispatch({ type: 'span-added', docId: effect.docId, span: effect.span, status: effect.status, select: effect.select });
            break;
          case 'span-removed':
            dispatch({ type: 'span-removed', docId: effect.docId, spanId: effect.spanId, status: effect.status });
            break;
          case 'relation-added':
            dispatch({ type: 'relation-added', docId: effect.docId, relation: effect.relation, status: effect.status });
            break;
          case 'relation-removed':
            dispatch({ type: 'relation-removed', docId: effect.docId, relationId: effect.relationId, status: effect.status });
            break;
          case 'status-changed':
            dispatch({ type: 'status-changed', docId: effect.docId, status: effect.status });
            break;
          case 'layer-edited':
            dispatch({ type: 'layer-edited', docId: effect.docId, changes: effect.changes, status: effect.status, select: effect.select });
            break;
          case 'documents-changed':
            setReloads((n) => n + 1);
            break;
          case 'suggestions-changed':
            dispatch({ type: 'status-changed', docId: effect.docId, status: effect.status });
            if (effect.docId === stateRef.current.docId) setSuggestionsVersion((n) => n + 1);
            break;
          case 'registry-changed':
            break;
          case 'document-replaced':
            dispatch({ type: 'document-received', docId: effect.docId, opened: effect.opened });
            break;
        }
        // Rows of documents other than the open one learn their new status here.
        if ('status' in effect && effect.docId !== stateRef.current.docId) documentChanged(effect.docId, { status: effect.status });
      }
    },
    [documentChanged],
  );

  const saveStarted = useCallback(() => dispatchSave({ type: 'save-started' }), []);
  const saveProgress = useCallback((text: string | null) => dispatchSave({ type: 'save-progress', text }), []);
  const saveFinished = useCallback((error: string | null) => dispatchSave(error === null ? { type: 'save-succeeded' } : { type: 'save-failed', message: error }), []);
  const selectSpan = useCallback((spanId: string | null) => dispatch({ type: 'span-selected', spanId }), []);
  const retry = useCallback(() => setReloads((n) => n + 1), []);
  const reveal = useCallback((target: RevealTarget | null) => dispatch(target ? { type: 'reveal-requested', target } : { type: 'reveal-done' }), []);
  const save = useMemo(() => saveLabel(saveState), [saveState]);
  const showLayer = useCallback((layer: string | null) => setViewLayer(layer), []);

  return useMemo(
    () => ({ state, save, offsets, applyEffects, saveStarted, saveProgress, saveFinished, selectSpan, retry, reveal, viewLayer, showLayer, suggestionsVersion }),
    [state, save, offsets, applyEffects, saveStarted, saveProgress, saveFinished, selectSpan, retry, reveal, viewLayer, showLayer, suggestionsVersion],
  );
}

/** Loads the document list whenever the corpus or the annotator changes (both change every row). */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { DocumentChange } from './list-reducer.js';
import { useApi } from '../../api/api-context.js';
import { useSession } from '../corpus/session-context.js';
import { useNotices } from '../notices/notices-context.js';
import { initialList, listReducer, neighbourId } from './list-reducer.js';
import type { ListApi } from './list-context.js';

/** Owns the list slice and runs listDocuments. */
export function useListState(): ListApi {
  const api = useApi();
  const { notify } = useNotices();
  const { state: session } = useSession();
  const [state, dispatch] = useReducer(listReducer, initialList);
  const stateRef = useRef(state);
  stateRef.current = state;

  const corpus = session.session?.corpus ?? null;
  const annotator = session.session?.annotator ?? null;
  const key = corpus && annotator ? `${corpus.path}\u0000${annotator}` : null;
  const requestRef = useRef(0);

  /**
   * `provisional`: for a corpus just opened, main may answer at once from its index (marked
   * provisional); the list checked by size and mtime is asked for right after and replaces it.
   */
  const load = useCallback(
    async (provisional: boolean) => {
      const request = ++requestRef.current;
      dispatch({ type: 'list-requested' });
      let result = await api.listDocuments(provisional ? { provisional: true } : {});
      if (request !== requestRef.current) return;
      if (result.ok && result.value.provisional) {
        dispatch({ type: 'list-received', list: result.value });
        result = await api.listDocuments({});
        if (request !== requestRef.current) return;
      }
      if (result.ok) {
        dispatch({ type: 'list-received', list: result.value });
        // Damaged data files were moved aside by main: say which, once per listing.
        for (const warning of result.value.warnings) notify(warning);
      } else {
        dispatch({ type: 'list-failed', message: result.error.message });
        notify(`Cannot list the documents: ${result.error.message}`);
      }
    },
    [api, notify],
  );

  useEffect(() => {
    if (key === null) {
      requestRef.current += 1;
      dispatch({ type: 'list-cleared' });
      return;
    }
    void load(true);
  }, [key, load]);

  const moveCursor = useCallback((index: number) => dispatch({ type: 'cursor-moved', index }), []);
  const open = useCallback((docId: string) => dispatch({ type: 'document-opened', docId }), []);
  const openNeighbour = useCallback((delta: 1 | -1) => {
    const id = neighbourId(stateRef.current, delta);
    if (id === null) return false;
    dispatch({ type: 'document-opened', docId: id });
    return true;
  }, []);
  const documentChanged = useCallback(
    (docId: string, change: DocumentChange) => dispatch({ type: 'document-changed', docId, ...change }),
    [],
  );
  const reload = useCallback(() => void load(false), [load]);

  return useMemo(() => ({ state, moveCursor, open, openNeighbour, documentChanged, reload }), [state, moveCursor, open, openNeighbour, documentChanged, reload]);
}

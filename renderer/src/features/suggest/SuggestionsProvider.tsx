import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Suggestion } from '../../../../shared/suggest/suggest.js';
import { useApi } from '../../api/api-context.js';
import { useOpenDocument } from '../document-view/document-context.js';
import { useEdits } from '../history/edit-context.js';
import { useNotices } from '../notices/notices-context.js';
import { useReview } from '../review/review-context.js';
import { isOverlayOpen, isTextEntry } from '../shortcuts/key-target.js';
import { refocus, SuggestionsContext, type SuggestionsApi } from './suggest-context.js';

/**
 * Owns the suggestions of the open document. They are fetched from main (which leaves out what
 * the layer has and what was rejected) whenever the layer's spans change, so an accept, an undo
 * or a redo shows the right ghosts; so are they when its rejections change (X, and its undo). Keys: I shows / steps, Shift+I steps back, Enter accepts,
 * X rejects, Shift+Enter accepts all, Esc hides.
 */
export function SuggestionsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const doc = useOpenDocument();
  const { acceptSuggestions, rejectSuggestion } = useEdits();
  const review = useReview();
  const { notify } = useNotices();
  const [active, setActive] = useState(false);
  const [loading, setLoading] = useState(false);
  const [list, setList] = useState<readonly Suggestion[]>([]);
  const [index, setIndex] = useState(-1);
  const focusedRef = useRef<{ id: string | null; index: number }>({ id: null, index: -1 });

  const opened = doc.state.opened;
  const docId = doc.state.docId;
  const ready = doc.state.phase === 'ready' && opened !== null;
  const editable = ready && !opened!.readOnly && !(review.active && review.review !== null);
  const spans = opened?.spans;

  // A new document starts with suggestions hidden.
  useEffect(() => {
    setActive(false);
    setList([]);
    setIndex(-1);
  }, [docId]);

  useEffect(() => {
    if (!active || !editable || !docId) return;
    let stale = false;
    setLoading(true);
    void api.getSuggestions({ docId }).then((r) => {
      if (stale) return;
      setLoading(false);
      if (!r.ok) {
        notify(`Suggestions could not be made: ${r.error.message}`);
        return;
      }
      const next = r.value.suggestions;
      setList(next);
      setIndex(refocus(next, focusedRef.current.id, focusedRef.current.index));
    });
    return () => {
      stale = true;
    };
  }, [active, editable, docId, spans, doc.suggestionsVersion, api, notify]);

  const focused = active && index >= 0 ? (list[index] ?? null) : null;
  focusedRef.current = { id: focused?.id ?? null, index };

  const step = useCallback(
    (delta: 1 | -1) => {
      if (!ready) return;
      if (!editable) {
        notify(review.active ? 'Suggestions are off in review mode.' : 'Suggestions go into your own layer: switch the layer back to yours first.', 'info');
        return;
      }
      if (!active) {
        setActive(true);
        return;
      }
      if (list.length === 0) return;
      setIndex((i) => (i < 0 ? 0 : (i + delta + list.length) % list.length));
    },
    [ready, editable, active, list.length, notify, review.active],
  );

  const hide = useCallback(() => setActive(false), []);
  const focus = useCallback((id: string) => setIndex(list.findIndex((s) => s.id === id)), [list]);

  const acceptFocused = useCallback(async () => {
    if (focused) await acceptSuggestions([focused]);
  }, [focused, acceptSuggestions]);

  const rejectFocused = useCallback(async () => {
    if (!focused || !docId) return;
    focusedRef.current = { id: null, index };
    // An undoable edit (Ctrl+Z proposes it again); a failure is reported by the edit itself.
    if (!(await rejectSuggestion(focused))) return;
    const next = list.filter((s) => s.id !== focused.id);
    setList(next);
    setIndex(refocus(next, null, index));
  }, [focused, docId, rejectSuggestion, list, index]);

  const acceptAll = useCallback(async () => {
    if (list.length === 0) return;
    if (await acceptSuggestions(list)) notify(`Accepted ${list.length} suggestion${list.length === 1 ? '' : 's'}. Ctrl+Z undoes them all.`, 'info');
  }, [list, acceptSuggestions, notify]);

  // Keys belong to the text: not while typing, in a dialog, or in review mode (whose keys these are there).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTextEntry(event.target) || isOverlayOpen()) return;
      if (review.active && review.review !== null) return;
      const target = event.target instanceof Element ? event.target : null;
      const inText = target === null || target === document.body || target.closest('.doc-pane') !== null;
      if (event.key.toLowerCase() === 'i' && inText) {
        event.preventDefault();
        step(event.shiftKey ? -1 : 1);
        return;
      }
      if (!active || !inText || (target instanceof HTMLButtonElement)) return;
      if (event.key === 'Enter') {
        event.preventDefault();
        void (event.shiftKey ? acceptAll() : acceptFocused());
      } else if (event.key.toLowerCase() === 'x' && !event.shiftKey) {
        event.preventDefault();
        void rejectFocused();
      } else if (event.key === 'Escape' && (document.getSelection()?.isCollapsed ?? true) && doc.state.selectedSpanId === null) {
        event.preventDefault();
        hide();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, step, acceptAll, acceptFocused, rejectFocused, hide, review.active, review.review, doc.state.selectedSpanId]);

  const value = useMemo<SuggestionsApi>(
    () => ({ active, loading, suggestions: active ? list : [], focused, step, hide, focus, acceptFocused, rejectFocused, acceptAll }),
    [active, loading, list, focused, step, hide, focus, acceptFocused, rejectFocused, acceptAll],
  );
  return <SuggestionsContext.Provider value={value}>{children}</SuggestionsContext.Provider>;
}

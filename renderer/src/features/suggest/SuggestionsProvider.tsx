import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Suggestion } from '../../../../shared/suggest/suggest.js';
import { useApi } from '../../api/api-context.js';
import { useOpenDocument } from '../document-view/document-context.js';
import { useEdits } from '../history/edit-context.js';
import { useNotices } from '../notices/notices-context.js';
import { useReview } from '../review/review-context.js';
import { useCommandHandlers, type CommandCall } from '../keymap/keymap-context.js';
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

  // Keys belong to the text (the keymap's `suggestions` context): not while typing, in a dialog,
  // or in review mode (whose keys these are there). A focused button keeps Enter and X.
  const onSuggestion = (call: CommandCall) => active && !(call.event.target instanceof HTMLButtonElement);
  useCommandHandlers(
    {
      'suggest.step': ({ chord }) => step(chord === 'Shift+I' ? -1 : 1),
      'suggest.accept': (call) => (onSuggestion(call) ? void acceptFocused() : false),
      'suggest.accept-all': (call) => (onSuggestion(call) ? void acceptAll() : false),
      'suggest.reject': (call) => (onSuggestion(call) ? void rejectFocused() : false),
      'suggest.hide': (call) => {
        if (!onSuggestion(call) || !(document.getSelection()?.isCollapsed ?? true) || doc.state.selectedSpanId !== null) return false;
        hide();
      },
    },
    !(review.active && review.review !== null),
  );

  const value = useMemo<SuggestionsApi>(
    () => ({ active, loading, suggestions: active ? list : [], focused, step, hide, focus, acceptFocused, rejectFocused, acceptAll }),
    [active, loading, list, focused, step, hide, focus, acceptFocused, rejectFocused, acceptAll],
  );
  return <SuggestionsContext.Provider value={value}>{children}</SuggestionsContext.Provider>;
}

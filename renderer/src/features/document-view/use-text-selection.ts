/**
 * Keeps the document view's selection: a caret or a range in UTF-16 offsets, mirrored as the real
 * DOM selection so keyboard and mouse selections look the same. The DOM is the source of truth
 * (mouse drags update it natively); keyboard moves write it with setBaseAndExtent.
 */
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import { offsetToBoundary, selectionToOffsets, type SelectionOffsets } from './dom-offsets.js';

/** Reads and writes the view's selection. */
export interface TextSelection {
  /** The current selection (the DOM one when it lies in the view, else the last known caret). */
  read(): SelectionOffsets;
  /** Selects anchor..focus (a caret when equal), scrolls the focus end into view. */
  set(anchor: number, focus: number): void;
  /** Re-applies the kept selection to the DOM (after the view regains focus). */
  restore(): void;
  /** Redraws the caret (after layout changes). */
  redraw(): void;
  /** After the text re-rendered (an edit split its segments), puts the kept selection back while the view has focus. */
  sync(): void;
}

const SCROLL_MARGIN = 48;

/**
 * `viewRef` is the scrolling, focusable view; `textRef` holds the paragraphs; `caretRef` is an
 * absolutely positioned element inside `columnRef` drawn as the caret. `resetKey` changes when
 * another document loads (the caret then returns to the start).
 */
export function useTextSelection(
  refs: {
    viewRef: RefObject<HTMLElement | null>;
    columnRef: RefObject<HTMLElement | null>;
    textRef: RefObject<HTMLElement | null>;
    caretRef: RefObject<HTMLElement | null>;
  },
  textLength: number,
  resetKey: string | null,
): TextSelection {
  const { viewRef, columnRef, textRef, caretRef } = refs;
  const kept = useRef<SelectionOffsets>({ anchor: 0, focus: 0 });

  const caretRect = useCallback(
    (pos: number): DOMRect | null => {
      const text = textRef.current;
      if (!text) return null;
      const point = offsetToBoundary(text, pos);
      if (!point) return null;
      const range = text.ownerDocument.createRange();
      range.setStart(point.node, point.offset);
      range.collapse(true);
      const rects = range.getClientRects();
      const rect = rects[rects.length - 1] ?? range.getBoundingClientRect();
      if (rect.height > 0) return rect;
      const el = point.node.nodeType === Node.ELEMENT_NODE ? (point.node as Element) : point.node.parentElement;
      return el ? el.getBoundingClientRect() : null;
    },
    [textRef],
  );

  const redraw = useCallback(() => {
    const caret = caretRef.current;
    const column = columnRef.current;
    if (!caret || !column) return;
    const { anchor, focus } = kept.current;
    const rect = anchor === focus ? caretRect(focus) : null;
    if (!rect) {
      caret.hidden = true;
      return;
    }
    const box = column.getBoundingClientRect();
    caret.hidden = false;
    caret.style.transform = `translate(${Math.round(rect.left - box.left)}px, ${Math.round(rect.top - box.top)}px)`;
    caret.style.height = `${Math.round(rect.height)}px`;
    // Restart the blink so the caret is solid right after it moves.
    caret.classList.remove('caret-blink');
    void caret.offsetWidth;
    caret.classList.add('caret-blink');
  }, [caretRef, columnRef, caretRect]);

  const scrollToFocus = useCallback(() => {
    const view = viewRef.current;
    const rect = caretRect(kept.current.focus);
    if (!view || !rect) return;
    const box = view.getBoundingClientRect();
    if (rect.top < box.top + SCROLL_MARGIN) view.scrollTop -= box.top + SCROLL_MARGIN - rect.top;
    else if (rect.bottom > box.bottom - SCROLL_MARGIN) view.scrollTop += rect.bottom - (box.bottom - SCROLL_MARGIN);
  }, [viewRef, caretRect]);

  const writeDom = useCallback(() => {
    const text = textRef.current;
    if (!text) return;
    const a = offsetToBoundary(text, kept.current.anchor);
    const f = offsetToBoundary(text, kept.current.focus);
    const selection = text.ownerDocument.getSelection();
    if (!a || !f || !selection) return;
    // Setting an identical selection still costs a selection update across the whole document.
    if (selection.anchorNode === a.node && selection.anchorOffset === a.offset && selection.focusNode === f.node && selection.focusOffset === f.offset) return;
    selection.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
  }, [textRef]);

  /** Set while the DOM selection waits to be put back on re-rendered text: the DOM one is stale then. */
  const pending = useRef<number | null>(null);
  const cancelPending = useCallback(() => {
    if (pending.current !== null) clearTimeout(pending.current);
    pending.current = null;
  }, []);

  const read = useCallback((): SelectionOffsets => {
    const text = textRef.current;
    if (pending.current !== null) return kept.current;
    const fromDom = text ? selectionToOffsets(text, text.ownerDocument.getSelection(), textLength) : null;
    if (fromDom) kept.current = fromDom;
    return kept.current;
  }, [textRef, textLength]);

  const set = useCallback(
    (anchor: number, focus: number) => {
      cancelPending();
      kept.current = { anchor, focus };
      writeDom();
      scrollToFocus();
      redraw();
    },
    [cancelPending, writeDom, scrollToFocus, redraw],
  );

  const restore = useCallback(() => {
    const text = textRef.current;
    const inView = text ? selectionToOffsets(text, text.ownerDocument.getSelection(), textLength) : null;
    if (!inView) writeDom();
    redraw();
  }, [textRef, textLength, writeDom, redraw]);

  const sync = useCallback(() => {
    const view = viewRef.current;
    if (!view || !view.contains(view.ownerDocument.activeElement)) {
      redraw();
      return;
    }
    // Setting the selection right after React changed the text forces the browser to bring the
    // whole long document's style and layout up to date first (tens of ms in a 1 MB article),
    // so it waits until the frame with the edit is painted; until then reads answer the kept one.
    if (pending.current !== null) return;
    const later = () => {
      pending.current = null;
      writeDom();
      redraw();
    };
    if (typeof requestAnimationFrame !== 'function') {
      later();
      return;
    }
    pending.current = -1;
    requestAnimationFrame(() => {
      if (pending.current === -1) pending.current = window.setTimeout(later, 0);
    });
  }, [viewRef, writeDom, redraw]);

  useEffect(() => {
    cancelPending();
    kept.current = { anchor: 0, focus: 0 };
    redraw();
  }, [resetKey, redraw, cancelPending]);

  useEffect(() => cancelPending, [cancelPending]);

  useEffect(() => {
    const onChange = () => {
      const text = textRef.current;
      if (!text || pending.current !== null) return;
      const now = selectionToOffsets(text, text.ownerDocument.getSelection(), textLength);
      if (!now) return;
      kept.current = now;
      redraw();
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [textRef, textLength, redraw]);

  useEffect(() => {
    const column = columnRef.current;
    if (!column || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => redraw());
    observer.observe(column);
    return () => observer.disconnect();
  }, [columnRef, redraw, resetKey]);

  return useMemo(() => ({ read, set, restore, redraw, sync }), [read, set, restore, redraw, sync]);
}

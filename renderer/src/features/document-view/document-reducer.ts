/** The open document slice: its text, this annotator's spans and status, and the selected span. */
import type { OpenedDocument } from '../../../../shared/api.js';
import type { DocStatus, Relation, Span } from '../../../../shared/model.js';
import type { LayerChange } from '../history/execute.js';

/** Open document as the UI tracks it. Offsets in `spans` are code points, as the API gives them. */
export interface DocumentState {
  phase: 'empty' | 'loading' | 'ready' | 'failed';
  docId: string | null;
  opened: OpenedDocument | null;
  selectedSpanId: string | null;
  error: string | null;
  /** A place to show once this document is loaded (a search hit): a span, or code points [start, end). */
  reveal: RevealTarget | null;
}

/** Where a search result points. */
export interface RevealTarget {
  docId: string;
  spanId?: string;
  start: number;
  end: number;
}

/** What can happen to the open document. Actions naming another document are stale and ignored. */
export type DocumentAction =
  | { type: 'document-closed' }
  | { type: 'document-requested'; docId: string }
  | { type: 'document-received'; docId: string; opened: OpenedDocument }
  | { type: 'document-failed'; docId: string; message: string }
  /** `select` false: an update of a span already shown; the selection stays where it is. */
  | { type: 'span-added'; docId: string; span: Span; status: DocStatus; select?: boolean }
  | { type: 'span-removed'; docId: string; spanId: string; status: DocStatus }
  | { type: 'status-changed'; docId: string; status: DocStatus }
  | { type: 'relation-added'; docId: string; relation: Relation; status: DocStatus }
  | { type: 'relation-removed'; docId: string; relationId: string; status: DocStatus }
  /** Many edits saved together (a batch): applied in one pass, sorted once. */
  | { type: 'layer-edited'; docId: string; changes: readonly LayerChange[]; status: DocStatus; select: string | null }
  | { type: 'span-selected'; spanId: string | null }
  | { type: 'reveal-requested'; target: RevealTarget }
  | { type: 'reveal-done' };

/** Nothing open. */
export const initialDocument: DocumentState = { phase: 'empty', docId: null, opened: null, selectedSpanId: null, error: null, reveal: null };

/** Pure reducer for the open document. */
export function documentReducer(state: DocumentState, action: DocumentAction): DocumentState {
  switch (action.type) {
    case 'document-closed':
      return initialDocument;
    case 'document-requested':
      return { phase: 'loading', docId: action.docId, opened: null, selectedSpanId: null, error: null, reveal: state.reveal?.docId === action.docId ? state.reveal : null };
    case 'document-received':
      if (action.docId !== state.docId) return state;
      return { ...state, phase: 'ready', opened: { ...action.opened, spans: sortSpans(action.opened.spans) }, error: null };
    case 'document-failed':
      if (action.docId !== state.docId) return state;
      return { ...state, phase: 'failed', error: action.message };
    case 'span-added': {
      if (action.docId !== state.docId || !state.opened) return state;
      const spans = sortSpans([...state.opened.spans.filter((s) => s.id !== action.span.id), action.span]);
      const selectedSpanId = action.select === false ? state.selectedSpanId : action.span.id;
      return { ...state, opened: { ...state.opened, spans, status: action.status }, selectedSpanId };
    }
    case 'span-removed': {
      if (action.docId !== state.docId || !state.opened) return state;
      const spans = state.opened.spans.filter((s) => s.id !== action.spanId);
      // Relations never dangle: main removed those touching the span, and so does the view.
      const relations = state.opened.relations.filter((r) => r.head !== action.spanId && r.child !== action.spanId);
      const selectedSpanId = state.selectedSpanId === action.spanId ? null : state.selectedSpanId;
      return { ...state, opened: { ...state.opened, spans, relations, status: action.status }, selectedSpanId };
    }
    case 'relation-added': {
      if (action.docId !== state.docId || !state.opened) return state;
      const relations = [...state.opened.relations.filter((r) => r.id !== action.relation.id), action.relation];
      return { ...state, opened: { ...state.opened, relations, status: action.status } };
    }
    case 'relation-removed': {
      if (action.docId !== state.docId || !state.opened) return state;
      const relations = state.opened.relations.filter((r) => r.id !== action.relationId);
      return { ...state, opened: { ...state.opened, relations, status: action.status } };
    }
    case 'layer-edited': {
      if (action.docId !== state.docId || !state.opened) return state;
      // Maps keep insertion order: an update stays in place, a new span or relation goes last, as one by one.
      const spans = new Map(state.opened.spans.map((s) => [s.id, s]));
      const relations = new Map(state.opened.relations.map((r) => [r.id, r]));
      const removed = new Set<string>();
      for (const change of action.changes) {
        if ('span' in change) spans.set(change.span.id, change.span);
        else if ('relation' in change) relations.set(change.relation.id, change.relation);
        else if ('removedRelation' in change) relations.delete(change.removedRelation);
        else {
          spans.delete(change.removedSpan);
          removed.add(change.removedSpan);
        }
      }
      // Relations never dangle: main removed those touching a removed span, and so does the view (once, not per span).
      const gone = (id: string) => removed.has(id) && !spans.has(id);
      if (removed.size > 0) for (const r of relations.values()) if (gone(r.head) || gone(r.child)) relations.delete(r.id);
      let selectedSpanId = action.select ?? state.selectedSpanId;
      if (selectedSpanId !== null && !spans.has(selectedSpanId)) selectedSpanId = null;
      return { ...state, opened: { ...state.opened, spans: sortSpans([...spans.values()]), relations: [...relations.values()], status: action.status }, selectedSpanId };
    }
    case 'status-changed':
      if (action.docId !== state.docId || !state.opened) return state;
      return { ...state, opened: { ...state.opened, status: action.status } };
    case 'reveal-requested':
      return { ...state, reveal: action.target };
    case 'reveal-done':
      return state.reveal ? { ...state, reveal: null } : state;
    case 'span-selected':
      if (action.spanId !== null && !state.opened?.spans.some((s) => s.id === action.spanId)) return state;
      return state.selectedSpanId === action.spanId ? state : { ...state, selectedSpanId: action.spanId };
  }
}

/** Reading order: by start, the longer (outer) span first, then by id for a stable tie-break. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A sorted copy of `spans` in reading order. */
export function sortSpans(spans: readonly Span[]): Span[] {
  return [...spans].sort(compareSpans);
}

/** The selected span, or null. */
export function selectSelectedSpan(state: DocumentState): Span | null {
  if (!state.selectedSpanId || !state.opened) return null;
  return state.opened.spans.find((s) => s.id === state.selectedSpanId) ?? null;
}

/** The span `delta` places from the selected one in reading order (wrapping); the first or last when none is selected. */
export function neighbourSpanId(state: DocumentState, delta: 1 | -1): string | null {
  const spans = state.opened?.spans ?? [];
  if (spans.length === 0) return null;
  const index = state.selectedSpanId === null ? -1 : spans.findIndex((s) => s.id === state.selectedSpanId);
  if (index < 0) return (delta > 0 ? spans[0] : spans[spans.length - 1])?.id ?? null;
  return spans[(index + delta + spans.length) % spans.length]?.id ?? null;
}

/** The status `d` toggles to: done, or back to in progress / todo depending on whether spans exist. */
export function toggledStatus(state: DocumentState): DocStatus | null {
  if (!state.opened) return null;
  if (state.opened.status !== 'done') return 'done';
  return state.opened.spans.length > 0 ? 'in-progress' : 'todo';
}

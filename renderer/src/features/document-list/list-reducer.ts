/** The document list slice: every document with its status, the skipped files, the cursor and the open document. */
import type { DocumentList } from '../../../../shared/api.js';
import type { DocumentInfo, SkippedFile } from '../../../../shared/model.js';

/** Document list as the UI tracks it. */
export interface ListState {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  documents: DocumentInfo[];
  skipped: SkippedFile[];
  /** Index of the keyboard cursor in `documents`. */
  cursor: number;
  /** The document shown in the centre, or null. */
  openDocId: string | null;
  error: string | null;
  /** The documents came from main's index before the folder was checked; the checked list follows. */
  provisional: boolean;
}

/** What can happen to the list. */
export type ListAction =
  | { type: 'list-cleared' }
  | { type: 'list-requested' }
  | { type: 'list-received'; list: DocumentList }
  | { type: 'list-failed'; message: string }
  | { type: 'cursor-moved'; index: number }
  | { type: 'document-opened'; docId: string }
  | { type: 'document-changed'; docId: string } & DocumentChange;

/** What an open document tells its row: counts and status after edits; title, length and sha256 after its text changed on disk. */
export type DocumentChange = Partial<Pick<DocumentInfo, 'spanCount' | 'status' | 'title' | 'length' | 'sha256'>>;

/** No corpus, no list. */
export const initialList: ListState = { phase: 'idle', documents: [], skipped: [], cursor: 0, openDocId: null, error: null, provisional: false };

/** Pure reducer for the list slice. */
export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'list-cleared':
      return initialList;
    case 'list-requested':
      return { ...state, phase: 'loading', error: null };
    case 'list-received': {
      const { documents, skipped } = action.list;
      const openDocId = state.openDocId !== null && documents.some((d) => d.id === state.openDocId) ? state.openDocId : null;
      const openIndex = openDocId === null ? -1 : documents.findIndex((d) => d.id === openDocId);
      // The checked list replacing a provisional one keeps the cursor on the document it was on.
      const kept = state.provisional && openIndex < 0 ? documents.findIndex((d) => d.id === state.documents[state.cursor]?.id) : -1;
      const cursor = openIndex >= 0 ? openIndex : kept >= 0 ? kept : firstUnfinished(documents);
      return { ...state, phase: 'ready', documents, skipped, cursor, openDocId, error: null, provisional: action.list.provisional === true };
    }
    case 'list-failed':
      return { ...state, phase: 'failed', error: action.message };
    case 'cursor-moved':
      return { ...state, cursor: clampIndex(action.index, state.documents.length) };
    case 'document-opened': {
      const index = state.documents.findIndex((d) => d.id === action.docId);
      if (index < 0) return state;
      return { ...state, openDocId: action.docId, cursor: index };
    }
    case 'document-changed': {
      const index = state.documents.findIndex((d) => d.id === action.docId);
      const current = state.documents[index];
      if (!current) return state;
      const next: DocumentInfo = {
        ...current,
        spanCount: action.spanCount ?? current.spanCount,
        status: action.status ?? current.status,
        title: action.title ?? current.title,
        length: action.length ?? current.length,
        sha256: action.sha256 ?? current.sha256,
      };
      if ((['spanCount', 'status', 'title', 'length', 'sha256'] as const).every((k) => next[k] === current[k])) return state;
      const documents = state.documents.slice();
      documents[index] = next;
      return { ...state, documents };
    }
  }
}

/** Keeps an index inside [0, length - 1] (0 for an empty list). */
export function clampIndex(index: number, length: number): number {
  if (length <= 0) return 0;
  return Math.min(Math.max(index, 0), length - 1);
}

/** Index of the first document that is not done, else 0: where an analyst resumes. */
export function firstUnfinished(documents: DocumentInfo[]): number {
  const index = documents.findIndex((d) => d.status !== 'done');
  return index < 0 ? 0 : index;
}

/** The id of the document `delta` rows from the open one (or from the cursor), or null at either end. */
export function neighbourId(state: ListState, delta: number): string | null {
  if (state.documents.length === 0) return null;
  const from = state.openDocId === null ? -1 : state.documents.findIndex((d) => d.id === state.openDocId);
  if (from < 0) return state.documents[clampIndex(state.cursor, state.documents.length)]?.id ?? null;
  return state.documents[from + delta]?.id ?? null;
}

/** Overall progress, e.g. { done: 3, total: 8 }. */
export function selectProgress(state: ListState): { done: number; total: number } {
  let done = 0;
  for (const d of state.documents) if (d.status === 'done') done += 1;
  return { done, total: state.documents.length };
}

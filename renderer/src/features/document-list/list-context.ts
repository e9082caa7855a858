/** Shares the document list slice and its actions. */
import { createContext, useContext } from 'react';
import type { DocumentChange, ListState } from './list-reducer.js';

/** List state plus the actions other features use. */
export interface ListApi {
  state: ListState;
  moveCursor(index: number): void;
  open(docId: string): void;
  /** Opens the next (+1) or previous (-1) document; false at either end. */
  openNeighbour(delta: 1 | -1): boolean;
  /** Applies an edit's outcome to a row without reloading the list. */
  documentChanged(docId: string, change: DocumentChange): void;
  reload(): void;
}

/** Filled by DocumentListProvider. */
export const ListContext = createContext<ListApi | null>(null);

/** The list; throws only on a wiring mistake. */
export function useDocumentList(): ListApi {
  const value = useContext(ListContext);
  if (!value) throw new Error('useDocumentList() needs a DocumentListProvider');
  return value;
}

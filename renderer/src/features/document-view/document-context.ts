/** Shares the open document, its save status and the edit actions. */
import { createContext, useContext } from 'react';
import type { createOffsetMap } from '../../../../shared/offsets.js';
import type { DocumentState } from './document-reducer.js';
import type { SaveLabel } from './save-status-reducer.js';

/** The code point ⇄ UTF-16 map of one text, as shared/offsets.ts builds it. */
type OffsetMap = ReturnType<typeof createOffsetMap>;

/** Open document state plus the edits the keyboard and mouse trigger. */
export interface DocumentApi {
  state: DocumentState;
  save: SaveLabel;
  /** Code point ⇄ UTF-16 map of the open text, built once per loaded document. */
  offsets: OffsetMap | null;
  /** Creates a span over UTF-16 [start16, end16); resolves true when saved. */
  createSpan(start16: number, end16: number, label: string): Promise<boolean>;
  deleteSelected(): void;
  selectSpan(spanId: string | null): void;
  toggleDone(): void;
  /** Reverses the last span creation or deletion in this document. */
  undo(): void;
  /** Repeats the last undone edit. */
  redo(): void;
  retry(): void;
}

/** Filled by DocumentProvider. */
export const DocumentContext = createContext<DocumentApi | null>(null);

/** The open document; throws only on a wiring mistake. */
export function useOpenDocument(): DocumentApi {
  const value = useContext(DocumentContext);
  if (!value) throw new Error('useOpenDocument() needs a DocumentProvider');
  return value;
}

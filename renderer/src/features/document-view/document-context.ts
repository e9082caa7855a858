/** Shares the open document, its save status and the calls that keep it current. */
import { createContext, useContext } from 'react';
import type { createOffsetMap } from '../../../../shared/offsets.js';
import type { Effect } from '../history/execute.js';
import type { DocumentState, RevealTarget } from './document-reducer.js';
import type { SaveLabel } from './save-status-reducer.js';

/** The code point ⇄ UTF-16 map of one text, as shared/offsets.ts builds it. */
export type OffsetMap = ReturnType<typeof createOffsetMap>;

/** Open document state plus what edits (features/history) need to keep it current. */
export interface DocumentApi {
  state: DocumentState;
  save: SaveLabel;
  /** Code point ⇄ UTF-16 map of the open text, built once per loaded document. */
  offsets: OffsetMap | null;
  /** Applies what an executed edit changed; effects naming another document are ignored. */
  applyEffects(effects: readonly Effect[]): void;
  saveStarted(): void;
  /** What a long save is doing, shown in the save status while it runs (null takes it away). */
  saveProgress(text: string | null): void;
  /** `error` null: the write resolved; otherwise why it failed. */
  saveFinished(error: string | null): void;
  selectSpan(spanId: string | null): void;
  /** Loads the open document again from disk. */
  retry(): void;
  /** Shows a place once its document is loaded (null: forget it). The caller opens the document. */
  reveal(target: RevealTarget | null): void;
  /** The layer shown: null for your own, else a colleague's or "adjudicated" (read-only). */
  viewLayer: string | null;
  showLayer(layer: string | null): void;
  /** Goes up when the open layer's rejected suggestions change (a reject, its undo or redo). */
  suggestionsVersion: number;
}

/** Filled by DocumentProvider. */
export const DocumentContext = createContext<DocumentApi | null>(null);

/** The open document; throws only on a wiring mistake. */
export function useOpenDocument(): DocumentApi {
  const value = useContext(DocumentContext);
  if (!value) throw new Error('useOpenDocument() needs a DocumentProvider');
  return value;
}

/** Shares review mode: which colleagues, the open document's review items, and the decisions. */
import { createContext, useContext } from 'react';
import type { ApiArgs, DocumentReview, LayerInfo } from '../../../../shared/api.js';
import type { ReviewItem } from '../../../../shared/review.js';

export interface ReviewApi {
  /** Every layer in the corpus (refreshed on demand). */
  layers: LayerInfo[];
  refreshLayers(): void;
  active: boolean;
  colleagues: string[];
  review: DocumentReview | null;
  /** Per document: counts by state, for the documents reviewed so far this session. */
  docCounts: ReadonlyMap<string, DocumentReview['counts']>;
  selectedKey: string | null;
  start(colleagues: string[]): void;
  stop(): void;
  select(key: string | null): void;
  /** Moves to the next (+1) or previous (-1) item that is a conflict or undecided; `conflicts`: only conflicts. */
  step(delta: 1 | -1, conflicts?: boolean): void;
  /**
   * Shows the review main answered after a decision (features/history runs decisions as
   * undoable edits) and, when `select` is given, selects that item.
   */
  show(docId: string, review: DocumentReview, select: string | null): void;
  /** Fetches the layers, the open document's review and the documents' counts again (decisions changed: a bulk accept, its undo or redo; or a colleague's layer changed on disk). */
  reload(): void;
  /** Accept with edits: changes the accepted (adjudicated) span. */
  editAccepted(spanId: string, patch: ApiArgs<'editAdjudicated'>['patch']): Promise<void>;
}

/** The layers that are a colleague's: neither `me` nor the adjudicated layer. */
export function colleagueLayers(layers: readonly LayerInfo[], me: string | null): LayerInfo[] {
  return layers.filter((l) => l.name !== me && l.name !== 'adjudicated');
}

export const ReviewContext = createContext<ReviewApi | null>(null);

export function useReview(): ReviewApi {
  const value = useContext(ReviewContext);
  if (!value) throw new Error('useReview() needs a ReviewProvider');
  return value;
}

/** The next conflict from `key` in `delta` direction: an undecided one first, else any; `key` when there is none. */
export function nextConflictKey(items: readonly ReviewItem[], key: string | null, delta: 1 | -1): string | null {
  const at = key === null ? (delta > 0 ? -1 : items.length) : items.findIndex((i) => i.key === key);
  const around = (k: number) => items[(((at + delta * k) % items.length) + items.length) % items.length]!;
  for (const undecidedOnly of [true, false]) {
    for (let k = 1; k <= items.length; k += 1) {
      const item = around(k);
      if (item.state === 'conflict' && (!undecidedOnly || !item.decision)) return item.key;
    }
  }
  return key;
}

/** The next item from `key` in `delta` direction that still needs attention (undecided first; wraps). */
export function nextItemKey(items: readonly ReviewItem[], key: string | null, delta: 1 | -1): string | null {
  if (items.length === 0) return null;
  const at = key === null ? (delta > 0 ? -1 : items.length) : items.findIndex((i) => i.key === key);
  for (let k = 1; k <= items.length; k += 1) {
    const item = items[(((at + delta * k) % items.length) + items.length) % items.length]!;
    if (!item.decision && item.state !== 'agree') return item.key;
  }
  for (let k = 1; k <= items.length; k += 1) {
    const item = items[(((at + delta * k) % items.length) + items.length) % items.length]!;
    if (!item.decision) return item.key;
  }
  return items[(((at + delta) % items.length) + items.length) % items.length]!.key;
}

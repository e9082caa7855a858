import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import type { DocumentInfo } from '../../../../shared/model.js';
import { useCommandHandlers } from '../keymap/keymap-context.js';
import { DocumentRow, type ReviewCounts } from './DocumentRow.js';

/** Row height in px; fixed so 10,000 rows virtualise without measuring. */
export const ROW_HEIGHT = 72;

/** Props of the virtualised document list. */
export interface DocumentListViewProps {
  documents: DocumentInfo[];
  cursor: number;
  openDocId: string | null;
  onCursor: (index: number) => void;
  onOpen: (index: number, viaKeyboard: boolean) => void;
  onNeighbour: (delta: 1 | -1) => void;
  /** In review mode: per document, how many review items are in each state. */
  reviewCounts?: ReadonlyMap<string, ReviewCounts>;
}

/** The virtualised, keyboard-driven list: ↑/↓ move, Enter opens (again: goes to the text), j/k open the next/previous document. */
export function DocumentListView({ documents, cursor, openDocId, onCursor, onOpen, onNeighbour, reviewCounts }: DocumentListViewProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: documents.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  useEffect(() => {
    if (documents.length > 0) virtualizer.scrollToIndex(Math.min(cursor, documents.length - 1), { align: 'auto' });
  }, [cursor, documents.length, virtualizer]);

  const pageRows = useCallback(() => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1), []);

  // The list's keys, while focus is in it (bindings.ts, context `list`).
  useCommandHandlers({
    'list.move': ({ chord }) => {
      const last = documents.length - 1;
      if (chord === 'ArrowDown') onCursor(Math.min(cursor + 1, last));
      else if (chord === 'ArrowUp') onCursor(Math.max(cursor - 1, 0));
      else if (chord === 'PageDown') onCursor(Math.min(cursor + pageRows(), last));
      else if (chord === 'PageUp') onCursor(Math.max(cursor - pageRows(), 0));
      else if (chord === 'Home') onCursor(0);
      else if (chord === 'End') onCursor(last);
      else if (documents.length > 0) onOpen(cursor, true);
    },
    'list.neighbour': ({ chord }) => onNeighbour(chord === 'J' ? 1 : -1),
  });

  const onPick = useCallback(
    (index: number) => {
      scrollRef.current?.focus({ preventScroll: true });
      onOpen(index, false);
    },
    [onOpen],
  );

  const items = virtualizer.getVirtualItems();
  const active = documents.length > 0 && items.some((i) => i.index === cursor) ? `doc-row-${cursor}` : undefined;
  return (
    <div
      ref={scrollRef}
      className="doc-list"
      data-testid="doc-list"
      role="listbox"
      aria-label="Documents"
      tabIndex={0}
      aria-activedescendant={active}
    >
      <div className="doc-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const doc = documents[item.index] as DocumentInfo;
          return (
            <DocumentRow
              key={doc.id}
              doc={doc}
              index={item.index}
              top={item.start}
              isCursor={item.index === cursor}
              isOpen={doc.id === openDocId}
              onPick={onPick}
              review={reviewCounts?.get(doc.id) ?? null}
            />
          );
        })}
      </div>
    </div>
  );
}

import { CorpusProgressLine } from '../corpus/CorpusProgressLine.js';
import { useCallback, useEffect } from 'react';
import { isOverlayOpen } from '../keymap/key-target.js';
import { useCommandHandlers } from '../keymap/keymap-context.js';
import { focusHomeIfLost } from '../../ui/focus-home.js';
import { useDocumentList } from './list-context.js';
import { selectProgress } from './list-reducer.js';
import { useReview } from '../review/review-context.js';
import { DocumentListView } from './DocumentListView.js';
import { ProgressSummary } from './ProgressSummary.js';
import { SkippedList } from './SkippedList.js';

/** The left pane: progress, the document list and the files that cannot be annotated. */
export function DocumentListContainer() {
  const { state, moveCursor, open, openNeighbour } = useDocumentList();
  const review = useReview();

  // Alt+↓ / Alt+↑ open the next / previous document from anywhere.
  useCommandHandlers({
    'document.neighbour': ({ chord }) => {
      // With nothing focused, focus the list, so focus stays visible and Enter goes on into the text.
      focusHomeIfLost();
      openNeighbour(chord === 'Alt+ArrowDown' ? 1 : -1);
    },
  });

  // When the list first appears with nothing focused (the app just started, or the first-run
  // prompt has just closed), it takes the focus: focus is always visible and ↑/↓ work at once.
  const listed = state.phase === 'ready';
  useEffect(() => {
    if (listed && !isOverlayOpen()) focusHomeIfLost();
  }, [listed]);

  // Enter on the document that is already open moves focus into its text, so the keyboard
  // goes list → text without a trip through Tab.
  const onOpen = useCallback(
    (index: number, viaKeyboard: boolean) => {
      const doc = state.documents[index];
      if (!doc) return;
      if (viaKeyboard && doc.id === state.openDocId) document.querySelector<HTMLElement>('[data-testid="doc-view"]')?.focus();
      else open(doc.id);
    },
    [state.documents, state.openDocId, open],
  );
  const onNeighbour = useCallback((delta: 1 | -1) => void openNeighbour(delta), [openNeighbour]);
  const progress = selectProgress(state);

  return (
    <nav className="list-pane" aria-label="Documents">
      <div className="list-head">
        <h2 className="pane-title">Documents</h2>
        {state.phase === 'ready' && <ProgressSummary done={progress.done} total={progress.total} />}
      </div>
      {state.phase === 'loading' && <CorpusProgressLine active idle="Loading documents…" className="list-loading" />}
      {state.phase === 'failed' && (
        <p className="list-error" role="alert">
          Cannot list the documents: {state.error}
        </p>
      )}
      {state.phase === 'ready' && (
        <DocumentListView
          documents={state.documents}
          cursor={state.cursor}
          openDocId={state.openDocId}
          onCursor={moveCursor}
          onOpen={onOpen}
          onNeighbour={onNeighbour}
          reviewCounts={review.active ? review.docCounts : undefined}
        />
      )}
      {state.phase === 'ready' && <SkippedList skipped={state.skipped} />}
    </nav>
  );
}

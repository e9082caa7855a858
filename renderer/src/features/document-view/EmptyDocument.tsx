import { Kbd } from '../../ui/Kbd.js';

/** The centre pane before any document is open. */
export function EmptyDocument({ hasDocuments }: { hasDocuments: boolean }) {
  return (
    <div className="empty-pane" data-testid="doc-empty">
      {hasDocuments ? (
        <>
          <p className="empty-title">No document open</p>
          <p className="empty-hint">
            Pick one in the list with <Kbd>↑</Kbd> <Kbd>↓</Kbd> and <Kbd>Enter</Kbd>, or press <Kbd>Alt+↓</Kbd> for the next one.
          </p>
        </>
      ) : (
        <>
          <p className="empty-title">Nothing to annotate here</p>
          <p className="empty-hint">This corpus has no readable text files. Files that cannot be annotated are listed on the left.</p>
        </>
      )}
    </div>
  );
}

import type { ReactNode } from 'react';
import type { DocStatus } from '../../../../shared/model.js';
import { Kbd } from '../../ui/Kbd.js';
import { StatusPill } from '../../ui/StatusPill.js';
import { formatChars, formatSpans } from '../../ui/format.js';

/** Props of the strip above the text. */
export interface DocumentHeaderProps {
  title: string;
  docId: string;
  length: number | null;
  spanCount: number | null;
  status: DocStatus | null;
  onToggleDone: (() => void) | null;
  /** The layer switcher (yours, a colleague's read-only, the adjudicated one). */
  layerControl?: ReactNode;
  /** Whose read-only layer is shown, or null for your own. */
  readOnlyLayer?: string | null;
  /** The button that shows or hides suggestions. */
  suggestControl?: ReactNode;
}

/** Title, file and counts of the open document, with its status and the done toggle. */
export function DocumentHeader({ title, docId, length, spanCount, status, onToggleDone, layerControl, readOnlyLayer, suggestControl }: DocumentHeaderProps) {
  return (
    <header className="doc-header">
      <div className="doc-header-text">
        <h1 className="doc-title" title={title}>
          {title || docId}
        </h1>
        <div className="doc-meta">
          <span className="doc-file" title={docId}>
            {docId}
          </span>
          {length !== null && <span>{formatChars(length)}</span>}
          {spanCount !== null && <span data-testid="doc-span-count">{formatSpans(spanCount)}</span>}
        </div>
      </div>
      <div className="doc-header-actions">
        {suggestControl}
        {layerControl}
        {readOnlyLayer ? (
          <span className="pill readonly-pill" data-testid="readonly-pill" title="Shown read-only: your edits go to your own layer">
            read-only
          </span>
        ) : null}
        {status && <StatusPill status={status} />}
        {onToggleDone && status && !readOnlyLayer && (
          <button type="button" className="btn" data-testid="toggle-done" onClick={onToggleDone}>
            {status === 'done' ? 'Reopen' : 'Mark done'} <Kbd>D</Kbd>
          </button>
        )}
      </div>
    </header>
  );
}

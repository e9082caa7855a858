import { memo } from 'react';
import type { DocumentInfo } from '../../../../shared/model.js';
import { StatusPill } from '../../ui/StatusPill.js';
import { fileName, formatChars, formatSpans } from '../../ui/format.js';

/** Props of one list row. */
export interface DocumentRowProps {
  doc: DocumentInfo;
  index: number;
  top: number;
  isCursor: boolean;
  isOpen: boolean;
  onPick: (index: number) => void;
  /** Review mode: items per state in this document, or null. */
  review?: ReviewCounts | null;
}

/** Review items per state in one document (as the review API counts them). */
export interface ReviewCounts {
  agree: number;
  conflict: number;
  'only-one': number;
  decided: number;
  total: number;
}

/** One document in the list: title, file, length, span count and status. */
export const DocumentRow = memo(function DocumentRow({ doc, index, top, isCursor, isOpen, onPick, review }: DocumentRowProps) {
  const classes = ['doc-row'];
  if (isCursor) classes.push('is-cursor');
  if (isOpen) classes.push('is-open');
  return (
    <div
      id={`doc-row-${index}`}
      role="option"
      aria-selected={isCursor}
      aria-current={isOpen ? 'true' : undefined}
      className={classes.join(' ')}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="doc-row"
      data-doc-id={doc.id}
      data-status={doc.status}
      data-span-count={doc.spanCount}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onPick(index)}
    >
      <div className="doc-row-line">
        <span className="doc-row-title" title={doc.title}>
          {doc.title || fileName(doc.id)}
        </span>
        <StatusPill status={doc.status} />
      </div>
      <div className="doc-row-meta">
        <span className="doc-row-file" title={doc.id}>
          {fileName(doc.id)}
        </span>
        <span className="doc-row-len">{formatChars(doc.length)}</span>
        {review ? (
          <span className="doc-row-review" data-testid="doc-review-counts" title={`${review.agree} agree, ${review.conflict} conflicts, ${review['only-one']} on one side; ${review.decided} of ${review.total} decided`}>
            <span className="rv rv-agree">{review.agree}</span>
            <span className="rv rv-conflict">{review.conflict}</span>
            <span className="rv rv-only-one">{review['only-one']}</span>
            <span className="rv-done">
              {review.decided}/{review.total}
            </span>
          </span>
        ) : (
          <span className="doc-row-spans">{formatSpans(doc.spanCount)}</span>
        )}
      </div>
    </div>
  );
});

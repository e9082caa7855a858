import type { KeyboardEvent } from 'react';
import type { Orphan } from '../../../../shared/anchoring.js';
import { Kbd } from '../../ui/Kbd.js';
import { clip, formatInt, formatSpans } from '../../ui/format.js';
import { FALLBACK_COLOR } from './highlight-layout.js';

/** Props of the strip above the text that appears when the article changed on disk. */
export interface OrphanBarProps {
  /** What this opening's re-anchoring did, when it did anything; null once dismissed. */
  reanchored: { moved: number; orphaned: number } | null;
  orphans: readonly Orphan[];
  colors: ReadonlyMap<string, string>;
  /** The orphan the M key places. */
  currentId: string | null;
  readOnly: boolean;
  onCurrent(spanId: string): void;
  onPlace(spanId: string): void;
  onDelete(spanId: string): void;
  onDismiss(): void;
}

/** The re-anchoring notice and the list of orphaned spans, each to place at a selection or delete. */
export function OrphanBar({ reanchored, orphans, colors, currentId, readOnly, onCurrent, onPlace, onDelete, onDismiss }: OrphanBarProps) {
  if (!reanchored && orphans.length === 0) return null;
  const current = orphans.find((o) => o.span.id === currentId) ?? orphans[0] ?? null;

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (readOnly) return;
    const at = orphans.findIndex((o) => o.span.id === current?.span.id);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = orphans[Math.max(0, Math.min(orphans.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
      if (next) onCurrent(next.span.id);
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && current) {
      // Handled here, so the document's own Delete (the selected span) does not also run.
      event.preventDefault();
      onDelete(current.span.id);
    }
  };

  return (
    <section className="orphan-bar" aria-label="Spans to re-anchor" data-testid="orphan-bar">
      {reanchored ? (
        <p className="orphan-notice" role="status" data-testid="reanchor-notice">
          <span>
            This article changed on disk since your spans were made: {formatSpans(reanchored.moved)} found again at a new place
            {reanchored.orphaned > 0 ? `, ${formatInt(reanchored.orphaned)} could not be placed with confidence` : ''}.
          </span>
          <button type="button" className="btn btn-small" data-testid="reanchor-dismiss" onClick={onDismiss}>
            OK
          </button>
        </p>
      ) : null}
      {orphans.length > 0 ? (
        <>
          <h2 className="pane-title orphan-title">
            Orphaned spans <span className="muted">{orphans.length}</span>
            {readOnly ? null : (
              <span className="orphan-help">
                Select the text where one belongs, then <Kbd>M</Kbd> places the highlighted one there; <Kbd>Delete</Kbd> in this list deletes it.
              </span>
            )}
          </h2>
          <ul
            className="orphan-rows"
            role="listbox"
            aria-label="Orphaned spans"
            tabIndex={0}
            data-testid="orphan-list"
            onKeyDown={onKeyDown}
            aria-activedescendant={current ? `orphan-row-${current.span.id}` : undefined}
          >
            {orphans.map((o) => (
              <li
                key={o.span.id}
                id={`orphan-row-${o.span.id}`}
                role="option"
                aria-selected={o === current}
                className={o === current ? 'orphan-row selected' : 'orphan-row'}
                data-testid="orphan-row"
                data-span-id={o.span.id}
                onClick={() => onCurrent(o.span.id)}
              >
                <span className="label-dot" style={{ background: colors.get(o.span.label) ?? FALLBACK_COLOR }} aria-hidden="true" />
                <span className="span-row-label">{o.span.label}</span>
                <span className="orphan-quote" title={o.span.quote}>
                  {clip(o.span.quote, 60)}
                </span>
                <span className="orphan-reason">{o.reason}</span>
                {readOnly ? null : (
                  <span className="orphan-actions">
                    <button type="button" className="btn btn-small" data-testid="orphan-place" onClick={() => onPlace(o.span.id)}>
                      Place at selection
                    </button>
                    <button type="button" className="btn btn-small" data-testid="orphan-delete" onClick={() => onDelete(o.span.id)}>
                      Delete
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

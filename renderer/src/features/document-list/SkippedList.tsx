import type { SkippedFile } from '../../../../shared/model.js';

/** Files that cannot be annotated, each with its reason; collapsible. */
export function SkippedList({ skipped }: { skipped: SkippedFile[] }) {
  if (skipped.length === 0) return null;
  return (
    <details className="skipped" open>
      <summary className="skipped-summary">Cannot be annotated ({skipped.length})</summary>
      <ul className="skipped-list" data-testid="skipped-list">
        {skipped.map((f) => (
          <li key={f.id} className="skipped-row" data-testid="skipped-row" data-reason={f.reason} data-doc-id={f.id}>
            <span className="skipped-name" title={f.id}>
              {f.id}
            </span>
            <span className="skipped-reason">{f.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

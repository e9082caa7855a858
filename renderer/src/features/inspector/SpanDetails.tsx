import type { Span } from '../../../../shared/model.js';
import { Kbd } from '../../ui/Kbd.js';
import { formatTime } from '../../ui/format.js';

/** Props of the selected span's card. */
export interface SpanDetailsProps {
  span: Span;
  color: string;
  /** A darker shade of `color` for text. */
  ink: string;
  onDelete: () => void;
}

/** The selected span: label, exact text, code point offsets, author and time. */
export function SpanDetails({ span, color, ink, onDelete }: SpanDetailsProps) {
  return (
    <div className="span-details" data-testid="span-details" data-span-id={span.id}>
      <div className="span-label-row">
        <span className="label-chip" style={{ borderColor: color, color: ink }}>
          <span className="label-dot" style={{ background: color }} aria-hidden="true" />
          {span.label}
        </span>
      </div>
      <blockquote className="span-quote" data-testid="span-quote">
        {span.quote}
      </blockquote>
      <dl className="facts">
        <dt>Offsets</dt>
        <dd data-testid="span-offsets">
          chars {span.start}–{span.end}
        </dd>
        <dt>Length</dt>
        <dd>{span.end - span.start} chars</dd>
        <dt>Author</dt>
        <dd>{span.author}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={span.created}>{formatTime(span.created)}</time>
        </dd>
      </dl>
      <button type="button" className="btn btn-danger" data-testid="delete-span" onClick={onDelete}>
        Delete span <Kbd>Del</Kbd>
      </button>
    </div>
  );
}

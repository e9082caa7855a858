import { memo, useLayoutEffect, useRef } from 'react';
import type { NearViewport } from './near-viewport.js';

/** Props of a run of paragraphs not yet built as paragraphs. Offsets are UTF-16. */
export interface BulkTextProps {
  text: string;
  start: number;
  end: number;
  /** How many non-empty and empty paragraphs the run holds (for its estimated height). */
  paragraphs: number;
  emptyParagraphs: number;
  near: NearViewport;
  /** Called once, when the run comes near the view: it should be built as paragraphs now. */
  onNear(): void;
}

/**
 * A run of paragraphs far from the view, before they are built as Paragraph elements: one
 * element holding their text (line breaks included) as one segment with its offsets, so
 * selection, caret moves and find reach it exactly as they reach a paragraph. It is skipped by
 * layout (content-visibility) with the height the paragraphs would be guessed at, and replaced
 * by them in idle time right after the first paint, or at once when it comes near the view.
 */
function BulkTextView({ text, start, end, paragraphs, emptyParagraphs, near, onNear }: BulkTextProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    return el ? near.observe(el, onNear) : undefined;
  }, [near, onNear]);
  // The same guesses as .para and .para-empty use for paragraphs not laid out yet.
  const height = `calc(${paragraphs} * (3.2em + 0.55em) + ${emptyParagraphs} * 0.35em)`;
  return (
    <div className="para-bulk" data-para-start={start} data-para-end={end} ref={ref} style={{ containIntrinsicSize: `auto ${height}` }}>
      <span data-start={start} data-end={end}>
        {text.slice(start, end)}
      </span>
    </div>
  );
}

/** A run re-renders only when its range changes. */
export const BulkText = memo(BulkTextView);

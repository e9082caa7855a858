import { memo, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { NearViewport } from './near-viewport.js';

/** Props of one run of paragraphs. Offsets are UTF-16. */
export interface ParagraphRunProps {
  text: string;
  /** Where the run's first paragraph starts and its last ends. */
  start: number;
  end: number;
  /** How many non-empty and empty paragraphs the run holds (for its estimated height). */
  paragraphs: number;
  emptyParagraphs: number;
  /** The run's Paragraph elements, or null while it is not built yet. */
  children: ReactNode;
  near: NearViewport;
  /** Called once, when an unbuilt run comes near the view: it should be built now. */
  onNear(): void;
}

/**
 * A run of paragraphs in one element, so layout, style and paint after an edit walk a few dozen
 * runs and one run's paragraphs instead of every paragraph of a long article (a run far from
 * the view is skipped whole by content-visibility). Before it is built, a run holds its text
 * (line breaks included) as one segment with its offsets, so selection, caret moves and find
 * reach it exactly as they reach paragraphs; it is built in idle time right after the first
 * paint, or at once when it comes near the view.
 */
function ParagraphRunView({ text, start, end, paragraphs, emptyParagraphs, children, near, onNear }: ParagraphRunProps) {
  const ref = useRef<HTMLDivElement>(null);
  const built = children !== null;
  useLayoutEffect(() => {
    const el = ref.current;
    return el && !built ? near.observe(el, onNear) : undefined;
  }, [near, onNear, built]);
  // The same guesses as .para and .para-empty use for paragraphs not laid out yet.
  const height = `calc(${paragraphs} * (3.2em + 0.55em) + ${emptyParagraphs} * 0.35em)`;
  return (
    <div className="para-run" data-run-start={start} data-run-end={end} ref={ref} style={{ containIntrinsicSize: `auto ${height}` }}>
      {built ? (
        children
      ) : (
        <p className="para-bulk" data-para-start={start} data-para-end={end}>
          <span data-start={start} data-end={end}>
            {text.slice(start, end)}
          </span>
        </p>
      )}
    </div>
  );
}

/** One run; re-renders when its range, its paragraphs' props or its built state change. */
export const ParagraphRun = memo(ParagraphRunView);

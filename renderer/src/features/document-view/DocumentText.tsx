import { forwardRef, memo, useEffect, useMemo, type RefObject } from 'react';
import type { ParaRange } from './caret-motion.js';
import type { DrawnSpan } from './highlight-layout.js';
import { NearViewport } from './near-viewport.js';
import { Paragraph } from './Paragraph.js';

/** Props of the whole rendered text. */
export interface DocumentTextProps {
  text: string;
  paragraphs: readonly ParaRange[];
  /** Drawn spans per paragraph (same length as `paragraphs`). */
  buckets: readonly (readonly DrawnSpan[])[];
  colors: ReadonlyMap<string, string>;
  selectedSpanId: string | null;
  /** The scrolling element the text sits in: paragraphs near its visible part draw their highlights. */
  scrollRoot?: RefObject<HTMLElement | null>;
  /** Called after paragraphs that came near the view replaced their text nodes with highlight segments. */
  onDrawn?: () => void;
}

const NO_SPANS: readonly DrawnSpan[] = [];
const NOTHING = () => undefined;

/**
 * Paragraphs starting within this many UTF-16 units of the top draw their highlights at once;
 * the rest when they come within a screen of the view. An article of ordinary length is thus
 * drawn whole from the start; a long one paints its first screen without laying out the rest.
 */
export const EAGER_CHARS = 20_000;
/** How far beyond the visible part paragraphs draw their highlights (IntersectionObserver rootMargin). */
const NEAR_MARGIN = '100% 0px';

/** The document text, one Paragraph per line; its element's children are the paragraphs, in order. */
export const DocumentText = memo(
  forwardRef<HTMLDivElement, DocumentTextProps>(function DocumentText({ text, paragraphs, buckets, colors, selectedSpanId, scrollRoot, onDrawn }, ref) {
    // A new text starts a new watcher, so no paragraph of another document lingers in it.
    const near = useMemo(() => new NearViewport(), [text]);
    useEffect(() => near.attach(scrollRoot?.current ?? null, NEAR_MARGIN), [near, scrollRoot]);
    const drawn = onDrawn ?? NOTHING;
    return (
      <div className="doc-text" ref={ref}>
        {paragraphs.map((p, i) => {
          const spans = buckets[i] ?? NO_SPANS;
          const selected = selectedSpanId !== null && spans.some((s) => s.id === selectedSpanId) ? selectedSpanId : null;
          return (
            <Paragraph
              key={p.start}
              text={text}
              start={p.start}
              end={p.end}
              spans={spans}
              colors={colors}
              selectedSpanId={selected}
              eager={p.start < EAGER_CHARS}
              near={near}
              onDrawn={drawn}
            />
          );
        })}
      </div>
    );
  }),
);

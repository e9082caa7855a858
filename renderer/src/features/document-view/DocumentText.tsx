import { forwardRef, memo } from 'react';
import type { ParaRange } from './caret-motion.js';
import type { DrawnSpan } from './highlight-layout.js';
import { Paragraph } from './Paragraph.js';

/** Props of the whole rendered text. */
export interface DocumentTextProps {
  text: string;
  paragraphs: readonly ParaRange[];
  /** Drawn spans per paragraph (same length as `paragraphs`). */
  buckets: readonly (readonly DrawnSpan[])[];
  colors: ReadonlyMap<string, string>;
  selectedSpanId: string | null;
}

const NO_SPANS: readonly DrawnSpan[] = [];

/** The document text, one Paragraph per line; its element's children are the paragraphs, in order. */
export const DocumentText = memo(
  forwardRef<HTMLDivElement, DocumentTextProps>(function DocumentText({ text, paragraphs, buckets, colors, selectedSpanId }, ref) {
    return (
      <div className="doc-text" ref={ref}>
        {paragraphs.map((p, i) => {
          const spans = buckets[i] ?? NO_SPANS;
          const selected = selectedSpanId !== null && spans.some((s) => s.id === selectedSpanId) ? selectedSpanId : null;
          return <Paragraph key={p.start} text={text} start={p.start} end={p.end} spans={spans} colors={colors} selectedSpanId={selected} />;
        })}
      </div>
    );
  }),
);

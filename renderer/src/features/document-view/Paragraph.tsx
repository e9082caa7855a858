import { memo, type CSSProperties } from 'react';
import { buildSegments } from '../../../../shared/segments.js';
import { sameDrawnSpans, segmentLook, type DrawnSpan } from './highlight-layout.js';

/** Props of one rendered line of the document. Offsets are UTF-16. */
export interface ParagraphProps {
  text: string;
  start: number;
  end: number;
  /** Spans touching this paragraph, unclipped, in reading order. */
  spans: readonly DrawnSpan[];
  colors: ReadonlyMap<string, string>;
  /** The selected span's id when it touches this paragraph, else null (so other paragraphs skip re-rendering). */
  selectedSpanId: string | null;
}

/**
 * One paragraph as offset-carrying segments; highlight segments list their spans outer first.
 * Only segments carry `data-start`/`data-end` (the paragraph uses `data-para-*`), so the first
 * `[data-start]` element holding an offset always starts with that offset's text node.
 */
function ParagraphView({ text, start, end, spans, colors, selectedSpanId }: ParagraphProps) {
  if (end <= start) return <p className="para para-empty" data-para-start={start} data-para-end={end} />;
  // Segments are cut per piece (key); the DOM names the spans (id) the pieces belong to.
  const byKey = new Map(spans.map((s) => [s.key, s]));
  const ranges = spans.map((s) => ({ id: s.key, start: Math.max(s.start, start), end: Math.min(s.end, end) }));
  const segments = buildSegments(start, end, ranges);
  return (
    <p className="para" data-para-start={start} data-para-end={end}>
      {segments.map((seg) => {
        const piece = text.slice(seg.start, seg.end);
        if (seg.ids.length === 0) {
          return (
            <span key={seg.start} data-start={seg.start} data-end={seg.end}>
              {piece}
            </span>
          );
        }
        const covering = seg.ids.map((key) => byKey.get(key)).filter((s): s is DrawnSpan => s !== undefined);
        const ids = covering.map((s) => s.id);
        const look = segmentLook(seg, covering, colors, selectedSpanId);
        const style: CSSProperties & Record<'--tag-color', string> = {
          backgroundImage: look.backgroundImage,
          boxShadow: look.boxShadow,
          '--tag-color': look.tagColor,
        };
        const classes = ['hl'];
        if (look.tag) classes.push('hl-tagged');
        if (selectedSpanId !== null && ids.includes(selectedSpanId)) classes.push('hl-selected');
        return (
          <span
            key={seg.start}
            className={classes.join(' ')}
            data-start={seg.start}
            data-end={seg.end}
            data-span-ids={ids.join(' ')}
            data-tag={look.tag || undefined}
            style={style}
          >
            {piece}
          </span>
        );
      })}
    </p>
  );
}

/** A paragraph re-renders only when its own text range, spans or selection change. */
export const Paragraph = memo(
  ParagraphView,
  (a, b) =>
    a.text === b.text &&
    a.start === b.start &&
    a.end === b.end &&
    a.colors === b.colors &&
    a.selectedSpanId === b.selectedSpanId &&
    sameDrawnSpans(a.spans, b.spans),
);

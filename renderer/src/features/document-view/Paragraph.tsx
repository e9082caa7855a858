import { memo, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { buildSegments } from '../../../../shared/segments.js';
import { sameDrawnSpans, segmentLook, type DrawnSpan } from './highlight-layout.js';
import type { NearViewport } from './near-viewport.js';

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
  /** Draws highlights from the first render; otherwise only once `near` says the paragraph is close to the view. */
  eager: boolean;
  near: NearViewport;
  /** Called after a paragraph replaced its plain text with highlight segments (its text nodes changed). */
  onDrawn(): void;
}

/**
 * One paragraph as offset-carrying segments; highlight segments list their spans outer first.
 * Only segments carry `data-start`/`data-end` (the paragraph uses `data-para-*`), so the first
 * `[data-start]` element holding an offset always starts with that offset's text node.
 *
 * Far from the view (and not holding the selected span) a paragraph with spans is one plain
 * segment: the same text and offsets, so selection, caret moves and find work the same, without
 * the cost of its highlight segments until the reader comes near.
 */
function ParagraphView({ text, start, end, spans, colors, selectedSpanId, eager, near, onDrawn }: ParagraphProps) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [isNear, setNear] = useState(eager);
  const plain = !isNear && selectedSpanId === null && spans.length > 0;
  const wasPlain = useRef(plain);
  useLayoutEffect(() => {
    const el = ref.current;
    if (isNear || !el) return;
    return near.observe(el, () => setNear(true));
  }, [isNear, near]);
  useLayoutEffect(() => {
    if (wasPlain.current && !plain) onDrawn();
    wasPlain.current = plain;
  }, [plain, onDrawn]);
  if (end <= start) return <p className="para para-empty" data-para-start={start} data-para-end={end} />;
  if (plain || spans.length === 0) {
    return (
      <p className="para" data-para-start={start} data-para-end={end} ref={ref}>
        <span key={start} data-start={start} data-end={end}>
          {text.slice(start, end)}
        </span>
      </p>
    );
  }
  // Segments are cut per piece (key); the DOM names the spans (id) the pieces belong to.
  const byKey = new Map(spans.map((s) => [s.key, s]));
  const ranges = spans.map((s) => ({ id: s.key, start: Math.max(s.start, start), end: Math.min(s.end, end) }));
  const segments = buildSegments(start, end, ranges);
  return (
    <p className="para" data-para-start={start} data-para-end={end} ref={ref}>
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
    a.eager === b.eager &&
    a.near === b.near &&
    a.onDrawn === b.onDrawn &&
    sameDrawnSpans(a.spans, b.spans),
);

import { useLayoutEffect, useState, type RefObject } from 'react';
import type { OffsetMap } from '../../../../shared/offsets.js';
import type { Suggestion, SuggestedSpan } from '../../../../shared/suggest/suggest.js';
import { offsetToBoundary } from '../document-view/dom-offsets.js';
import { useSuggestions } from './suggest-context.js';

/** Props of the ghost layer over the text. */
export interface SuggestionGhostsProps {
  /** The element holding the paragraphs (DocumentText's root). */
  textRef: RefObject<HTMLElement | null>;
  /** The positioned column the boxes are placed in. */
  columnRef: RefObject<HTMLElement | null>;
  offsets: OffsetMap;
  /** Changes whenever the text re-renders, so boxes are measured again. */
  renderVersion: unknown;
}

interface Box {
  key: string;
  suggestionId: string;
  label: SuggestedSpan['label'];
  left: number;
  top: number;
  width: number;
  height: number;
}

function boxesFor(root: HTMLElement, origin: DOMRect, offsets: OffsetMap, s: Suggestion, span: SuggestedSpan): Box[] {
  const a = offsetToBoundary(root, offsets.toUtf16(span.start));
  const b = offsetToBoundary(root, offsets.toUtf16(span.end));
  if (!a || !b) return [];
  const range = root.ownerDocument.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return Array.from(range.getClientRects())
    .filter((r) => r.width > 1)
    .map((r, i) => ({ key: `${s.id}:${span.label}:${span.start}:${i}`, suggestionId: s.id, label: span.label, left: r.left - origin.left, top: r.top - origin.top, width: r.width, height: r.height }));
}

/**
 * Suggestions drawn as dashed ghost boxes over the text, never touching the text DOM: every
 * suggested quote, and the focused one's source mention and cue (SuggestionPanel names them).
 */
export function SuggestionGhosts({ textRef, columnRef, offsets, renderVersion }: SuggestionGhostsProps) {
  const { active, suggestions, focused, loading } = useSuggestions();
  const [boxes, setBoxes] = useState<Box[]>([]);
  const [size, setSize] = useState(0);

  useLayoutEffect(() => {
    const column = columnRef.current;
    if (!column || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setSize((n) => n + 1));
    observer.observe(column);
    return () => observer.disconnect();
  }, [columnRef]);

  useLayoutEffect(() => {
    const root = textRef.current;
    const column = columnRef.current;
    if (!active || !root || !column) {
      setBoxes([]);
      return;
    }
    const origin = column.getBoundingClientRect();
    const next: Box[] = [];
    for (const s of suggestions) {
      next.push(...boxesFor(root, origin, offsets, s, s.quote));
      if (focused?.id === s.id) for (const part of [s.source, s.cue]) if (part) next.push(...boxesFor(root, origin, offsets, s, part));
    }
    setBoxes(next);
  }, [active, suggestions, focused, offsets, textRef, columnRef, renderVersion, size]);

  // Bring the whole focused suggestion (quote, source, cue) into view: its last box, then its first,
  // so a quote taller than the view still shows its start.
  useLayoutEffect(() => {
    const parts = columnRef.current?.querySelectorAll('.ghost-focused');
    if (!parts || parts.length === 0) return;
    const tops = [...parts].map((p) => p.getBoundingClientRect());
    const last = parts[tops.reduce((best, r, i) => (r.bottom > tops[best]!.bottom ? i : best), 0)]!;
    const first = parts[tops.reduce((best, r, i) => (r.top < tops[best]!.top ? i : best), 0)]!;
    last.scrollIntoView({ block: 'nearest' });
    first.scrollIntoView({ block: 'nearest' });
  }, [focused?.id, boxes.length, columnRef]);

  if (!active) return null;
  return (
    <div className="ghost-layer" data-testid="suggestion-layer" data-count={suggestions.length} data-loading={loading ? 'true' : 'false'} aria-live="polite">
      {boxes.map((b) => (
        <div
          key={b.key}
          className={`ghost ghost-${b.label.toLowerCase()}${b.suggestionId === focused?.id ? ' ghost-focused' : ''}`}
          data-suggestion-id={b.suggestionId}
          data-ghost-label={b.label}
          style={{ left: b.left - 2, top: b.top - 1, width: b.width + 4, height: b.height + 2 }}
        />
      ))}
    </div>
  );
}

import { clip } from '../../ui/format.js';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { LabelDef, Span, Speaker } from '../../../../shared/model.js';
import { labelRole } from '../../../../shared/schema.js';
import { missingFields } from '../../../../shared/spans.js';
import { FALLBACK_COLOR } from '../document-view/highlight-layout.js';
import { useCommandHandlers } from '../keymap/keymap-context.js';
import { sortSpanList, type SpanSort } from './span-sort.js';

/** Props of the document's span list. */
export interface SpanListProps {
  spans: readonly Span[];
  labels: readonly LabelDef[];
  speakers: readonly Speaker[];
  selectedSpanId: string | null;
  onSelect(spanId: string): void;
}


/** Row height in px (fixed in CSS), so thousands of rows virtualise without measuring. */
export const SPAN_ROW_HEIGHT = 24;

/** Every span of the open document, sortable; quotes missing a speaker or stance are marked. Click or Enter selects and scrolls. */
export function SpanList({ spans, labels, speakers, selectedSpanId, onSelect }: SpanListProps) {
  const [sort, setSort] = useState<SpanSort>('position');
  const sorted = useMemo(() => sortSpanList(spans, sort, speakers), [spans, sort, speakers]);
  const colors = useMemo(() => new Map(labels.map((l) => [l.name, l.color])), [labels]);
  const names = useMemo(() => new Map(speakers.map((s) => [s.id, s.name])), [speakers]);
  const incomplete = spans.filter((s) => missingFields(s, labelRole(labels, s.label)).length > 0).length;
  // Only the rows in view (and a few around them) are in the DOM: an article with thousands of spans stays quick to open and to edit.
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => SPAN_ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 0, height: SPAN_ROW_HEIGHT * 20 },
  });
  const selectedIndex = useMemo(() => sorted.findIndex((s) => s.id === selectedSpanId), [sorted, selectedSpanId]);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);
  const items = virtualizer.getVirtualItems();

  // ↑ / ↓ while focus is in the list (bindings.ts, context `span-list`).
  useCommandHandlers({
    'span-list.move': ({ chord }) => {
      const at = selectedIndex;
      const next = sorted[at < 0 ? 0 : Math.max(0, Math.min(sorted.length - 1, at + (chord === 'ArrowDown' ? 1 : -1)))];
      if (next) onSelect(next.id);
    },
  });

  return (
    <section className="span-list" aria-label="Spans in this document" data-testid="span-list">
      <div className="span-list-head">
        <h2 className="pane-title">
          Spans <span className="muted">{spans.length}</span>
          {incomplete > 0 ? <span className="incomplete-count"> · {incomplete} incomplete</span> : null}
        </h2>
        <label className="sort-select">
          <span className="visually-hidden">Sort spans by</span>
          <select className="input input-small" value={sort} data-testid="span-sort" onChange={(e) => setSort(e.target.value as SpanSort)}>
            <option value="position">by position</option>
            <option value="label">by label</option>
            <option value="speaker">by speaker</option>
          </select>
        </label>
      </div>
      {sorted.length === 0 ? (
        <p className="muted span-list-empty">No spans yet.</p>
      ) : (
        <div className="span-rows-scroll" ref={listRef}>
          <ul
            className="span-rows span-rows-virtual"
            role="listbox"
            aria-label="Spans"
            tabIndex={0}
            aria-activedescendant={selectedSpanId && items.some((i) => i.index === selectedIndex) ? `span-row-${selectedSpanId}` : undefined}
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => {
              const span = sorted[item.index] as Span;
              return (
                <SpanRow
                  key={span.id}
                  span={span}
                  top={item.start}
                  labels={labels}
                  color={colors.get(span.label) ?? FALLBACK_COLOR}
                  speakerName={span.speakerId ? (names.get(span.speakerId) ?? '?') : ''}
                  selected={span.id === selectedSpanId}
                  onSelect={onSelect}
                />
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Props of one row of the span list. */
interface SpanRowProps {
  span: Span;
  /** Offset of the row in the list, px. */
  top: number;
  labels: readonly LabelDef[];
  color: string;
  speakerName: string;
  selected: boolean;
  onSelect(spanId: string): void;
}

/** One span's row; memoised, so an edit re-renders only the rows it changed, not thousands. */
const SpanRow = memo(function SpanRow({ span, top, labels, color, speakerName, selected, onSelect }: SpanRowProps) {
  const missing = missingFields(span, labelRole(labels, span.label));
  return (
    <li
      id={`span-row-${span.id}`}
      role="option"
      aria-selected={selected}
      className={selected ? 'span-row selected' : 'span-row'}
      data-testid="span-row"
      data-span-id={span.id}
      data-incomplete={missing.length > 0 ? 'true' : undefined}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(span.id)}
    >
      <span className="label-dot" style={{ background: color }} aria-hidden="true" />
      <span className="span-row-label">{span.label}</span>
      <span className="span-row-text">{clip(span.quote)}</span>
      <span className="span-row-speaker">{speakerName}</span>
      {missing.length > 0 ? (
        <span className="span-row-flag" title={`missing ${missing.join(' and ')}`} aria-label={`missing ${missing.join(' and ')}`}>
          !
        </span>
      ) : null}
    </li>
  );
});

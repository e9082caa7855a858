import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { customHighlights, textRange } from '../document-view/custom-highlights.js';
import { Kbd } from '../../ui/Kbd.js';
import { findHits, firstHitFrom } from './find-hits.js';

/** Props of the find bar over the document. Offsets are UTF-16. */
export interface FindBarProps {
  text: string;
  textRef: RefObject<HTMLElement | null>;
  /** Changes whenever the text re-renders (highlight ranges are then rebuilt). */
  renderVersion: unknown;
  /** The caret when the bar opened: the first hit shown is the next one after it. */
  from: number;
  /** Closes the bar; `hit` is the current match to select in the text (Escape/Enter on it), or null. */
  onClose(hit: [number, number] | null): void;
}

/**
 * Ctrl+F: every match is highlighted (CSS Custom Highlight API, so the text is not re-rendered),
 * Enter / Shift+Enter step through them, Escape closes the bar with the current match selected
 * in the text, ready for a label key.
 */
export function FindBar({ text, textRef, renderVersion, from, onClose }: FindBarProps) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const hits = useMemo(() => findHits(text, query), [text, query]);
  const current = index >= 0 ? (hits[index] ?? null) : null;

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  useEffect(() => {
    const root = textRef.current;
    const api = customHighlights();
    if (!root || !api) return;
    const { registry: highlights, Highlight } = api;
    const ranges = hits.slice(0, 2000).map(([start, end]) => textRange(root, start, end)).filter((r): r is Range => r !== null);
    highlights.set('qb-find', new Highlight(...ranges));
    const now = current ? textRange(root, current[0], current[1]) : null;
    if (now) {
      highlights.set('qb-find-current', new Highlight(now));
      const rect = now.getBoundingClientRect();
      const view = root.closest('.doc-view');
      if (view && rect.height > 0) {
        const box = view.getBoundingClientRect();
        if (rect.top < box.top + 40 || rect.bottom > box.bottom - 40) view.scrollTop += rect.top - box.top - box.height / 3;
      }
    } else highlights.delete('qb-find-current');
  }, [hits, current, textRef, renderVersion]);

  useEffect(
    () => () => {
      customHighlights()?.registry.delete('qb-find');
      customHighlights()?.registry.delete('qb-find-current');
    },
    [],
  );

  const step = (delta: 1 | -1) => {
    if (hits.length === 0) return;
    setIndex((i) => (i + delta + hits.length) % hits.length);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(current);
    } else if ((event.key === 'g' || event.key === 'G') && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    }
  };

  return (
    <div className="find-bar" role="search" data-testid="find-bar">
      <input
        ref={inputRef}
        className="input"
        data-testid="find-input"
        aria-label="Find in this document"
        placeholder="Find in this document"
        value={query}
        onChange={(e) => {
          // The current match is chosen with the query, in the same update: Escape right after typing selects it.
          setQuery(e.target.value);
          setIndex(firstHitFrom(findHits(text, e.target.value), from));
        }}
        onKeyDown={onKeyDown}
      />
      <span className="find-count" data-testid="find-count" aria-live="polite">
        {query === '' ? '' : hits.length === 0 ? 'no matches' : `${index + 1} of ${hits.length}`}
      </span>
      <button type="button" className="btn btn-small" onClick={() => step(-1)} disabled={hits.length === 0} aria-label="Previous match (Shift+Enter)">
        ↑
      </button>
      <button type="button" className="btn btn-small" onClick={() => step(1)} disabled={hits.length === 0} aria-label="Next match (Enter)">
        ↓
      </button>
      <button type="button" className="btn btn-small" onClick={() => onClose(current)} title="Close, selecting the current match">
        Select <Kbd>Esc</Kbd>
      </button>
    </div>
  );
}

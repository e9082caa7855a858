import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Relation, Span } from '../../../../shared/model.js';
import { Kbd } from '../../ui/Kbd.js';
import { handleListKey } from '../../ui/list-keys.js';

/** Props of a quote's link to its source mention or cue. */
export interface LinkFieldProps {
  title: string;
  /** The key that opens the picker (R, U). */
  keyName: string;
  linked: { relation: Relation; span: Span }[];
  /** Spans that can be linked, nearest first. */
  candidates: Span[];
  focusRequest: number | null;
  testId: string;
  onLink(spanId: string): void;
  onUnlink(relation: Relation): void;
  /** Shows a span in the text (scrolls to it) without selecting it. */
  onPeek(spanId: string | null): void;
  onDone(): void;
}

function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Linked spans with an unlink button, and a keyboard picker of the nearest candidates. */
export function LinkField({ title, keyName, linked, candidates, focusRequest, testId, onLink, onUnlink, onPeek, onDone }: LinkFieldProps) {
  const [picking, setPicking] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  useLayoutEffect(() => {
    if (focusRequest === null) return;
    setPicking(true);
    setActive(0);
  }, [focusRequest]);
  useLayoutEffect(() => {
    if (picking) listRef.current?.focus();
  }, [picking]);
  const activeId = picking ? (candidates[Math.min(active, candidates.length - 1)]?.id ?? null) : null;
  useEffect(() => {
    onPeek(activeId);
  }, [activeId, onPeek]);

  const close = () => {
    setPicking(false);
    onPeek(null);
    onDone();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) =>
    handleListKey(event, candidates.length, Math.min(active, candidates.length - 1), {
      move: setActive,
      choose: () => {
        if (activeId) onLink(activeId);
        close();
      },
      close,
    });

  return (
    <div className="link-field" data-testid={testId}>
      <ul className="linked">
        {linked.map(({ relation, span }) => (
          <li key={relation.id} data-testid={`${testId}-linked`} data-span-id={span.id}>
            <span className="linked-text">{clip(span.quote)}</span>
            <button type="button" className="btn btn-small btn-quiet" aria-label={`Unlink ${title.toLowerCase()} “${clip(span.quote, 30)}”`} onClick={() => onUnlink(relation)}>
              ×
            </button>
          </li>
        ))}
        {linked.length === 0 && !picking ? (
          <li className="missing">
            None{' '}
            <button type="button" className="btn btn-small" onClick={() => setPicking(true)} disabled={candidates.length === 0}>
              Link <Kbd>{keyName}</Kbd>
            </button>
          </li>
        ) : null}
      </ul>
      {picking ? (
        candidates.length > 0 ? (
          <ul
            ref={listRef}
            className="combo-list picker"
            role="listbox"
            tabIndex={0}
            aria-label={`Link a ${title.toLowerCase()}: arrows to choose, Enter to link`}
            aria-activedescendant={activeId ? `${testId}-c-${activeId}` : undefined}
            onKeyDown={onKeyDown}
            onBlur={() => {
              setPicking(false);
              onPeek(null);
            }}
            data-testid={`${testId}-picker`}
          >
            {candidates.map((span, i) => (
              <li
                key={span.id}
                id={`${testId}-c-${span.id}`}
                role="option"
                aria-selected={span.id === activeId}
                className={span.id === activeId ? 'combo-option active' : 'combo-option'}
                data-testid={`${testId}-candidate`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  setActive(i);
                  onLink(span.id);
                  close();
                }}
              >
                {clip(span.quote)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="missing" role="status">
            No {title.toLowerCase()} span in this document yet: select its text and label it first.
          </p>
        )
      ) : null}
    </div>
  );
}

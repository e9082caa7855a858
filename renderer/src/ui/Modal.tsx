import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { focusHomeIfLost } from './focus-home.js';
import { overlayOpened } from './overlays.js';

/** Props of a modal dialog. */
export interface ModalProps {
  title: string;
  testId: string;
  /** Null when the dialog must be answered (it then ignores Escape). */
  onClose: (() => void) | null;
  children: ReactNode;
  wide?: boolean;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A centred modal dialog: focus moves into it, Tab cycles inside it, Escape closes it, and
 * focus returns to where it was when it closes (or to the document list when nothing was).
 */
export function Modal({ title, testId, onClose, children, wide }: ModalProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => overlayOpened(), []);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = boxRef.current;
    if (box && !box.contains(document.activeElement)) {
      const first = box.querySelector<HTMLElement>('[data-autofocus]') ?? box.querySelector<HTMLElement>(FOCUSABLE) ?? box;
      first.focus();
    }
    return () => {
      if (previous && previous.isConnected) previous.focus({ preventScroll: true });
      // Nothing was focused before the dialog opened: focus falls to the document list.
      focusHomeIfLost();
    };
  }, []);

  // When the focused control inside disappears (a merged row), focus falls to <body>: keys
  // still belong to the dialog, and focus goes back into it.
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const onStray = (event: globalThis.KeyboardEvent) => {
      if (document.activeElement !== document.body && document.activeElement !== null) return;
      if (event.key === 'Escape' && closeRef.current) {
        event.preventDefault();
        closeRef.current();
      } else boxRef.current?.focus();
    };
    window.addEventListener('keydown', onStray);
    return () => window.removeEventListener('keydown', onStray);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && onClose) {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = Array.from(boxRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose?.()}>
      <div
        ref={boxRef}
        className={wide ? 'modal modal-wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${testId}-title`}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="modal-head">
          <h2 className="modal-title" id={`${testId}-title`}>
            {title}
          </h2>
          {onClose && (
            <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
              ×
            </button>
          )}
        </div>
        {children}
      </div>
    </div>
  );
}

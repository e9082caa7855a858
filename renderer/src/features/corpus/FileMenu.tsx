import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { overlayOpened } from '../../ui/overlays.js';
import type { RecentCorpus } from '../../../../shared/api.js';

/** Props of the File menu. */
export interface FileMenuProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  recent: RecentCorpus[];
  canPickFolder: boolean;
  hasCorpus: boolean;
  busy: boolean;
  onOpenCorpus: () => void;
  onOpenRecent: (recentId: string) => void;
  onCloseCorpus: () => void;
  /** The corpus views (speakers, search, overview, labels), shown when a corpus is open. */
  views: { id: string; label: string; hint?: string; onSelect: () => void }[];
}

/**
 * The File menu: Open Corpus Folder…, the recent corpora (most recent first), Close corpus.
 * ↑/↓ move, Enter runs, Escape closes and returns focus to the button; Alt+F or F10 opens it
 * (bound globally).
 */
export function FileMenu(props: FileMenuProps) {
  const { open, onOpenChange, recent, canPickFolder, hasCorpus, busy } = props;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => (open ? overlayOpened() : undefined), [open]);

  useEffect(() => {
    if (!open) return;
    const items = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [];
    const first = Array.from(items).find((el) => el.getAttribute('aria-disabled') !== 'true') ?? items[0];
    first?.focus();
    const onDown = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) onOpenChange(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, onOpenChange]);

  const run = (action: () => void) => {
    onOpenChange(false);
    buttonRef.current?.focus();
    action();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = all.indexOf(document.activeElement as HTMLElement);
    let target: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowDown':
        target = all[(index + 1) % all.length];
        break;
      case 'ArrowUp':
        target = all[(index - 1 + all.length) % all.length];
        break;
      case 'Home':
        target = all[0];
        break;
      case 'End':
        target = all[all.length - 1];
        break;
      case 'Escape':
        onOpenChange(false);
        buttonRef.current?.focus();
        break;
      case 'Tab':
        onOpenChange(false);
        return;
      default:
        return;
    }
    target?.focus();
    event.preventDefault();
    event.stopPropagation();
  };

  const openDisabled = !canPickFolder || busy;
  return (
    <div className="file-menu-wrap">
      <button
        ref={buttonRef}
        type="button"
        className={open ? 'menu-button is-open' : 'menu-button'}
        data-testid="file-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        title="File (Alt+F)"
        onClick={() => onOpenChange(!open)}
      >
        File
      </button>
      {open && (
        <div className="menu" ref={menuRef} role="menu" aria-label="File" data-testid="file-menu-popup" onKeyDown={onMenuKey}>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="menu-item"
            data-testid="menu-open"
            aria-disabled={openDisabled}
            title={canPickFolder ? undefined : 'Browser mode: start `quotebench serve FOLDER` to open another corpus'}
            onClick={() => !openDisabled && run(props.onOpenCorpus)}
          >
            <span>Open Corpus Folder…</span>
            <span className="menu-hint">Ctrl+O</span>
          </button>
          <div className="menu-sep" role="separator" />
          <div className="menu-group" id="menu-recent-label">
            Recent corpora
          </div>
          {recent.length === 0 && <div className="menu-empty">None yet</div>}
          <div role="group" aria-labelledby="menu-recent-label">
            {recent.map((r) => (
              <button
                key={r.id}
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="menu-item menu-item-recent"
                data-testid="recent-item"
                data-recent-id={r.id}
                aria-disabled={busy}
                title={r.path}
                onClick={() => !busy && run(() => props.onOpenRecent(r.id))}
              >
                <span className="recent-name">{r.name}</span>
                <span className="menu-hint menu-path">{r.path}</span>
              </button>
            ))}
          </div>
          {hasCorpus && props.views.length > 0 ? (
            <>
              <div className="menu-sep" role="separator" />
              {props.views.map((v) => (
                <button
                  key={v.id}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="menu-item"
                  data-testid={`menu-view-${v.id}`}
                  onClick={() => run(v.onSelect)}
                >
                  <span>{v.label}</span>
                  {v.hint ? <span className="menu-hint">{v.hint}</span> : null}
                </button>
              ))}
            </>
          ) : null}
          <div className="menu-sep" role="separator" />
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="menu-item"
            data-testid="menu-close"
            aria-disabled={!hasCorpus || busy}
            onClick={() => hasCorpus && !busy && run(props.onCloseCorpus)}
          >
            <span>Close corpus</span>
          </button>
        </div>
      )}
    </div>
  );
}

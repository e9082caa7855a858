import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { isOverlayOpen, isTextEntry } from './key-target.js';
import { BINDINGS, type CommandId } from './bindings.js';
import { candidates, type KeyEnv } from './dispatch.js';
import { KeymapContext, type CommandHandler, type KeymapApi } from './keymap-context.js';

/** Where the key press happens, from the event's target (the focused element) and the open overlays. */
function keyEnv(event: KeyboardEvent): KeyEnv {
  const target = event.target instanceof Element ? event.target : null;
  const within = (selector: string) => target?.closest(selector) != null;
  return {
    typing: isTextEntry(event.target),
    overlay: isOverlayOpen(),
    inText: within('[data-testid="doc-view"]'),
    inList: within('[data-testid="doc-list"]'),
    inSpanList: within('[data-testid="span-list"] [role="listbox"]'),
    inDocPane: target === null || target === document.body || within('.doc-pane'),
  };
}

/**
 * Owns the app's one keydown listener: every key goes through the binding table (bindings.ts)
 * to the handler a feature registered for it. A key that a focused control handled (and so
 * prevented) never reaches it.
 */
export function KeymapProvider({ children }: { children: ReactNode }) {
  const handlers = useRef(new Map<CommandId, CommandHandler[]>());
  const api = useMemo<KeymapApi>(
    () => ({
      register(id, handler) {
        const list = handlers.current.get(id) ?? [];
        handlers.current.set(id, [...list, handler]);
        return () => handlers.current.set(id, (handlers.current.get(id) ?? []).filter((h) => h !== handler));
      },
    }),
    [],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const live = (id: string) => (handlers.current.get(id as CommandId)?.length ?? 0) > 0;
      for (const { binding, chord } of candidates(BINDINGS, event, keyEnv(event), live)) {
        // The handler registered last (the innermost feature) is asked first.
        for (const handler of [...(handlers.current.get(binding.id as CommandId) ?? [])].reverse()) {
          if (handler({ chord, event }) === false) continue;
          event.preventDefault();
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return <KeymapContext.Provider value={api}>{children}</KeymapContext.Provider>;
}

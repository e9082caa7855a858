/** Toast state plus its one effect: each toast leaves on its own after a while. */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { initialNotices, noticesReducer, type Notice } from './notices-reducer.js';
import type { NoticesApi } from './notices-context.js';

const ERROR_MS = 9000;
const INFO_MS = 4000;

/** Owns the toast list and the timers that dismiss toasts. */
export function useNoticesState(): NoticesApi {
  const [state, dispatch] = useReducer(noticesReducer, initialNotices);
  const notify = useCallback((message: string, tone: Notice['tone'] = 'error') => dispatch({ type: 'notice-posted', message, tone }), []);
  const dismiss = useCallback((id: number) => dispatch({ type: 'notice-dismissed', id }), []);

  // One timer per toast, started when it first shows: a newer toast never restarts an older one's clock.
  const timers = useRef(new Map<number, number>());
  useEffect(() => {
    const live = new Set(state.items.map((n) => n.id));
    for (const n of state.items) {
      if (!timers.current.has(n.id)) timers.current.set(n.id, window.setTimeout(() => dismiss(n.id), n.tone === 'error' ? ERROR_MS : INFO_MS));
    }
    for (const [id, t] of timers.current) {
      if (!live.has(id)) {
        window.clearTimeout(t);
        timers.current.delete(id);
      }
    }
  }, [state.items, dismiss]);
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((t) => window.clearTimeout(t));
  }, []);

  return useMemo(() => ({ items: state.items, notify, dismiss }), [state.items, notify, dismiss]);
}

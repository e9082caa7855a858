/** Toast state plus its one effect: each toast leaves on its own after a while. */
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { initialNotices, noticesReducer, type Notice } from './notices-reducer.js';
import type { NoticesApi } from './notices-context.js';

const ERROR_MS = 9000;
const INFO_MS = 4000;

/** Owns the toast list and the timers that dismiss toasts. */
export function useNoticesState(): NoticesApi {
  const [state, dispatch] = useReducer(noticesReducer, initialNotices);
  const notify = useCallback((message: string, tone: Notice['tone'] = 'error') => dispatch({ type: 'notice-posted', message, tone }), []);
  const dismiss = useCallback((id: number) => dispatch({ type: 'notice-dismissed', id }), []);

  useEffect(() => {
    const timers = state.items.map((n) => window.setTimeout(() => dismiss(n.id), n.tone === 'error' ? ERROR_MS : INFO_MS));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [state.items, dismiss]);

  return useMemo(() => ({ items: state.items, notify, dismiss }), [state.items, notify, dismiss]);
}

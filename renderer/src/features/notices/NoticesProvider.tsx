import type { ReactNode } from 'react';
import { NoticesContext } from './notices-context.js';
import { useNoticesState } from './use-notices-state.js';

/** Provides the toast list to the whole app. */
export function NoticesProvider({ children }: { children: ReactNode }) {
  const notices = useNoticesState();
  return <NoticesContext.Provider value={notices}>{children}</NoticesContext.Provider>;
}

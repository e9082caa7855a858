import type { ReactNode } from 'react';
import { SessionContext } from './session-context.js';
import { useSessionState } from './use-session-state.js';

/** Provides the session slice to the app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const session = useSessionState();
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

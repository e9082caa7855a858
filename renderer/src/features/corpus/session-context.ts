/** Shares the session slice and its actions. */
import { createContext, useContext } from 'react';
import type { LabelDef } from '../../../../shared/model.js';
import type { SessionState } from './session-reducer.js';

/** Session state plus the calls that change it. */
export interface SessionApi {
  state: SessionState;
  labels: LabelDef[];
  /** Resolves to an error message to show beside the name field, or null when saved. */
  saveAnnotator(name: string): Promise<string | null>;
  pickCorpus(): void;
  openRecent(recentId: string): void;
  closeCorpus(): void;
  retry(): void;
  /** Reads project.json again. */
  reloadProject(): Promise<void>;
}

/** Filled by SessionProvider. */
export const SessionContext = createContext<SessionApi | null>(null);

/** The session; throws only on a wiring mistake. */
export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() needs a SessionProvider');
  return value;
}

/** Lets any feature post a toast without knowing where toasts are drawn. */
import { createContext, useContext } from 'react';
import type { Notice } from './notices-reducer.js';

/** What features may do with toasts. */
export interface NoticesApi {
  items: Notice[];
  notify(message: string, tone?: Notice['tone']): void;
  dismiss(id: number): void;
}

/** Filled by NoticesProvider. */
export const NoticesContext = createContext<NoticesApi | null>(null);

/** The toast poster; throws only on a wiring mistake. */
export function useNotices(): NoticesApi {
  const value = useContext(NoticesContext);
  if (!value) throw new Error('useNotices() needs a NoticesProvider');
  return value;
}

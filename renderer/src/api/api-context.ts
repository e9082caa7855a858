/** Hands the one API client to the features that call main. */
import { createContext, useContext } from 'react';
import type { QuotebenchApi } from '../../../shared/api.js';

/** Holds the client chosen at start (tests may provide a fake). */
export const ApiContext = createContext<QuotebenchApi | null>(null);

/** The API client; throws only on a wiring mistake (no provider). */
export function useApi(): QuotebenchApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an ApiContext provider');
  return api;
}

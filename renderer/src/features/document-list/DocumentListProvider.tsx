import type { ReactNode } from 'react';
import { ListContext } from './list-context.js';
import { useListState } from './use-list-state.js';

/** Provides the document list slice. */
export function DocumentListProvider({ children }: { children: ReactNode }) {
  const list = useListState();
  return <ListContext.Provider value={list}>{children}</ListContext.Provider>;
}

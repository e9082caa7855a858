import type { ReactNode } from 'react';
import { DocumentContext } from './document-context.js';
import { useDocumentState } from './use-document-state.js';

/** Provides the open document slice. */
export function DocumentProvider({ children }: { children: ReactNode }) {
  const doc = useDocumentState();
  return <DocumentContext.Provider value={doc}>{children}</DocumentContext.Provider>;
}

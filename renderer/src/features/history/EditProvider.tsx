import type { ReactNode } from 'react';
import { EditContext } from './edit-context.js';
import { useEditState } from './use-edit-state.js';

/** Provides the edits and the undo history. Sits inside the document and registry providers. */
export function EditProvider({ children }: { children: ReactNode }) {
  const edits = useEditState();
  return <EditContext.Provider value={edits}>{children}</EditContext.Provider>;
}

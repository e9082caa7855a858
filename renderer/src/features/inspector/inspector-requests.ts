/**
 * Keys pressed in the document (L, T, R, U, N for note) ask the inspector to open one of its
 * fields. The request carries a sequence number so pressing the same key twice asks twice.
 */
import { createContext, useContext } from 'react';

/** The inspector fields a key can open. */
export type InspectorField = 'speaker' | 'target' | 'note' | 'link-source' | 'link-cue';

export interface InspectorRequest {
  field: InspectorField;
  /** The span selected when the key was pressed: another span's card ignores the request. */
  spanId: string;
  seq: number;
}

export interface InspectorRequestApi {
  request: InspectorRequest | null;
  ask(field: InspectorField, spanId: string): void;
  /** The field has taken the request (so it is not replayed when the inspector re-renders). */
  done(): void;
}

export const InspectorRequestContext = createContext<InspectorRequestApi | null>(null);

/** The request channel; throws only on a wiring mistake. */
export function useInspectorRequests(): InspectorRequestApi {
  const value = useContext(InspectorRequestContext);
  if (!value) throw new Error('useInspectorRequests() needs an InspectorRequestProvider');
  return value;
}

import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { InspectorRequestContext, type InspectorField, type InspectorRequest } from './inspector-requests.js';

/** Holds the latest key request for an inspector field. */
export function InspectorRequestProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<InspectorRequest | null>(null);
  const seq = useRef(0);
  const ask = useCallback((field: InspectorField, spanId: string) => {
    seq.current += 1;
    setRequest({ field, spanId, seq: seq.current });
  }, []);
  const done = useCallback(() => setRequest(null), []);
  const value = useMemo(() => ({ request, ask, done }), [request, ask, done]);
  return <InspectorRequestContext.Provider value={value}>{children}</InspectorRequestContext.Provider>;
}

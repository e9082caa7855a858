import { useCallback, useMemo, useReducer, type ReactNode } from 'react';
import { OverlayContext } from './overlay-context.js';
import { initialOverlay, overlayReducer, type Overlay } from './overlay-reducer.js';

/** Provides the overlay slice. */
export function OverlayProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(overlayReducer, initialOverlay);
  const open = useCallback((overlay: Exclude<Overlay, 'none'>) => dispatch({ type: 'overlay-opened', overlay }), []);
  const close = useCallback((overlay?: Overlay) => dispatch({ type: 'overlay-closed', overlay }), []);
  const value = useMemo(() => ({ overlay: state.overlay, open, close }), [state.overlay, open, close]);
  return <OverlayContext.Provider value={value}>{children}</OverlayContext.Provider>;
}

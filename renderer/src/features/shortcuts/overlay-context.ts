/** Shares the open overlay, so keyboard handlers know when a dialog owns the keys. */
import { createContext, useContext } from 'react';
import type { Overlay } from './overlay-reducer.js';

/** Overlay state plus open/close. */
export interface OverlayApi {
  overlay: Overlay;
  open(overlay: Exclude<Overlay, 'none'>): void;
  close(overlay?: Overlay): void;
}

/** Filled by OverlayProvider. */
export const OverlayContext = createContext<OverlayApi | null>(null);

/** The overlay state; throws only on a wiring mistake. */
export function useOverlay(): OverlayApi {
  const value = useContext(OverlayContext);
  if (!value) throw new Error('useOverlay() needs an OverlayProvider');
  return value;
}

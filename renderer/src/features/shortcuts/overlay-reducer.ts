/** Which overlay (menu or dialog) is open: at most one at a time. */

/** The overlays the app can show over its panes. */
export type Overlay = 'none' | 'file-menu' | 'shortcut-sheet' | 'annotator' | 'speakers' | 'search' | 'overview' | 'schema' | 'export' | 'import' | 'review-setup' | 'agreement';

/** Overlay slice. */
export interface OverlayState {
  overlay: Overlay;
}

/** What can happen to overlays. */
export type OverlayAction = { type: 'overlay-opened'; overlay: Exclude<Overlay, 'none'> } | { type: 'overlay-closed'; overlay?: Overlay };

/** Nothing open. */
export const initialOverlay: OverlayState = { overlay: 'none' };

/** Pure reducer: opening replaces any other overlay; closing a named one leaves others alone. */
export function overlayReducer(state: OverlayState, action: OverlayAction): OverlayState {
  switch (action.type) {
    case 'overlay-opened':
      return state.overlay === action.overlay ? state : { overlay: action.overlay };
    case 'overlay-closed':
      if (action.overlay && action.overlay !== state.overlay) return state;
      return state.overlay === 'none' ? state : initialOverlay;
  }
}

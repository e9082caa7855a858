import { describe, expect, it } from 'vitest';
import { initialOverlay, overlayReducer } from './overlay-reducer.js';

describe('overlayReducer', () => {
  it('opens one overlay at a time', () => {
    const menu = overlayReducer(initialOverlay, { type: 'overlay-opened', overlay: 'file-menu' });
    expect(overlayReducer(menu, { type: 'overlay-opened', overlay: 'shortcut-sheet' }).overlay).toBe('shortcut-sheet');
  });

  it('closing a named overlay leaves another one open', () => {
    const sheet = overlayReducer(initialOverlay, { type: 'overlay-opened', overlay: 'shortcut-sheet' });
    expect(overlayReducer(sheet, { type: 'overlay-closed', overlay: 'file-menu' })).toBe(sheet);
    expect(overlayReducer(sheet, { type: 'overlay-closed' }).overlay).toBe('none');
  });
});

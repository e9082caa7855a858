import { describe, expect, it } from 'vitest';
import { prepareSelection } from './prepare-selection.js';

// Two spaces, "Hi", a space, 👍🏽 (4 UTF-16 units at 5..9), two spaces: 11 units.
const TEXT = '  Hi 👍🏽  ';

describe('prepareSelection', () => {
  it('orders the ends and trims white space', () => {
    expect(prepareSelection(TEXT, 11, 0)).toEqual({ start: 2, end: 9 });
  });

  it('never splits the emoji cluster', () => {
    expect(prepareSelection(TEXT, 2, 6)).toEqual({ start: 2, end: 9 });
    expect(prepareSelection(TEXT, 7, 9)).toEqual({ start: 5, end: 9 });
  });

  it('is null for an empty or all-blank selection', () => {
    expect(prepareSelection(TEXT, 7, 7)).toBeNull();
    expect(prepareSelection(TEXT, 0, 2)).toBeNull();
  });
});

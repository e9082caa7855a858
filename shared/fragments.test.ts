import { describe, expect, it } from 'vitest';
import { piecesOf, withFragment, withoutFragment } from './fragments.js';

describe('fragments', () => {
  it('a one-piece span is its range', () => {
    expect(piecesOf({ start: 3, end: 9 })).toEqual([[3, 9]]);
    expect(piecesOf({ start: 3, end: 20, fragments: [[3, 9], [15, 20]] })).toEqual([[3, 9], [15, 20]]);
  });

  it('adds a piece in order, joining pieces it overlaps or touches', () => {
    expect(withFragment([[10, 20]], [30, 40])).toEqual([[10, 20], [30, 40]]);
    expect(withFragment([[30, 40]], [10, 20])).toEqual([[10, 20], [30, 40]]);
    expect(withFragment([[10, 20], [30, 40]], [18, 32])).toEqual([[10, 40]]);
    expect(withFragment([[10, 20]], [20, 25])).toEqual([[10, 25]]);
    expect(withFragment([[10, 20]], [12, 15])).toEqual([[10, 20]]);
  });

  it('removes a piece but never the last one', () => {
    expect(withoutFragment([[10, 20], [30, 40]], 0)).toEqual([[30, 40]]);
    expect(withoutFragment([[10, 20]], 0)).toBeNull();
    expect(withoutFragment([[10, 20], [30, 40]], 2)).toBeNull();
  });
});

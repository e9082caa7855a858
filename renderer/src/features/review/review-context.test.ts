import { describe, expect, it } from 'vitest';
import type { ReviewItem } from '../../../../shared/review.js';
import { nextConflictKey, nextItemKey } from './review-context.js';

const item = (key: string, state: ReviewItem['state'], decided = false): ReviewItem => ({
  key,
  state,
  start: 0,
  end: 1,
  versions: [],
  missing: [],
  differences: [],
  decision: decided ? { spanIds: [], action: 'rejected', by: 'x', at: 't' } : null,
});

describe('nextItemKey', () => {
  it('steps to undecided conflicts first, wrapping; then to undecided agreements; then anywhere', () => {
    const items = [item('a', 'agree'), item('b', 'conflict'), item('c', 'only-one', true), item('d', 'only-one')];
    expect(nextItemKey(items, null, 1)).toBe('b');
    expect(nextItemKey(items, 'b', 1)).toBe('d');
    expect(nextItemKey(items, 'd', 1)).toBe('b');
    expect(nextItemKey(items, 'b', -1)).toBe('d');
    expect(nextItemKey([item('a', 'agree'), item('b', 'conflict', true)], null, 1)).toBe('a');
    expect(nextItemKey([item('a', 'agree', true)], 'a', 1)).toBe('a');
    expect(nextItemKey([], null, 1)).toBeNull();
  });
});

describe('nextConflictKey', () => {
  it('jumps over agreements and one-sided groups to conflicts, undecided first, wrapping; stays put without one', () => {
    const items = [item('a', 'conflict', true), item('b', 'only-one'), item('c', 'conflict'), item('d', 'agree'), item('e', 'conflict')];
    expect(nextConflictKey(items, null, 1)).toBe('c');
    expect(nextConflictKey(items, 'c', 1)).toBe('e');
    expect(nextConflictKey(items, 'e', 1)).toBe('c');
    expect(nextConflictKey(items, 'c', -1)).toBe('e');
    expect(nextConflictKey([item('a', 'conflict', true), item('b', 'agree')], 'b', 1)).toBe('a');
    expect(nextConflictKey([item('a', 'agree'), item('b', 'only-one')], 'a', 1)).toBe('a');
    expect(nextConflictKey([], null, 1)).toBeNull();
  });
});

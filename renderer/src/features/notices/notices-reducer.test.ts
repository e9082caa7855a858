import { describe, expect, it } from 'vitest';
import { initialNotices, MAX_NOTICES, noticesReducer } from './notices-reducer.js';

describe('noticesReducer', () => {
  it('adds toasts with increasing ids and dismisses by id', () => {
    let state = noticesReducer(initialNotices, { type: 'notice-posted', message: 'one', tone: 'error' });
    state = noticesReducer(state, { type: 'notice-posted', message: 'two', tone: 'info' });
    expect(state.items.map((n) => [n.id, n.message])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    state = noticesReducer(state, { type: 'notice-dismissed', id: 1 });
    expect(state.items.map((n) => n.message)).toEqual(['two']);
  });

  it('does not stack a repeat of the newest message', () => {
    let state = noticesReducer(initialNotices, { type: 'notice-posted', message: 'same', tone: 'error' });
    state = noticesReducer(state, { type: 'notice-posted', message: 'same', tone: 'error' });
    expect(state.items.map((n) => n.id)).toEqual([2]);
  });

  it(`keeps at most ${MAX_NOTICES}`, () => {
    let state = initialNotices;
    for (let i = 1; i <= 6; i += 1) state = noticesReducer(state, { type: 'notice-posted', message: `m${i}`, tone: 'error' });
    expect(state.items.map((n) => n.message)).toEqual(['m3', 'm4', 'm5', 'm6']);
  });
});

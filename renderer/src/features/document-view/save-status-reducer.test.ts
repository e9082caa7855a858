import { describe, expect, it } from 'vitest';
import { initialSave, saveLabel, saveReducer } from './save-status-reducer.js';

describe('saveReducer', () => {
  it('says nothing before the first edit', () => {
    expect(saveLabel(initialSave)).toEqual({ tone: 'idle', text: '', completed: 0 });
  });

  it('says Saving… while any edit is pending and Saved only when all resolved ok', () => {
    let state = saveReducer(initialSave, { type: 'save-started' });
    state = saveReducer(state, { type: 'save-started' });
    expect(saveLabel(state).text).toBe('Saving…');
    state = saveReducer(state, { type: 'save-succeeded' });
    expect(saveLabel(state).text).toBe('Saving…');
    state = saveReducer(state, { type: 'save-succeeded' });
    expect(saveLabel(state)).toEqual({ tone: 'saved', text: 'Saved', completed: 2 });
  });

  it('shows a failure with its message until a later edit succeeds', () => {
    let state = saveReducer(initialSave, { type: 'save-started' });
    state = saveReducer(state, { type: 'save-failed', message: 'disk full' });
    expect(saveLabel(state)).toEqual({ tone: 'failed', text: 'Not saved: disk full', completed: 1 });
    state = saveReducer(state, { type: 'save-started' });
    state = saveReducer(state, { type: 'save-succeeded' });
    expect(saveLabel(state).text).toBe('Saved');
  });

  it('shows what a long save is doing instead of Saving… until it is taken away', () => {
    let state = saveReducer(initialSave, { type: 'save-started' });
    state = saveReducer(state, { type: 'save-progress', text: 'Accepting 2,000 suggestions…' });
    expect(saveLabel(state)).toEqual({ tone: 'pending', text: 'Accepting 2,000 suggestions…', completed: 0 });
    state = saveReducer(state, { type: 'save-succeeded' });
    state = saveReducer(state, { type: 'save-progress', text: null });
    expect(saveLabel(state)).toEqual({ tone: 'saved', text: 'Saved', completed: 1 });
  });

  it('resets only when nothing is pending', () => {
    const pending = saveReducer(initialSave, { type: 'save-started' });
    expect(saveReducer(pending, { type: 'save-reset' })).toBe(pending);
    const done = saveReducer(pending, { type: 'save-succeeded' });
    // The count of answered writes survives a reset (tests wait for it to grow).
    expect(saveReducer(done, { type: 'save-reset' })).toEqual({ ...initialSave, completed: 1 });
  });
});

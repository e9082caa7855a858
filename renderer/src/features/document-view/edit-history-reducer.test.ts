import { describe, expect, it } from 'vitest';
import type { Span } from '../../../../shared/model.js';
import { historyReducer, initialHistory, inverseKind, type HistoryState } from './edit-history-reducer.js';

function span(id: string, created = 't1'): Span {
  return { id, docId: 'a.txt', start: 0, end: 3, label: 'QUOTE', quote: 'abc', prefix: '', suffix: '', attrs: {}, note: '', author: 'ann', created, modified: created };
}

function opened(): HistoryState {
  return historyReducer(initialHistory, { type: 'history-reset', docId: 'a.txt' });
}

describe('historyReducer', () => {
  it('records edits and clears redo on a new edit', () => {
    let state = opened();
    state = historyReducer(state, { type: 'edit-recorded', docId: 'a.txt', command: { kind: 'create', span: span('x') } });
    state = historyReducer(state, { type: 'edit-undone', docId: 'a.txt', spanId: 'x', span: span('x') });
    expect(state.redo.map((c) => c.span.id)).toEqual(['x']);
    state = historyReducer(state, { type: 'edit-recorded', docId: 'a.txt', command: { kind: 'delete', span: span('y') } });
    expect(state.undo.map((c) => [c.kind, c.span.id])).toEqual([['delete', 'y']]);
    expect(state.redo).toEqual([]);
  });

  it('moves a command to redo and back, keeping its kind and taking the answered span', () => {
    let state = historyReducer(opened(), { type: 'edit-recorded', docId: 'a.txt', command: { kind: 'delete', span: span('x') } });
    state = historyReducer(state, { type: 'edit-undone', docId: 'a.txt', spanId: 'x', span: span('x', 't2') });
    expect(state.undo).toEqual([]);
    expect(state.redo).toEqual([{ kind: 'delete', span: span('x', 't2') }]);
    state = historyReducer(state, { type: 'edit-redone', docId: 'a.txt', spanId: 'x', span: span('x', 't3') });
    expect(state.undo).toEqual([{ kind: 'delete', span: span('x', 't3') }]);
    expect(state.redo).toEqual([]);
  });

  it('ignores edits of another document and forgets everything when the document changes', () => {
    let state = historyReducer(opened(), { type: 'edit-recorded', docId: 'b.txt', command: { kind: 'create', span: span('x') } });
    expect(state.undo).toEqual([]);
    state = historyReducer(state, { type: 'edit-recorded', docId: 'a.txt', command: { kind: 'create', span: span('x') } });
    state = historyReducer(state, { type: 'history-reset', docId: 'b.txt' });
    expect(state).toEqual({ docId: 'b.txt', undo: [], redo: [] });
  });

  it('names the inverse of each command', () => {
    expect(inverseKind({ kind: 'create', span: span('x') })).toBe('delete');
    expect(inverseKind({ kind: 'delete', span: span('x') })).toBe('create');
  });
});

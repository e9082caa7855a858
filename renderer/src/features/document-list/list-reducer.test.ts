import { describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../../../shared/model.js';
import { initialList, listReducer, neighbourId, selectProgress, type ListState } from './list-reducer.js';

function doc(id: string, status: DocumentInfo['status'] = 'todo', spanCount = 0): DocumentInfo {
  return { id, title: id.toUpperCase(), bytes: 10, length: 10, sha256: 'x', spanCount, status };
}

function loaded(documents: DocumentInfo[]): ListState {
  return listReducer(listReducer(initialList, { type: 'list-requested' }), { type: 'list-received', list: { documents, skipped: [], warnings: [] } });
}

describe('listReducer', () => {
  it('puts the cursor on the first document that is not done', () => {
    const state = loaded([doc('a.txt', 'done'), doc('b.txt', 'done'), doc('c.txt'), doc('d.txt')]);
    expect(state.phase).toBe('ready');
    expect(state.cursor).toBe(2);
    expect(state.openDocId).toBeNull();
  });

  it('keeps the open document and its row across a reload', () => {
    let state = loaded([doc('a.txt'), doc('b.txt'), doc('c.txt')]);
    state = listReducer(state, { type: 'document-opened', docId: 'c.txt' });
    state = listReducer(state, { type: 'list-received', list: { documents: [doc('x.txt'), doc('a.txt'), doc('c.txt')], skipped: [], warnings: [] } });
    expect(state.openDocId).toBe('c.txt');
    expect(state.cursor).toBe(2);
  });

  it('keeps the cursor where it was moved when the checked list replaces a provisional one', () => {
    let state = listReducer(initialList, { type: 'list-received', list: { documents: [doc('a.txt'), doc('b.txt'), doc('c.txt')], skipped: [], warnings: [], provisional: true } });
    expect(state.provisional).toBe(true);
    state = listReducer(state, { type: 'cursor-moved', index: 2 });
    // The checked list found a new article before it: the cursor stays on c.txt.
    state = listReducer(state, { type: 'list-received', list: { documents: [doc('a.txt'), doc('aa.txt'), doc('b.txt'), doc('c.txt')], skipped: [], warnings: [] } });
    expect(state.provisional).toBe(false);
    expect(state.cursor).toBe(3);
    // A later reload of a checked list puts it on the first unfinished document again.
    state = listReducer(state, { type: 'list-received', list: { documents: [doc('a.txt'), doc('b.txt')], skipped: [], warnings: [] } });
    expect(state.cursor).toBe(0);
  });

  it('drops the open document when a reload no longer lists it', () => {
    let state = loaded([doc('a.txt'), doc('b.txt')]);
    state = listReducer(state, { type: 'document-opened', docId: 'b.txt' });
    state = listReducer(state, { type: 'list-received', list: { documents: [doc('a.txt')], skipped: [], warnings: [] } });
    expect(state.openDocId).toBeNull();
    expect(state.cursor).toBe(0);
  });

  it('clamps the cursor to the list', () => {
    const state = loaded([doc('a.txt'), doc('b.txt'), doc('c.txt')]);
    expect(listReducer(state, { type: 'cursor-moved', index: 7 }).cursor).toBe(2);
    expect(listReducer(state, { type: 'cursor-moved', index: -3 }).cursor).toBe(0);
  });

  it('ignores opening an unknown document', () => {
    const state = loaded([doc('a.txt')]);
    expect(listReducer(state, { type: 'document-opened', docId: 'nope.txt' })).toBe(state);
  });

  it('updates one row after an edit without touching the others', () => {
    const state = loaded([doc('a.txt'), doc('b.txt', 'todo', 2)]);
    const next = listReducer(state, { type: 'document-changed', docId: 'b.txt', spanCount: 3, status: 'in-progress' });
    expect(next.documents[1]).toMatchObject({ id: 'b.txt', spanCount: 3, status: 'in-progress' });
    expect(next.documents[0]).toBe(state.documents[0]);
    expect(listReducer(next, { type: 'document-changed', docId: 'b.txt', spanCount: 3 })).toBe(next);
  });

  it('takes a new title and length when the text changed on disk', () => {
    const state = loaded([doc('a.txt')]);
    const next = listReducer(state, { type: 'document-changed', docId: 'a.txt', title: 'New title', length: 321, sha256: 'ab' });
    expect(next.documents[0]).toMatchObject({ title: 'New title', length: 321, sha256: 'ab', status: 'todo' });
    expect(listReducer(next, { type: 'document-changed', docId: 'a.txt', title: 'New title', length: 321 })).toBe(next);
  });

  it('counts done documents', () => {
    const state = loaded([doc('a.txt', 'done'), doc('b.txt', 'in-progress'), doc('c.txt', 'done'), doc('d.txt')]);
    expect(selectProgress(state)).toEqual({ done: 2, total: 4 });
  });

  it('finds the neighbour of the open document, or the cursor row when none is open', () => {
    let state = loaded([doc('a.txt', 'done'), doc('b.txt'), doc('c.txt')]);
    expect(neighbourId(state, 1)).toBe('b.txt');
    state = listReducer(state, { type: 'document-opened', docId: 'b.txt' });
    expect(neighbourId(state, 1)).toBe('c.txt');
    expect(neighbourId(state, -1)).toBe('a.txt');
    state = listReducer(state, { type: 'document-opened', docId: 'c.txt' });
    expect(neighbourId(state, 1)).toBeNull();
  });

  it('clears everything when the corpus closes', () => {
    const state = loaded([doc('a.txt')]);
    expect(listReducer(state, { type: 'list-cleared' })).toEqual(initialList);
  });
});

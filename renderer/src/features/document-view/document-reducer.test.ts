import { describe, expect, it } from 'vitest';
import type { OpenedDocument } from '../../../../shared/api.js';
import type { Span } from '../../../../shared/model.js';
import { documentReducer, initialDocument, neighbourSpanId, selectSelectedSpan, toggledStatus, type DocumentState } from './document-reducer.js';

function span(id: string, start: number, end: number, label = 'QUOTE'): Span {
  return { id, docId: 'a.txt', start, end, label, quote: '', prefix: '', suffix: '', attrs: {}, note: '', author: 'ann', created: '', modified: '' };
}

function opened(spans: Span[], status: OpenedDocument['status'] = 'in-progress'): OpenedDocument {
  return { doc: { id: 'a.txt', text: 'Some text for the test.', sha256: 'x' }, annotator: 'ann', status, spans, relations: [] };
}

function ready(spans: Span[], status: OpenedDocument['status'] = 'in-progress'): DocumentState {
  const requested = documentReducer(initialDocument, { type: 'document-requested', docId: 'a.txt' });
  return documentReducer(requested, { type: 'document-received', docId: 'a.txt', opened: opened(spans, status) });
}

describe('documentReducer', () => {
  it('applies a batch of many edits in one pass: spans upserted, removed with their links, sorted once, the last new one selected', () => {
    let state = ready([span('q', 0, 8), span('s', 9, 12)]);
    state = documentReducer(state, { type: 'relation-added', docId: 'a.txt', relation: { id: 'r1', head: 'q', child: 's', label: 'source' }, status: 'in-progress' });
    state = documentReducer(state, { type: 'span-selected', spanId: 's' });
    const many = Array.from({ length: 3000 }, (_, i) => ({ span: span(`n${i}`, 3000 - i, 3001 - i) }));
    const next = documentReducer(state, {
      type: 'layer-edited',
      docId: 'a.txt',
      changes: [{ span: { ...span('q', 0, 8), note: 'edited' } }, { removedSpan: 's' }, ...many, { relation: { id: 'r2', head: 'q', child: 'n0', label: 'cue' } }],
      status: 'done',
      select: 'n2999',
    });
    expect(next.opened?.spans).toHaveLength(3001);
    expect(next.opened?.spans.slice(0, 2).map((s) => [s.id, s.start, s.note])).toEqual([['q', 0, 'edited'], ['n2999', 1, '']]);
    expect(next.opened?.relations.map((r) => r.id)).toEqual(['r2']);
    expect([next.opened?.status, next.selectedSpanId]).toEqual(['done', 'n2999']);
    // A selected span that the batch removed is no longer selected; another document's batch changes nothing.
    expect(documentReducer(state, { type: 'layer-edited', docId: 'a.txt', changes: [{ removedSpan: 's' }], status: 'in-progress', select: null }).selectedSpanId).toBeNull();
    expect(documentReducer(state, { type: 'layer-edited', docId: 'b.txt', changes: [{ removedSpan: 's' }], status: 'todo', select: null })).toBe(state);
  });

  it('adds and removes relations, and drops those touching a removed span', () => {
    let state = ready([span('q', 0, 8), span('s', 9, 12)]);
    state = documentReducer(state, { type: 'relation-added', docId: 'a.txt', relation: { id: 'r1', head: 'q', child: 's', label: 'source' }, status: 'in-progress' });
    state = documentReducer(state, { type: 'relation-added', docId: 'a.txt', relation: { id: 'r1', head: 'q', child: 's', label: 'source' }, status: 'in-progress' });
    expect(state.opened?.relations).toHaveLength(1);
    const removed = documentReducer(state, { type: 'relation-removed', docId: 'a.txt', relationId: 'r1', status: 'in-progress' });
    expect(removed.opened?.relations).toEqual([]);
    const spanGone = documentReducer(state, { type: 'span-removed', docId: 'a.txt', spanId: 's', status: 'in-progress' });
    expect(spanGone.opened?.relations).toEqual([]);
    expect(documentReducer(state, { type: 'relation-removed', docId: 'b.txt', relationId: 'r1', status: 'todo' })).toBe(state);
  });

  it('sorts spans in reading order, outer before inner at the same start', () => {
    const state = ready([span('c', 9, 12), span('b', 0, 4), span('a', 0, 8)]);
    expect(state.phase).toBe('ready');
    expect(state.opened?.spans.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('ignores an answer for a document that is no longer requested', () => {
    const requested = documentReducer(initialDocument, { type: 'document-requested', docId: 'b.txt' });
    const stale = documentReducer(requested, { type: 'document-received', docId: 'a.txt', opened: opened([]) });
    expect(stale).toBe(requested);
  });

  it('adds a created span, takes the status from main and selects it', () => {
    const state = documentReducer(ready([span('a', 5, 9)], 'todo'), { type: 'span-added', docId: 'a.txt', span: span('n', 1, 3), status: 'in-progress' });
    expect(state.opened?.spans.map((s) => s.id)).toEqual(['n', 'a']);
    expect(state.opened?.status).toBe('in-progress');
    expect(state.selectedSpanId).toBe('n');
  });

  it('removes a deleted span and clears the selection when it was selected', () => {
    let state = ready([span('a', 0, 4), span('b', 6, 9)]);
    state = documentReducer(state, { type: 'span-selected', spanId: 'b' });
    state = documentReducer(state, { type: 'span-removed', docId: 'a.txt', spanId: 'b', status: 'in-progress' });
    expect(state.opened?.spans.map((s) => s.id)).toEqual(['a']);
    expect(state.selectedSpanId).toBeNull();
  });

  it('refuses to select a span that does not exist', () => {
    const state = ready([span('a', 0, 4)]);
    expect(documentReducer(state, { type: 'span-selected', spanId: 'zzz' })).toBe(state);
    expect(selectSelectedSpan(documentReducer(state, { type: 'span-selected', spanId: 'a' }))?.id).toBe('a');
  });

  it('steps through spans with wrap-around', () => {
    let state = ready([span('a', 0, 4), span('b', 6, 9), span('c', 10, 12)]);
    expect(neighbourSpanId(state, 1)).toBe('a');
    expect(neighbourSpanId(state, -1)).toBe('c');
    state = documentReducer(state, { type: 'span-selected', spanId: 'c' });
    expect(neighbourSpanId(state, 1)).toBe('a');
    expect(neighbourSpanId(state, -1)).toBe('b');
  });

  it('toggles done, and back to in progress or todo depending on spans', () => {
    expect(toggledStatus(ready([], 'todo'))).toBe('done');
    expect(toggledStatus(ready([span('a', 0, 1)], 'done'))).toBe('in-progress');
    expect(toggledStatus(ready([], 'done'))).toBe('todo');
    expect(toggledStatus(initialDocument)).toBeNull();
  });
});

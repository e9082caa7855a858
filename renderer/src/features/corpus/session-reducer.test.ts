import { describe, expect, it } from 'vitest';
import type { Session } from '../../../../shared/api.js';
import { defaultProject } from '../../../../shared/model.js';
import { initialSession, selectLabels, sessionReducer } from './session-reducer.js';

function session(path: string | null, annotator: string | null = 'ann'): Session {
  return {
    mode: 'electron',
    annotator,
    defaultAnnotator: 'ann',
    corpus: path ? { name: path.split('/').pop() ?? path, path, documentCount: 1, skippedCount: 0 } : null,
    recent: [],
    canPickFolder: true,
  };
}

describe('sessionReducer', () => {
  it('becomes ready with the first session', () => {
    const state = sessionReducer(initialSession, { type: 'session-received', session: session('/c/one') });
    expect(state.phase).toBe('ready');
    expect(state.session?.corpus?.path).toBe('/c/one');
  });

  it('accepts a project only for the corpus that is open, and drops it when the corpus changes', () => {
    let state = sessionReducer(initialSession, { type: 'session-received', session: session('/c/one') });
    const stale = sessionReducer(state, { type: 'project-received', corpusPath: '/c/two', project: defaultProject() });
    expect(stale.project).toBeNull();
    state = sessionReducer(state, { type: 'project-received', corpusPath: '/c/one', project: defaultProject() });
    expect(selectLabels(state).map((l) => l.key)).toEqual(['q', 'c', 's', 'v']);
    const renamed = sessionReducer(state, { type: 'session-received', session: session('/c/one', 'bo') });
    expect(renamed.project).toBe(state.project);
    const other = sessionReducer(state, { type: 'session-received', session: session('/c/two') });
    expect(other.project).toBeNull();
    expect(selectLabels(other)).toEqual([]);
  });

  it('fails only before any session is known', () => {
    const failed = sessionReducer(initialSession, { type: 'session-failed', message: 'boom' });
    expect(failed).toMatchObject({ phase: 'failed', loadError: 'boom' });
    const ready = sessionReducer(initialSession, { type: 'session-received', session: session(null) });
    expect(sessionReducer(ready, { type: 'session-failed', message: 'boom' })).toBe(ready);
  });
});

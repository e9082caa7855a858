/** The session slice: who annotates, which corpus is open, and that corpus's project schema. */
import type { Session } from '../../../../shared/api.js';
import type { LabelDef, ProjectFile } from '../../../../shared/model.js';

/** Session as the UI tracks it. */
export interface SessionState {
  phase: 'loading' | 'ready' | 'failed';
  session: Session | null;
  project: ProjectFile | null;
  /** A call that changes the session (open, close, rename) is running. */
  busy: boolean;
  loadError: string | null;
}

/** What can happen to the session slice. */
export type SessionAction =
  | { type: 'session-requested' }
  | { type: 'session-received'; session: Session }
  | { type: 'session-failed'; message: string }
  | { type: 'busy-changed'; busy: boolean }
  | { type: 'project-received'; corpusPath: string; project: ProjectFile };

/** Before the first getSession answers. */
export const initialSession: SessionState = { phase: 'loading', session: null, project: null, busy: false, loadError: null };

/** Pure reducer for the session slice. The project is dropped whenever the open corpus changes. */
export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'session-requested':
      return { ...state, phase: state.session ? state.phase : 'loading', loadError: null };
    case 'session-received': {
      const sameCorpus = corpusPath(state) !== null && corpusPath(state) === (action.session.corpus?.path ?? null);
      return { ...state, phase: 'ready', session: action.session, project: sameCorpus ? state.project : null, loadError: null };
    }
    case 'session-failed':
      return state.session ? state : { ...state, phase: 'failed', loadError: action.message };
    case 'busy-changed':
      return { ...state, busy: action.busy };
    case 'project-received':
      return corpusPath(state) === action.corpusPath ? { ...state, project: action.project } : state;
  }
}

/** Path of the open corpus, or null. */
export function corpusPath(state: SessionState): string | null {
  return state.session?.corpus?.path ?? null;
}

const NO_LABELS: LabelDef[] = [];

/** The label set of the open corpus (empty until its project is loaded). */
export function selectLabels(state: SessionState): LabelDef[] {
  return state.project?.schema.labels ?? NO_LABELS;
}

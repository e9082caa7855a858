/** Whether the annotator's edits are on disk: "Saved" only once the call that wrote them resolved ok. */

/** Save status slice. */
export interface SaveState {
  /** Edits sent to main that have not answered yet. */
  pending: number;
  outcome: 'none' | 'saved' | 'failed';
  message: string;
  /** Writes answered so far (tests wait for this to grow rather than for a "Saved" already shown). */
  completed: number;
  /** What a long save is doing ("Accepting 2,000 suggestions…"), shown instead of "Saving…"; null for a short one. */
  progress: string | null;
}

/** What can happen to the save status. */
export type SaveAction = { type: 'save-started' } | { type: 'save-succeeded' } | { type: 'save-failed'; message: string } | { type: 'save-reset' } | { type: 'save-progress'; text: string | null };

/** No edit made yet. */
export const initialSave: SaveState = { pending: 0, outcome: 'none', message: '', completed: 0, progress: null };

/** Pure reducer for the save status. A failure stays visible until a later edit succeeds. */
export function saveReducer(state: SaveState, action: SaveAction): SaveState {
  switch (action.type) {
    case 'save-started':
      return { ...state, pending: state.pending + 1 };
    case 'save-succeeded':
      return { ...state, pending: Math.max(0, state.pending - 1), outcome: 'saved', message: '', completed: state.completed + 1 };
    case 'save-failed':
      return { ...state, pending: Math.max(0, state.pending - 1), outcome: 'failed', message: action.message, completed: state.completed + 1 };
    case 'save-progress':
      return { ...state, progress: action.text };
    case 'save-reset':
      return state.pending > 0 ? state : { ...initialSave, completed: state.completed };
  }
}

/** What the indicator shows. */
export interface SaveLabel {
  tone: 'idle' | 'pending' | 'saved' | 'failed';
  text: string;
  completed: number;
}

/** The indicator text: "Saving…" while any edit is pending, else the last outcome. */
export function saveLabel(state: SaveState): SaveLabel {
  const { completed } = state;
  if (state.pending > 0) return { tone: 'pending', text: state.progress ?? 'Saving…', completed };
  if (state.outcome === 'failed') return { tone: 'failed', text: `Not saved: ${state.message}`, completed };
  if (state.outcome === 'saved') return { tone: 'saved', text: 'Saved', completed };
  return { tone: 'idle', text: '', completed };
}

/** Whether the annotator's edits are on disk: "Saved" only once the call that wrote them resolved ok. */

/** Save status slice. */
export interface SaveState {
  /** Edits sent to main that have not answered yet. */
  pending: number;
  outcome: 'none' | 'saved' | 'failed';
  message: string;
  /** Writes answered so far (tests wait for this to grow rather than for a "Saved" already shown). */
  completed: number;
}

/** What can happen to the save status. */
export type SaveAction = { type: 'save-started' } | { type: 'save-succeeded' } | { type: 'save-failed'; message: string } | { type: 'save-reset' };

/** No edit made yet. */
export const initialSave: SaveState = { pending: 0, outcome: 'none', message: '', completed: 0 };

/** Pure reducer for the save status. A failure stays visible until a later edit succeeds. */
export function saveReducer(state: SaveState, action: SaveAction): SaveState {
  switch (action.type) {
    case 'save-started':
      return { ...state, pending: state.pending + 1 };
    case 'save-succeeded':
      return { pending: Math.max(0, state.pending - 1), outcome: 'saved', message: '', completed: state.completed + 1 };
    case 'save-failed':
      return { pending: Math.max(0, state.pending - 1), outcome: 'failed', message: action.message, completed: state.completed + 1 };
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
  if (state.pending > 0) return { tone: 'pending', text: 'Saving…', completed };
  if (state.outcome === 'failed') return { tone: 'failed', text: `Not saved: ${state.message}`, completed };
  if (state.outcome === 'saved') return { tone: 'saved', text: 'Saved', completed };
  return { tone: 'idle', text: '', completed };
}

/**
 * The session's undo and redo stacks. One stack for the whole corpus, so undo keeps working
 * after switching documents and covers corpus-wide edits (speaker merges) too. Each entry is
 * the command as executed; undo runs its inverse, redo runs it again.
 */
import type { Command } from './commands.js';

/** Both stacks, newest last. `busy` is true while an undo or redo runs (they never overlap). */
export interface HistoryState {
  undo: Command[];
  redo: Command[];
  busy: boolean;
}

/** What can happen to the history. */
export type HistoryAction =
  | { type: 'history-cleared' }
  | { type: 'edit-recorded'; command: Command }
  | { type: 'step-started' }
  | { type: 'step-failed' }
  /** The newest undo entry was undone; `redo` is it as executed again later (see invert). */
  | { type: 'undone'; redo: Command }
  /** The newest redo entry was redone; `undo` is the command as it ran this time. */
  | { type: 'redone'; undo: Command };

/** At most this many edits can be undone. */
export const HISTORY_LIMIT = 500;

/** Nothing to undo. */
export const initialHistory: HistoryState = { undo: [], redo: [], busy: false };

/** Pure reducer. A new edit clears the redo stack. */
export function historyReducer(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case 'history-cleared':
      return initialHistory;
    case 'edit-recorded':
      return { ...state, undo: [...state.undo, action.command].slice(-HISTORY_LIMIT), redo: [] };
    case 'step-started':
      return { ...state, busy: true };
    case 'step-failed':
      return { ...state, busy: false };
    case 'undone':
      return { undo: state.undo.slice(0, -1), redo: [...state.redo, action.redo], busy: false };
    case 'redone':
      return { undo: [...state.undo, action.undo].slice(-HISTORY_LIMIT), redo: state.redo.slice(0, -1), busy: false };
  }
}

/** The entry undo would reverse, or null. */
export function nextUndo(state: HistoryState): Command | null {
  return state.undo[state.undo.length - 1] ?? null;
}

/** The entry redo would repeat, or null. */
export function nextRedo(state: HistoryState): Command | null {
  return state.redo[state.redo.length - 1] ?? null;
}

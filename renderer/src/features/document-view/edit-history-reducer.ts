/**
 * Undo and redo for the open document as commands with inverses: undoing a creation deletes the
 * span, undoing a deletion creates it again with the same id (createSpan accepts one for this).
 */
import type { Span } from '../../../../shared/model.js';

/** One edit that can be undone. */
export interface EditCommand {
  kind: 'create' | 'delete';
  span: Span;
}

/** Undo and redo stacks of one document (newest last). */
export interface HistoryState {
  docId: string | null;
  undo: EditCommand[];
  redo: EditCommand[];
}

/** What can happen to the history. */
export type HistoryAction =
  | { type: 'history-reset'; docId: string | null }
  | { type: 'edit-recorded'; docId: string; command: EditCommand }
  | { type: 'edit-undone'; docId: string; spanId: string; span: Span }
  | { type: 'edit-redone'; docId: string; spanId: string; span: Span };

/** At most this many edits can be undone. */
export const HISTORY_LIMIT = 200;

/** Empty history. */
export const initialHistory: HistoryState = { docId: null, undo: [], redo: [] };

/** The call that reverses `command`: a creation is undone by deleting, a deletion by creating. */
export function inverseKind(command: EditCommand): EditCommand['kind'] {
  return command.kind === 'create' ? 'delete' : 'create';
}

/**
 * Pure reducer. A new edit clears the redo stack. Undone and redone commands move between the
 * stacks keeping their kind, with the span as main answered it (a recreated span has new
 * timestamps).
 */
export function historyReducer(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case 'history-reset':
      return state.docId === action.docId && state.undo.length === 0 && state.redo.length === 0 ? state : { docId: action.docId, undo: [], redo: [] };
    case 'edit-recorded':
      if (action.docId !== state.docId) return state;
      return { ...state, undo: [...state.undo, action.command].slice(-HISTORY_LIMIT), redo: [] };
    case 'edit-undone': {
      if (action.docId !== state.docId) return state;
      const moved = take(state.undo, action.spanId);
      if (!moved) return state;
      return { ...state, undo: moved.rest, redo: [...state.redo, { kind: moved.command.kind, span: action.span }] };
    }
    case 'edit-redone': {
      if (action.docId !== state.docId) return state;
      const moved = take(state.redo, action.spanId);
      if (!moved) return state;
      return { ...state, redo: moved.rest, undo: [...state.undo, { kind: moved.command.kind, span: action.span }] };
    }
  }
}

function take(stack: EditCommand[], spanId: string): { command: EditCommand; rest: EditCommand[] } | null {
  const index = stack.map((c) => c.span.id).lastIndexOf(spanId);
  const command = stack[index];
  if (!command) return null;
  return { command, rest: [...stack.slice(0, index), ...stack.slice(index + 1)] };
}

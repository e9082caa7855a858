/** Shares the rule-based suggestions of the open document: shown or not, which one is focused, and the actions. */
import { createContext, useContext } from 'react';
import type { Suggestion } from '../../../../shared/suggest/suggest.js';

export interface SuggestionsApi {
  /** True while suggestions are shown over the text. */
  active: boolean;
  loading: boolean;
  suggestions: readonly Suggestion[];
  /** The focused suggestion, or null. */
  focused: Suggestion | null;
  /** Shows suggestions (or, when shown, focuses the next one; -1 the previous one). */
  step(delta: 1 | -1): void;
  hide(): void;
  focus(id: string): void;
  acceptFocused(): Promise<void>;
  rejectFocused(): Promise<void>;
  acceptAll(): Promise<void>;
}

export const SuggestionsContext = createContext<SuggestionsApi | null>(null);

/** The suggestions; throws only on a wiring mistake. */
export function useSuggestions(): SuggestionsApi {
  const value = useContext(SuggestionsContext);
  if (!value) throw new Error('useSuggestions() needs a SuggestionsProvider');
  return value;
}

/** The index to focus after the list changed: the same suggestion if still there, else the one now at its place. */
export function refocus(list: readonly Suggestion[], previousId: string | null, previousIndex: number): number {
  if (list.length === 0) return -1;
  const same = previousId ? list.findIndex((s) => s.id === previousId) : -1;
  if (same >= 0) return same;
  return Math.min(Math.max(previousIndex, 0), list.length - 1);
}

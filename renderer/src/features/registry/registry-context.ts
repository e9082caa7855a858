/** Shares the corpus-wide registry: speakers (with how often this annotator quotes them) and targets. */
import { createContext, useContext } from 'react';
import type { SpeakerList } from '../../../../shared/api.js';
import type { Speaker, Target } from '../../../../shared/model.js';

/** The registry as the views use it. */
export interface RegistryApi {
  /** Every speaker in project.json (always current after an edit). */
  speakers: Speaker[];
  targets: Target[];
  /** Speakers with quote counts and likely duplicates; loaded by `refreshUsage`. */
  usage: SpeakerList | null;
  /** Reads project.json again (after an edit to speakers or targets). */
  refresh(): void;
  /** Counts quotes per speaker again (the speakers view opens with fresh counts). */
  refreshUsage(): void;
}

/** Filled by RegistryProvider. */
export const RegistryContext = createContext<RegistryApi | null>(null);

/** The registry; throws only on a wiring mistake. */
export function useRegistry(): RegistryApi {
  const value = useContext(RegistryContext);
  if (!value) throw new Error('useRegistry() needs a RegistryProvider');
  return value;
}

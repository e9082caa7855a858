/** Shares the keymap's handler registry, so features attach their commands to the table's bindings. */
import { createContext, useContext, useEffect, useLayoutEffect, useRef } from 'react';
import type { CommandId } from './bindings.js';

/** What a handler learns about the key: the chord it matched (as written in the table, or a label's character) and the event. */
export interface CommandCall {
  chord: string;
  event: KeyboardEvent;
}

/** Runs a command; answering false means "not mine after all" and the next fitting binding is tried (nothing is prevented). */
export type CommandHandler = (call: CommandCall) => boolean | void;

/** The registry KeymapProvider keeps. */
export interface KeymapApi {
  /** Attaches `handler` to `id`; answers the function that detaches it. */
  register(id: CommandId, handler: CommandHandler): () => void;
}

/** Filled by KeymapProvider. */
export const KeymapContext = createContext<KeymapApi | null>(null);

/**
 * Attaches a feature's handlers to their bindings while `enabled` (for example: a document is
 * open, review mode is on). Handlers always see the latest render's values.
 */
export function useCommandHandlers(handlers: Partial<Record<CommandId, CommandHandler>>, enabled = true): void {
  const keymap = useContext(KeymapContext);
  if (!keymap) throw new Error('useCommandHandlers() needs a KeymapProvider');
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const ids = Object.keys(handlers).sort().join(' ');
  useEffect(() => {
    if (!enabled || ids === '') return;
    const off = (ids.split(' ') as CommandId[]).map((id) => keymap.register(id, (call) => latest.current[id]?.(call)));
    return () => off.forEach((f) => f());
  }, [keymap, ids, enabled]);
}

/**
 * Main's events in the renderer (shared/events.ts), from whichever shell the page runs in: the
 * preload's `window.quotebenchEvents` (Electron, the e2e harness) or browser mode's streaming
 * response. Features take them from EventsContext and cannot tell which one it is.
 */
import { createContext, useContext } from 'react';
import { TOKEN_HEADER } from '../../../shared/api.js';
import { EVENTS_PATH, type AppEvent, type EventSource } from '../../../shared/events.js';

/** A source that never sends anything (tests, and a shell that offers no events). */
export const noEvents: EventSource = { subscribe: () => () => undefined };

/** Holds the event source chosen at start. */
export const EventsContext = createContext<EventSource>(noEvents);

/** The event source of this window. */
export function useEvents(): EventSource {
  return useContext(EventsContext);
}

/** True for a value shaped like an event: main is trusted, but a stray line must not throw in a listener. */
function isEvent(value: unknown): value is AppEvent {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Calls every listener, each guarded, so one failing view does not silence the others. */
function fanOut(listeners: Set<(event: AppEvent) => void>, value: unknown): void {
  if (!isEvent(value)) return;
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      console.error('quotebench: an event listener failed', error);
    }
  }
}

/** The preload's subscription, when the page runs behind one. */
export function findEventBridge(win: Window): EventSource | null {
  const bridge = (win as unknown as { quotebenchEvents?: { subscribe?: unknown } }).quotebenchEvents;
  if (!bridge || typeof bridge.subscribe !== 'function') return null;
  const subscribe = bridge.subscribe as (listener: (value: unknown) => void) => () => void;
  return {
    subscribe(listener) {
      const listeners = new Set([listener]);
      return subscribe((value) => fanOut(listeners, value));
    },
  };
}

/** Wait before opening the stream again after it broke, growing to at most 5 s. */
const RETRY_MS = [250, 1000, 5000];

/**
 * Browser mode: one GET of EVENTS_PATH with the token header (EventSource cannot send headers),
 * read as lines of JSON while anyone listens. A broken stream is opened again; its first line,
 * `stream-open`, tells the listeners to read the state they may have missed.
 */
export function httpEvents(token: string | null, fetchFn: typeof fetch): EventSource {
  const listeners = new Set<(event: AppEvent) => void>();
  let controller: AbortController | null = null;

  const run = async (signal: AbortSignal) => {
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      try {
        const response = await fetchFn(EVENTS_PATH, { headers: { [TOKEN_HEADER]: token ?? '' }, signal, cache: 'no-store' });
        if (response.ok && response.body) {
          attempt = 0;
          await readLines(response.body, signal, (line) => {
            try {
              fanOut(listeners, JSON.parse(line));
            } catch {
              // A line that is not JSON is skipped; the next one is read.
            }
          });
        }
      } catch {
        // The server went away or the stream broke: try again below.
      }
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
    }
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!controller && token) {
        controller = new AbortController();
        void run(controller.signal);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && controller) {
          controller.abort();
          controller = null;
        }
      };
    },
  };
}

/** Calls `onLine` with each complete line of `body` until it ends or `signal` aborts. */
async function readLines(body: ReadableStream<Uint8Array>, signal: AbortSignal, onLine: (line: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        if (line.trim()) onLine(line);
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

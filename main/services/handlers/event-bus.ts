/**
 * The main side of the event channel (shared/events.ts): handlers publish, and each shell's
 * transport subscribes (Electron sends to the window, browser mode streams to the page, the e2e
 * harness delivers to the page as the preload would). Plain Node, so the CLI and tests use it too.
 */
import { PROGRESS_EVERY_MS, type AppEvent, type EventSource, type Unsubscribe } from '../../../shared/events.js';

/** Fans events out to every subscriber; a failing subscriber never stops the others or the publisher. */
export class EventBus implements EventSource {
  private listeners = new Set<(event: AppEvent) => void>();

  constructor(private readonly log: (message: string, error: unknown) => void = () => undefined) {}

  /** Sends `event` to every subscriber now. */
  publish(event: AppEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log('quotebench: an event subscriber failed', error);
      }
    }
  }

  /** Calls `listener` with every event published from now on. */
  subscribe(listener: (event: AppEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** How many subscribers are listening (for tests). */
  get size(): number {
    return this.listeners.size;
  }
}

/**
 * A publisher for one stream of progress events that sends at most one every `everyMs`: a job
 * reports every document, and ten thousand messages a second would cost the window more than
 * the job. `final` events (the end) go out at once, after any that were held back.
 */
export function throttled(publish: (event: AppEvent) => void, everyMs = PROGRESS_EVERY_MS): (event: AppEvent, final?: boolean) => void {
  let last = 0;
  let held: AppEvent | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (!held) return;
    const event = held;
    held = null;
    last = Date.now();
    publish(event);
  };
  return (event, final = false) => {
    if (final) {
      clearTimeout(timer);
      timer = undefined;
      held = null;
      last = Date.now();
      publish(event);
      return;
    }
    held = event;
    const wait = last + everyMs - Date.now();
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
}

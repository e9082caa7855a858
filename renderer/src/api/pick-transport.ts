/** Chooses the transport once at start; nothing else in the renderer knows which one it is. */
import type { QuotebenchApi } from '../../../shared/api.js';
import type { EventSource } from '../../../shared/events.js';
import { bridgeInvoke, findBridge } from './bridge-transport.js';
import { createClient } from './create-client.js';
import { findEventBridge, httpEvents, noEvents } from './events.js';
import { httpInvoke, takeToken } from './http-transport.js';

/**
 * The calls and main's events over one transport: the preload bridge when present, otherwise
 * HTTP to the browser-mode server (the token is taken from the address once, for both).
 */
export function connect(win: Window): { api: QuotebenchApi; events: EventSource } {
  const bridge = findBridge(win);
  if (bridge) return { api: createClient(bridgeInvoke(bridge)), events: findEventBridge(win) ?? noEvents };
  const token = takeToken(win);
  const fetchFn = win.fetch.bind(win);
  return { api: createClient(httpInvoke(token, fetchFn)), events: httpEvents(token, fetchFn) };
}

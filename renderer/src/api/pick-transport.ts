/** Chooses the transport once at start; nothing else in the renderer knows which one it is. */
import type { QuotebenchApi } from '../../../shared/api.js';
import { bridgeInvoke, findBridge } from './bridge-transport.js';
import { createClient } from './create-client.js';
import { httpInvoke, takeToken } from './http-transport.js';

/** The preload bridge when present, otherwise HTTP to the browser-mode server. */
export function createApi(win: Window): QuotebenchApi {
  const bridge = findBridge(win);
  if (bridge) return createClient(bridgeInvoke(bridge));
  return createClient(httpInvoke(takeToken(win), win.fetch.bind(win)));
}

/**
 * The Electron preload (and the e2e harness) expose `window.quotebench`: one async function per
 * API method. This adapts it to the Invoke shape.
 */
import type { ApiMethod, QuotebenchApi } from '../../../shared/api.js';
import type { Invoke } from './create-client.js';

type Bridge = Partial<Record<ApiMethod, (args: unknown) => Promise<unknown>>>;

/** The bridge object, when the page runs behind a preload. */
export function findBridge(win: Window): Bridge | null {
  const bridge = (win as unknown as { quotebench?: Partial<QuotebenchApi> }).quotebench;
  return bridge && typeof bridge === 'object' ? (bridge as unknown as Bridge) : null;
}

/** Calls `bridge[method](args)`; a missing method answers an error instead of throwing. */
export function bridgeInvoke(bridge: Bridge): Invoke {
  return async (method, args) => {
    const fn = bridge[method];
    if (typeof fn !== 'function') {
      return { ok: false, error: { code: 'unknown-method', message: `The app shell does not offer ${method}` } };
    }
    return (await fn(args)) as Awaited<ReturnType<Invoke>>;
  };
}

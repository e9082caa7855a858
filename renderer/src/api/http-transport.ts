/**
 * Browser mode (`quotebench serve`): the page calls the local server with the per-run token it
 * was opened with. The token travels in the URL fragment once, then lives in sessionStorage so a
 * reload keeps working while the visible URL no longer shows it.
 */
import { TOKEN_HEADER, httpPath } from '../../../shared/api.js';
import type { Invoke } from './create-client.js';

const TOKEN_KEY = 'quotebench.token';

/** Takes `#token=…` from the address (removing it from view) or the one kept from before. */
export function takeToken(win: Window): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(win.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    try {
      win.sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Storage can be disabled; the token still works for this page's lifetime.
    }
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
    return token;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** POSTs each call as JSON to the local server and reads back a Result. */
export function httpInvoke(token: string | null, fetchFn: typeof fetch): Invoke {
  return async (method, args) => {
    if (!token) {
      return { ok: false, error: { code: 'forbidden', message: 'This page was opened without its access token: open the address that `quotebench serve` printed.' } };
    }
    let response: Response;
    try {
      response = await fetchFn(httpPath(method), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'io', message: 'Cannot reach the Quotebench server. Is `quotebench serve` still running?' } };
    }
    try {
      return (await response.json()) as Awaited<ReturnType<Invoke>>;
    } catch {
      return { ok: false, error: { code: 'io', message: `The server answered ${response.status} without a result` } };
    }
  };
}

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { API_METHODS, TOKEN_HEADER } from '../../../shared/api.js';
import { bridgeInvoke } from './bridge-transport.js';
import { createClient } from './create-client.js';
import { httpInvoke, takeToken } from './http-transport.js';

describe('createClient', () => {
  it('has every API method and forwards method and arguments', async () => {
    const calls: [string, unknown][] = [];
    const api = createClient(async (method, args) => {
      calls.push([method, args]);
      return { ok: true, value: 'fine' };
    });
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    expect(await api.getDocument({ docId: 'a.txt' })).toEqual({ ok: true, value: 'fine' });
    expect(calls).toEqual([['getDocument', { docId: 'a.txt' }]]);
  });

  it('turns a throw or a malformed answer into an error result', async () => {
    const throwing = createClient(async () => {
      throw new Error('bridge gone');
    });
    expect(await throwing.getSession({})).toEqual({ ok: false, error: { code: 'internal', message: 'getSession failed: bridge gone' } });
    const odd = createClient(async () => 42 as never);
    expect(await odd.getSession({})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers an error for a method the bridge lacks', async () => {
    const api = createClient(bridgeInvoke({ getSession: async () => ({ ok: true, value: 1 }) }));
    expect(await api.getSession({})).toEqual({ ok: true, value: 1 });
    expect(await api.closeCorpus({})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });
});

describe('browser transport', () => {
  it('takes the token from the fragment, hides it and keeps it for reloads', () => {
    window.history.replaceState(null, '', '/index.html?x=1#token=abc123');
    expect(takeToken(window)).toBe('abc123');
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?x=1');
    expect(takeToken(window)).toBe('abc123');
  });

  it('POSTs JSON with the token header to the method path', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return { status: 200, json: async () => ({ ok: true, value: { n: 1 } }) } as Response;
    }) as unknown as typeof fetch;
    const api = createClient(httpInvoke('tok', fakeFetch));
    expect(await api.setStatus({ docId: 'a.txt', status: 'done' })).toEqual({ ok: true, value: { n: 1 } });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('/api/setStatus');
    expect(seen[0]?.init.method).toBe('POST');
    expect(seen[0]?.init.headers).toEqual({ 'content-type': 'application/json', [TOKEN_HEADER]: 'tok' });
    expect(seen[0]?.init.body).toBe('{"docId":"a.txt","status":"done"}');
  });

  it('explains a missing token or an unreachable server', async () => {
    const never = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await createClient(httpInvoke(null, never)).getSession({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await createClient(httpInvoke('t', never)).getSession({})).toMatchObject({ ok: false, error: { code: 'io' } });
  });
});

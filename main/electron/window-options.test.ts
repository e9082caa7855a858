import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP } from '../../shared/csp.js';
import { guardContents, guardSession, ipcHandler, isAllowedRequest, isTrustedSender, windowOptions, type GuardableContents, type GuardableSession } from './window-options.js';

describe('window hardening', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    const w = windowOptions('/app/preload.cjs').webPreferences;
    expect(w).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false, disableBlinkFeatures: 'Auxclick' });
    expect(w.preload).toBe('/app/preload.cjs');
  });

  it('trusts only our main frame', () => {
    const index = 'file:///opt/quotebench/dist/renderer/index.html';
    expect(isTrustedSender(index, true, index)).toBe(true);
    expect(isTrustedSender(index + '#x', true, index)).toBe(true);
    expect(isTrustedSender(index, false, index)).toBe(false);
    expect(isTrustedSender('file:///tmp/evil.html', true, index)).toBe(false);
    expect(isTrustedSender('https://example.com/dist/renderer/index.html', true, index)).toBe(false);
    expect(isTrustedSender('not a url', true, index)).toBe(false);
  });

  it('cancels every network request', () => {
    expect(isAllowedRequest('file:///opt/quotebench/dist/renderer/assets/a.js')).toBe(true);
    for (const url of ['http://127.0.0.1/', 'https://example.com/', 'ws://x/', 'ftp://x/']) expect(isAllowedRequest(url)).toBe(false);
  });

  it('denies navigation away from our index, webviews and new windows', () => {
    const index = 'file:///opt/quotebench/dist/renderer/index.html';
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const contents = {
      on: (event: string, listener: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(event, listener),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => (openHandler = h),
    } as unknown as GuardableContents;
    guardContents(contents, index);
    const prevented = (event: string, url?: string) => {
      let stopped = false;
      listeners.get(event)!({ preventDefault: () => (stopped = true) }, url);
      return stopped;
    };
    expect(prevented('will-navigate', index)).toBe(false);
    for (const url of ['https://example.com/', 'file:///etc/passwd', index.replace('index', 'other'), 'javascript:alert(1)']) expect(prevented('will-navigate', url), url).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: index })).toEqual({ action: 'deny' });
  });

  it('cancels network requests, sets the CSP on every response and denies every permission', () => {
    let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    const session: GuardableSession = {
      webRequest: { onBeforeRequest: (l) => (before = l), onHeadersReceived: (l) => (headers = l) },
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    };
    guardSession(session, CSP);
    const cancelled = (url: string) => {
      let answer: boolean | null = null;
      before!({ url }, (r) => (answer = r.cancel));
      return answer;
    };
    expect(cancelled('file:///opt/quotebench/dist/renderer/assets/a.js')).toBe(false);
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:9/', 'wss://x/']) expect(cancelled(url), url).toBe(true);
    let sent: Record<string, string[]> = {};
    headers!({ responseHeaders: { 'Content-Security-Policy': ['default-src *'], 'X-Other': ['1'] } }, (r) => (sent = r.responseHeaders));
    expect(sent).toEqual({ 'Content-Security-Policy': [CSP], 'X-Other': ['1'] });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      request!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(check!()).toBe(false);
  });

  it('the CSP (sent by Electron and browser mode, and in index.html) allows no network', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'renderer', 'index.html'), 'utf8'))?.[1];
    expect(meta).toBeDefined();
    for (const policy of [CSP, meta!]) {
      const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name!, sources]));
      expect(directives.get('default-src'), policy).toEqual(["'none'"]);
      for (const [name, sources] of directives) {
        // Only our own origin (file:// or the 127.0.0.1 server), inline data: images, or nothing.
        for (const source of sources) expect(["'none'", "'self'", 'data:'], `${name} ${source}`).toContain(source);
        if (name !== 'img-src') expect(sources, name).not.toContain('data:');
      }
      for (const name of ['connect-src', 'script-src']) expect(directives.get(name), name).toEqual(["'self'"]);
    }
  });

  it('IPC: a call from anything but our main frame is refused before the dispatcher sees it', async () => {
    const index = 'file:///opt/quotebench/dist/renderer/index.html';
    const seen: [string, unknown][] = [];
    const handler = ipcHandler(async (method, args) => (seen.push([method, args]), { ok: true, value: method }), 'createSpan', index);
    const main = { url: index };
    const sub = { url: index };
    const refused = { ok: false, error: { code: 'forbidden', message: 'caller is not the Quotebench window' } };
    expect(await handler({ senderFrame: null, sender: { mainFrame: main } }, {})).toEqual(refused);
    expect(await handler({ senderFrame: sub, sender: { mainFrame: main } }, {})).toEqual(refused);
    expect(await handler({ senderFrame: { url: 'https://evil.example/' }, sender: { mainFrame: null } }, {})).toEqual(refused);
    const other = { url: 'file:///tmp/evil.html' };
    expect(await handler({ senderFrame: other, sender: { mainFrame: other } }, {})).toEqual(refused);
    expect(seen).toEqual([]);
    expect(await handler({ senderFrame: main, sender: { mainFrame: main } }, { docId: 'a.txt' })).toEqual({ ok: true, value: 'createSpan' });
    expect(seen).toEqual([['createSpan', { docId: 'a.txt' }]]);
  });
});

import { describe, expect, it } from 'vitest';
import { isAllowedRequest, isTrustedSender, windowOptions } from './window-options.js';

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
});

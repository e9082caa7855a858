/**
 * The hardened window settings and the IPC sender rule, kept free of `electron` imports so
 * unit tests can check them without an Electron binary.
 */

/** BrowserWindow options: isolated, sandboxed, no Node in the renderer. */
export function windowOptions(preloadPath: string) {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Quotebench',
    backgroundColor: '#f7f7f5',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // No middle-click navigation to a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  } as const;
}

/** Only the main frame showing our own index.html may call the API. */
export function isTrustedSender(frameUrl: string, isMainFrame: boolean, indexUrl: string): boolean {
  if (!isMainFrame) return false;
  try {
    const u = new URL(frameUrl);
    const expected = new URL(indexUrl);
    return u.protocol === 'file:' && u.pathname === expected.pathname;
  } catch {
    return false;
  }
}

/** Requests the window may make: its own files only. Everything else (network) is cancelled. */
export function isAllowedRequest(url: string): boolean {
  return url.startsWith('file:') || url.startsWith('devtools:') || url.startsWith('data:') || url.startsWith('blob:');
}

/** The parts of an Electron webContents that guardContents uses (a fake one in tests). */
export interface GuardableContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Every window: navigation away from our index denied, no webview, no new windows. */
export function guardContents(contents: GuardableContents, indexUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== indexUrl) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The parts of an Electron session that guardSession uses (a fake one in tests). */
export interface GuardableSession {
  webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
    onHeadersReceived(
      listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void,
    ): void;
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** Offline, always: every request that is not one of our own files cancelled, the CSP on every response, every permission denied. */
export function guardSession(session: GuardableSession, csp: string): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }));
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** What ipcHandler reads of an IPC event (structural, so tests pass a fake one). */
export interface IpcCallEvent {
  senderFrame: { url: string } | null;
  sender: { mainFrame: unknown };
}

/**
 * One API method's IPC handler: the caller must be our index.html in the main frame, else the
 * call is refused before the dispatcher (which validates the arguments) ever sees it.
 */
export function ipcHandler(dispatch: (method: string, args: unknown) => Promise<unknown>, method: string, indexUrl: string) {
  return async (event: IpcCallEvent, args: unknown): Promise<unknown> => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame, indexUrl)) {
      return { ok: false, error: { code: 'forbidden', message: 'caller is not the Quotebench window' } };
    }
    return dispatch(method, args);
  };
}

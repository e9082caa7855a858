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

/**
 * Runs the real renderer build against the real main-side services, without Electron.
 *
 * The Electron preload exposes `window.quotebench` with one async function per API method,
 * each forwarding to `ipcRenderer.invoke`. Here the same object is built in the page from
 * API_METHODS and forwards to one `exposeBinding`, whose Node side checks the calling frame
 * (as main/electron checks the IPC sender) and calls the very same dispatch table that
 * main/electron wires to ipcMain. The native open dialogs are the only stand-ins: `pickFolder`, `pickPath`.
 * Main's events reach the page as the preload hands them over: `window.quotebenchEvents.subscribe`,
 * defined by the init script, fed by `page.evaluate` from a subscription to the app's event bus.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import type { AppOptions, QuotebenchApp } from '../main/services/app.js';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const rendererIndex = path.join(repoRoot, 'dist', 'renderer', 'index.html');
export const sampleCorpus = path.join(repoRoot, 'resources', 'sample-corpus');

/** A temporary workspace for one test: a corpus folder and a settings folder. */
export interface Workspace {
  dir: string;
  corpus: string;
  settingsDir: string;
}

/** Copies `fromCorpus` (default: the bundled sample corpus) into a fresh temp folder, without its data folder. */
export async function makeWorkspace(fromCorpus: string | null = sampleCorpus): Promise<Workspace> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-e2e-'));
  const corpus = path.join(dir, 'corpus');
  const settingsDir = path.join(dir, 'settings');
  await fs.mkdir(settingsDir, { recursive: true });
  // A `.quotebench` folder left in the source (npm start annotates the bundled sample corpus in
  // place) is not copied: every test starts from the articles alone.
  if (fromCorpus) await fs.cp(fromCorpus, corpus, { recursive: true, filter: (from) => path.basename(from) !== '.quotebench' });
  else await fs.mkdir(corpus, { recursive: true });
  return { dir, corpus, settingsDir };
}

/** Writes a corpus of `name -> content` files (strings are UTF-8; Buffers are written as-is). */
export async function writeCorpus(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, ...name.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}

/** Starts the main-side services from the compiled build (the code that ships). */
export async function startServices(options: AppOptions): Promise<QuotebenchApp> {
  const mod = (await import(pathToFileURL(path.join(repoRoot, 'dist', 'main', 'services', 'app.js')).href)) as typeof import('../main/services/app.js');
  return mod.createApp(options);
}

/** Every non-file request the page tried to make; the app must never touch the network. */
export function recordNetwork(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:')) requests.push(url);
  });
  return requests;
}

const bridged = new WeakSet<Page>();
const delivering = new WeakMap<Page, WeakSet<QuotebenchApp>>();

/** Subscribes `page` to `app`'s events once: each is handed to the page's listeners, in order. */
function deliverEvents(page: Page, app: QuotebenchApp): void {
  const apps = delivering.get(page) ?? new WeakSet<QuotebenchApp>();
  delivering.set(page, apps);
  if (apps.has(app)) return;
  apps.add(app);
  let queue = Promise.resolve();
  app.events.subscribe((event) => {
    // One at a time, so the page sees them in the order main published them; a page that is
    // closing or navigating simply misses them, as a closed window would.
    queue = queue.then(() => page.evaluate((e) => (window as unknown as { __quotebenchDeliver?: (e: unknown) => void }).__quotebenchDeliver?.(e), event).catch(() => undefined));
  });
}

/**
 * Exposes the services to the page as the preload does, then loads the built renderer.
 * `currentApp` is asked on every call, so a restarted app serves the same page.
 */
export async function openRenderer(page: Page, currentApp: () => QuotebenchApp): Promise<void> {
  const indexUrl = pathToFileURL(rendererIndex).href;
  deliverEvents(page, currentApp());
  if (bridged.has(page)) {
    await page.goto(indexUrl);
    return;
  }
  bridged.add(page);
  const { API_METHODS } = (await import(pathToFileURL(path.join(repoRoot, 'dist', 'shared', 'api.js')).href)) as typeof import('../shared/api.js');
  await page.exposeBinding('__quotebenchInvoke', async (source, method: unknown, args: unknown) => {
    // Same rule as main/electron's sender check: only our own top-level document may call.
    if (source.frame !== source.page.mainFrame() || source.frame.url().split('#')[0] !== indexUrl) {
      return { ok: false, error: { code: 'forbidden', message: 'caller is not the Quotebench window' } };
    }
    return currentApp().dispatch(String(method), args);
  });
  await page.addInitScript((methods: string[]) => {
    const invoke = (window as unknown as { __quotebenchInvoke: (m: string, a: unknown) => Promise<unknown> }).__quotebenchInvoke;
    const api = Object.fromEntries(methods.map((m) => [m, (args: unknown) => invoke(m, args ?? {})]));
    Object.defineProperty(window, 'quotebench', { value: Object.freeze(api), configurable: false, writable: false });
    const listeners = new Set<(event: unknown) => void>();
    const events = {
      subscribe(listener: (event: unknown) => void) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    Object.defineProperty(window, 'quotebenchEvents', { value: Object.freeze(events), configurable: false, writable: false });
    Object.defineProperty(window, '__quotebenchDeliver', { value: (event: unknown) => listeners.forEach((l) => l(event)), configurable: false, writable: false });
  }, API_METHODS as string[]);
  await page.goto(indexUrl);
}

/** Reads one annotator's layer file for a document straight from disk. */
export async function readLayer(corpus: string, annotator: string, docId: string): Promise<import('../shared/model.js').AnnotationFile> {
  const file = path.join(corpus, '.quotebench', 'annotations', annotator, ...docId.split('/')) + '.json';
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

/** Python-style slicing by code points, written independently of shared/offsets.ts. */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** Code point index of a UTF-16 index, written independently of shared/offsets.ts. */
export function cpIndex(text: string, utf16: number): number {
  return Array.from(text.slice(0, utf16)).length;
}

/**
 * The preload bridge: `window.quotebench` with one function per API method, each a single
 * `ipcRenderer.invoke`, and `window.quotebenchEvents.subscribe(listener)` for main's events on
 * the one event channel. ipcRenderer itself is never exposed. Bundled to CommonJS by esbuild,
 * because sandboxed preloads cannot load ES modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, ipcChannel } from '../../shared/api.js';
import { EVENT_CHANNEL } from '../../shared/events.js';

const api = Object.fromEntries(API_METHODS.map((method) => [method, (args: unknown) => ipcRenderer.invoke(ipcChannel(method), args ?? {})]));

contextBridge.exposeInMainWorld('quotebench', Object.freeze(api));

// Only the event value crosses: the IpcRendererEvent (which carries `sender`) stays here.
const events = {
  subscribe(listener: (event: unknown) => void): () => void {
    const forward = (_event: IpcRendererEvent, value: unknown) => listener(value);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('quotebenchEvents', Object.freeze(events));

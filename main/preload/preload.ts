/**
 * The preload bridge: `window.quotebench` with one function per API method, each a single
 * `ipcRenderer.invoke`. ipcRenderer itself is never exposed. Bundled to CommonJS by esbuild,
 * because sandboxed preloads cannot load ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, ipcChannel } from '../../shared/api.js';

const api = Object.fromEntries(API_METHODS.map((method) => [method, (args: unknown) => ipcRenderer.invoke(ipcChannel(method), args ?? {})]));

contextBridge.exposeInMainWorld('quotebench', Object.freeze(api));

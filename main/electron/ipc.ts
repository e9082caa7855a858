/** Wires every API method to ipcMain, checking the sender before the dispatcher runs. */
import { ipcMain } from 'electron';
import { API_METHODS, ipcChannel } from '../../shared/api.js';
import type { Dispatch } from '../services/handlers/dispatch.js';
import { ipcHandler } from './window-options.js';

/** Registers one handler per method; returns a function that removes them. */
export function registerIpc(dispatch: Dispatch, indexUrl: string): () => void {
  for (const method of API_METHODS) ipcMain.handle(ipcChannel(method), ipcHandler(dispatch, method, indexUrl));
  return () => API_METHODS.forEach((m) => ipcMain.removeHandler(ipcChannel(m)));
}

/** Wires every API method to ipcMain, checking the sender before the dispatcher runs. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, ipcChannel } from '../../shared/api.js';
import type { Dispatch } from '../services/dispatch.js';
import { isTrustedSender } from './window-options.js';

/** Registers one handler per method; returns a function that removes them. */
export function registerIpc(dispatch: Dispatch, indexUrl: string): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, args: unknown) => {
      const frame = event.senderFrame;
      if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame, indexUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'caller is not the Quotebench window' } };
      }
      return dispatch(method, args);
    });
  }
  return () => API_METHODS.forEach((m) => ipcMain.removeHandler(ipcChannel(m)));
}

/**
 * The one IPC door into the core: a single invoke channel, open only to the
 * top frame of our own window on our own origin; and core events pushed back
 * to that window.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import type { Result } from '../../shared/contract.ts';
import type { Core } from '../core.ts';
import { IPC_EVENT, IPC_INVOKE } from './ipc-names.ts';
import { isTrustedFrame } from './origin.ts';

const UNTRUSTED: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } };

/** Returns a function that unbinds everything. */
export function bindCoreToWindow(core: Core, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    const window = getWindow();
    // Our window's webContents, and in it the top frame (parent null) on app://iblagh/.
    // senderFrame is null once the frame navigated away or was destroyed.
    const trusted =
      window !== null && !window.isDestroyed() && event.sender === window.webContents && isTrustedFrame(event.senderFrame);
    if (!trusted) return UNTRUSTED;
    if (typeof channel !== 'string') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'channel must be a string' } };
    }
    // The core validates the channel name, the input, and the caller's access.
    return core.dispatch(channel, input);
  });

  const stopEvents = core.onEvent((name, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, name, payload);
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    stopEvents();
  };
}

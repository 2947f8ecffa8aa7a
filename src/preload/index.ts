/**
 * The sandboxed preload: gives the page `window.iblagh` (IblaghBridge) and
 * nothing else. ipcRenderer itself never crosses the context bridge, and
 * listeners never see an IpcRendererEvent (it carries `sender`).
 *
 * Imports only 'electron' and the contract: electron-vite bundles it whole as
 * CommonJS, because a sandboxed preload can require nothing else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_GLOBAL,
  isChannelName,
  isEventName,
  type EventName,
  type IblaghBridge,
  type Result,
} from '../shared/contract.ts';

// Same strings as src/main/shell/ipc-names.ts (a unit test keeps them equal).
const IPC_INVOKE = 'iblagh:invoke';
const IPC_EVENT = 'iblagh:event';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
let dispatching = false;

function dispatch(_event: IpcRendererEvent, name: unknown, payload: unknown): void {
  if (!isEventName(name)) return;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      // One failing listener must not starve the others.
      console.error(error);
    }
  }
}

function failure(code: 'INVALID_INPUT' | 'INTERNAL', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

const bridge: IblaghBridge = {
  host: 'electron',

  invoke(channel, input) {
    if (!isChannelName(channel)) return Promise.resolve(failure('INVALID_INPUT', 'unknown channel'));
    // Rejections are transport failures (an input that cannot be cloned, a torn-down
    // window): the bridge contract is to answer them as data, never to throw.
    return (ipcRenderer.invoke(IPC_INVOKE, channel, input) as Promise<Result<unknown>>).catch(() =>
      failure('INTERNAL', 'IPC failure'),
    );
  },

  on(event, listener) {
    if (!isEventName(event) || typeof listener !== 'function') return () => {};
    if (!dispatching) {
      dispatching = true;
      ipcRenderer.on(IPC_EVENT, dispatch);
    }
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);

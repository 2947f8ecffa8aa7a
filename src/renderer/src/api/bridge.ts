/**
 * Finds the bridge to the core services.
 *
 * In Electron the preload exposes it as `window.iblagh`. In the browser test
 * host there is no preload: the page talks to the host over loopback HTTP,
 * with the per-run token the host printed in the URL fragment (never sent to
 * the server as part of the URL, and removed from the address bar at once).
 */
import {
  BRIDGE_GLOBAL,
  webHostProtocol,
  type ChannelName,
  type EventName,
  type IblaghBridge,
  type Result,
} from '../../../shared/contract.ts';

declare global {
  interface Window {
    [BRIDGE_GLOBAL]?: IblaghBridge;
  }
}

const TOKEN_KEY = 'iblagh.webHostToken';

function webHostToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]{20,200})(?:&|$)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function transportFailure(message: string): Result<unknown> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

function createWebHostBridge(token: string): IblaghBridge {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let streaming = false;

  async function stream(): Promise<void> {
    // Reconnects after a host restart or a dropped connection, with a short pause.
    for (;;) {
      try {
        const response = await fetch(webHostProtocol.eventsPath, { headers, cache: 'no-store' });
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (!name || data === undefined) continue;
            for (const listener of listeners.get(name as EventName) ?? []) listener(JSON.parse(data));
          }
        }
      } catch {
        // Fall through to the pause and retry.
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  return {
    host: 'web',
    async invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
      try {
        const response = await fetch(webHostProtocol.invokePath(channel), {
          method: 'POST',
          headers,
          body: JSON.stringify({ input: input ?? null }),
          cache: 'no-store',
        });
        if (!response.ok) return transportFailure(`HTTP ${response.status}`);
        return (await response.json()) as Result<unknown>;
      } catch (error) {
        return transportFailure(error instanceof Error ? error.message : String(error));
      }
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      if (!streaming) {
        streaming = true;
        void stream();
      }
      return () => set.delete(listener);
    },
  };
}

/** The bridge, or null when the page was opened outside both hosts. */
export function findBridge(): IblaghBridge | null {
  const exposed = window[BRIDGE_GLOBAL];
  if (exposed) return exposed;
  const token = webHostToken();
  return token ? createWebHostBridge(token) : null;
}

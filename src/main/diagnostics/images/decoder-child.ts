/**
 * The image decoder process's entry (plain Node: forked by image-decoder.ts
 * with `--permission` (no writes, no child processes, no workers, no native
 * modules; reads only the code), `--disallow-code-generation-from-strings`
 * and a small heap). It holds no key, opens no database, and takes bytes only
 * over IPC. A crash or a hang here is the core's recorded failure, never its
 * crash: image-decoder.ts kills and restarts it.
 */
import { analyseImage, ImageRefused } from './analyse-image.ts';
import type { DecodeAnswer, DecodeRequest } from './decoder-protocol.ts';

// Nothing here talks to the network: take away what could.
for (const name of ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest'] as const) {
  Reflect.deleteProperty(globalThis, name);
}

export function answer(request: DecodeRequest): DecodeAnswer {
  try {
    const bytes = request.bytes instanceof Uint8Array ? request.bytes : new Uint8Array(request.bytes as ArrayLike<number>);
    return { id: request.id, ok: true, analysis: analyseImage(bytes) };
  } catch (error) {
    if (error instanceof ImageRefused) return { id: request.id, ok: false, code: error.code, message: error.message };
    return { id: request.id, ok: false, code: 'CORRUPT', message: (error instanceof Error ? error.message : String(error)).slice(0, 300) };
  }
}

/** Electron's utility process talks through `process.parentPort` (the bundled app's `image-decoder.js`). */
interface ParentPort {
  on(event: 'message', listener: (event: { data: DecodeRequest }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

if (parentPort) {
  parentPort.on('message', (event) => parentPort.postMessage(answer(event.data)));
  parentPort.postMessage({ ready: true });
} else if (process.send) {
  process.on('message', (message: DecodeRequest) => {
    process.send!(answer(message));
  });
  process.send({ ready: true });
}

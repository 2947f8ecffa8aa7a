/**
 * The image decoder in the app: the same decoder (diagnostics/images/
 * image-decoder.ts: queue, per-image time limit, kill and restart) driving an
 * Electron utility process instead of a Node child process. The utility
 * process runs the bundled `image-decoder.js` (electron.vite.config.ts), is
 * sandboxed by Electron, holds no key and opens no database: it gets bytes
 * over its message port and answers with what it read.
 */
import { utilityProcess } from 'electron';
import { decoderExecArgv, ForkImageDecoder, type DecoderProcess, type ImageDecoder } from '../diagnostics/images/image-decoder.ts';

export function utilityDecoderProcess(entry: string, heapMb: number): DecoderProcess {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Iblagh image decoder', execArgv: decoderExecArgv(heapMb), stdio: 'ignore', env: {} });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  return {
    send: (message) => {
      if (!exited) child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener(`exit ${code}`)),
    kill: () => {
      if (!exited) child.kill();
    },
  };
}

export function utilityImageDecoder(): ImageDecoder {
  return new ForkImageDecoder({ spawn: utilityDecoderProcess });
}

/**
 * The image decoder in the app: the same decoder (diagnostics/images/
 * image-decoder.ts: queue, per-image time limit, kill and restart) driving an
 * Electron utility process instead of a Node child process. The utility
 * process (started through Chromium's Services API; Node-enabled, not inside
 * Chromium's renderer sandbox) runs the bundled `image-decoder.js`
 * (electron.vite.config.ts) with no code from strings, a small heap and an
 * empty environment; it holds no key and opens no database: it gets bytes over
 * its message port and answers with what it read. Whether Node's permission
 * model can be added to a utility process's execArgv is to be checked with the
 * Electron binary (test/electron/image-decoder-utility.test.ts).
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

/**
 * The image decoder as the core sees it: bytes in, analysis (or a recorded
 * failure) out, in a process of its own. `ForkImageDecoder` is the plain-Node
 * implementation (a child process, see decoder-child.ts); the Electron shell
 * gives a utility-process twin (src/main/shell/image-decoder-utility.ts) with
 * the same interface and the same limits.
 *
 * Limits: bytes over MAX_INPUT_BYTES are not even sent; the process has a
 * small heap; each image has a time limit, after which the process is killed
 * (SIGKILL) and the image recorded as TIMEOUT; a process that dies mid-image
 * is recorded as CRASHED. Either way the next image gets a fresh process.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_INPUT_BYTES, type ImageAnalysis } from './analyse-image.ts';
import type { DecodeAnswer } from './decoder-protocol.ts';

export type DecodeFailureCode = 'TOO_LARGE' | 'TOO_MANY_PIXELS' | 'CORRUPT' | 'TIMEOUT' | 'CRASHED';
export type DecodeResult = { ok: true; analysis: ImageAnalysis } | { ok: false; code: DecodeFailureCode; message: string };

export interface ImageDecoder {
  analyse(bytes: Uint8Array): Promise<DecodeResult>;
  close(): Promise<void>;
}

export const DECODE_TIMEOUT_MS = 15_000;
export const DECODER_HEAP_MB = 384;

/** The child entry: the TypeScript source when the core runs from source, the bundled `image-decoder.js` in the app. */
export function decoderEntry(): string {
  const url = new URL(import.meta.url.endsWith('.ts') ? './decoder-child.ts' : './image-decoder.js', import.meta.url);
  return fileURLToPath(url);
}

/** A decoder process as the decoder drives it: a child process here, a utility process in the Electron shell. */
export interface DecoderProcess {
  send(message: { id: number; bytes: Uint8Array }): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (detail: string) => void): void;
  kill(): void;
}

/** The flags of the decoder process: no code from strings, a small heap. */
export function decoderExecArgv(heapMb: number): string[] {
  return ['--disallow-code-generation-from-strings', `--max-old-space-size=${heapMb}`];
}

/** Plain Node: `child_process.fork` with the permission model (reads of the code only; no writes, child processes, workers or addons). */
export function forkDecoderProcess(entry: string, heapMb: number): DecoderProcess {
  const child = fork(entry, [], {
    execArgv: [...decoderExecArgv(heapMb), '--permission', `--allow-fs-read=${projectRoot(entry)}`],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: { NODE_ENV: process.env['NODE_ENV'] ?? 'production' },
  });
  child.on('error', () => {});
  return {
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code, signal) => listener(signal ?? `exit ${code}`)),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

interface Job {
  id: number;
  bytes: Uint8Array;
  resolve: (result: DecodeResult) => void;
}

export interface ForkDecoderOptions {
  /** The entry file (tests give a hanging or crashing one). */
  entry?: string;
  /** Starts a decoder process (default: forkDecoderProcess; the Electron shell starts a utility process). */
  spawn?: (entry: string, heapMb: number) => DecoderProcess;
  timeoutMs?: number;
  heapMb?: number;
}

export class ForkImageDecoder implements ImageDecoder {
  readonly #entry: string;
  readonly #timeoutMs: number;
  readonly #heapMb: number;
  readonly #spawnProcess: (entry: string, heapMb: number) => DecoderProcess;
  #child: DecoderProcess | null = null;
  #ready: Promise<void> | null = null;
  #queue: Job[] = [];
  #current: Job | null = null;
  #currentChild: DecoderProcess | null = null;
  #timer: NodeJS.Timeout | null = null;
  #next = 1;
  #closed = false;

  constructor(options: ForkDecoderOptions = {}) {
    this.#entry = options.entry ?? decoderEntry();
    this.#timeoutMs = options.timeoutMs ?? DECODE_TIMEOUT_MS;
    this.#heapMb = options.heapMb ?? DECODER_HEAP_MB;
    this.#spawnProcess = options.spawn ?? forkDecoderProcess;
  }

  analyse(bytes: Uint8Array): Promise<DecodeResult> {
    if (this.#closed) return Promise.resolve({ ok: false, code: 'CRASHED', message: 'the decoder is closed' });
    if (bytes.length > MAX_INPUT_BYTES) return Promise.resolve({ ok: false, code: 'TOO_LARGE', message: `${bytes.length} bytes is over the ${MAX_INPUT_BYTES}-byte cap` });
    return new Promise((resolvePromise) => {
      this.#queue.push({ id: this.#next++, bytes, resolve: resolvePromise });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.resolve({ ok: false, code: 'CRASHED', message: 'the decoder was closed' });
    this.#kill();
  }

  #spawn(): Promise<void> {
    const child = this.#spawnProcess(this.#entry, this.#heapMb);
    this.#child = child;
    let readyNow: () => void = () => {};
    const ready = new Promise<void>((resolveReady) => {
      readyNow = resolveReady;
    });
    child.onMessage((raw) => {
      if (!raw || typeof raw !== 'object') return;
      if ('ready' in raw) {
        readyNow();
        return;
      }
      const message = raw as DecodeAnswer;
      const job = this.#current;
      if (!job || message.id !== job.id || this.#currentChild !== child) return;
      this.#finish(message.ok ? { ok: true, analysis: reviveAnalysis(message.analysis) } : { ok: false, code: knownCode(message.code), message: String(message.message).slice(0, 300) });
    });
    child.onExit((detail) => {
      readyNow();
      if (this.#child === child) {
        this.#child = null;
        this.#ready = null;
      }
      // Only the job this process was running: a process killed on timeout ends after the next job started elsewhere.
      if (this.#current && this.#currentChild === child) this.#finish({ ok: false, code: 'CRASHED', message: `the decoder process ended (${detail})` });
    });
    return ready;
  }

  #pump(): void {
    if (this.#current || this.#queue.length === 0 || this.#closed) return;
    const job = this.#queue.shift()!;
    this.#current = job;
    if (!this.#child) this.#ready = this.#spawn();
    const child = this.#child!;
    this.#currentChild = child;
    this.#timer = setTimeout(() => {
      this.#finish({ ok: false, code: 'TIMEOUT', message: `no answer within ${this.#timeoutMs} ms: the decoder process was killed` });
      this.#kill();
    }, this.#timeoutMs);
    void this.#ready!.then(() => {
      if (this.#current === job) child.send({ id: job.id, bytes: job.bytes });
    });
  }

  #finish(result: DecodeResult): void {
    const job = this.#current;
    if (!job) return;
    this.#current = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    job.resolve(result);
    queueMicrotask(() => this.#pump());
  }

  #kill(): void {
    const child = this.#child;
    this.#child = null;
    this.#ready = null;
    child?.kill();
  }
}

function projectRoot(entry: string): string {
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return dirname(entry);
    dir = up;
  }
  return dir;
}

const CODES: readonly DecodeFailureCode[] = ['TOO_LARGE', 'TOO_MANY_PIXELS', 'CORRUPT', 'TIMEOUT', 'CRASHED'];
function knownCode(code: string): DecodeFailureCode {
  return (CODES as readonly string[]).includes(code) ? (code as DecodeFailureCode) : 'CORRUPT';
}

/** What crossed the process boundary is checked like any input: numbers are numbers, the preview is its size. */
function reviveAnalysis(a: ImageAnalysis): ImageAnalysis {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const preview = a.preview && a.preview.grey instanceof Uint8Array && a.preview.grey.length === a.preview.width * a.preview.height && a.preview.width <= 256 && a.preview.height <= 256 ? a.preview : null;
  return {
    mediaType: typeof a.mediaType === 'string' ? a.mediaType.slice(0, 100) : null,
    decoded: a.decoded === true,
    width: num(a.width),
    height: num(a.height),
    metadata: a.metadata && typeof a.metadata === 'object' ? a.metadata : null,
    pdq: typeof a.pdq === 'string' && /^[0-9a-f]{64}$/.test(a.pdq) ? a.pdq : null,
    pdqQuality: num(a.pdqQuality),
    preview,
  };
}

/**
 * Notes parsed off the UI thread. micromark has inputs on which it works in
 * quadratic time or worse that markdown.ts's bounds do not catch early enough
 * (lazy continuation lines of a quote or a list: ~2 s for 10 kB, ~50 s for
 * 96 kB; 96 kB of unclosed `[a](b `: ~10 s), and a note must never freeze the
 * window. So:
 *
 * - a note of at most SYNC_CHARS characters is parsed at once, on the UI
 *   thread: it is too short for a slow parse (see SYNC_CHARS);
 * - a longer one goes to a dedicated worker (markdown.worker.ts, which runs
 *   parseNote and posts back the safe tree, plain data). One note at a time:
 *   the deadline runs from the moment the worker receives it. Past the
 *   deadline the worker is terminated (the runaway parse dies with it), the
 *   note is shown as plain text with a notice, and a fresh worker takes the
 *   notes that were waiting;
 * - results, the timed-out ones included, are kept by source in a bounded LRU
 *   cache: a re-render or a note shown twice is not parsed again;
 * - no worker (none in this environment, or it failed to start): long notes
 *   are shown as plain text, never parsed on the UI thread.
 *
 * The client is pure logic over a worker factory, so `node --test` drives it
 * with fake workers; the real factory (browserWorkerFactory) is at the end.
 */
import { parseNote, type SafeDocument } from '../../../../shared/text/markdown.ts';

/**
 * Longest note parsed on the UI thread. Measured (node 24, CPU time, two busy
 * cores) on the worst inputs found, all quadratic in the note's length: lazy
 * continuation lines after `>`, `> -`, `- ` or `[^a]:` (`> a\nb\nb\nb…`),
 * setext underlines (`a\n=\n…`), nested lists: ≤ 25 ms at 1,000 characters,
 * 50–60 ms at 2,000, 150–230 ms at 4,000. At 1,024 the worst case stays
 * within about a frame or two even on a loaded machine, and most short notes
 * (a few lines) parse in well under a millisecond.
 */
export const SYNC_CHARS = 1_024;

export const NOTE_PARSER_DEFAULTS = {
  syncChars: SYNC_CHARS,
  /**
   * Time the worker has for a note: 750 ms, plus 5 ms per 1,000 characters
   * (1.25 s at the 100,000-character input cap). Legitimate notes parse in
   * a small fraction of it (100 kB of ordinary text: 0.1–0.5 s when the
   * machine is busy); the pathological ones take seconds to minutes.
   */
  deadlineMs: 750,
  deadlineMsPerKiloChar: 5,
  /** Time a new worker has to load its script and say it is ready; past it, workers are taken as unavailable. */
  startupMs: 10_000,
  /** Cache bounds: entries, and characters of the sources kept. */
  cacheEntries: 64,
  cacheChars: 2_000_000,
} as const;

export type PlainCause = 'timeout' | 'unavailable';

export type NoteResult =
  | { readonly status: 'ready'; readonly document: SafeDocument }
  /** Shown as plain text: the parse ran past its deadline, or no worker could parse it. */
  | { readonly status: 'plain'; readonly cause: PlainCause }
  | { readonly status: 'pending' };

export type SettledResult = Exclude<NoteResult, { status: 'pending' }>;

/** Page → worker. */
export interface WorkerRequest {
  readonly id: number;
  readonly source: string;
}

/** Worker → page. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly document: SafeDocument }
  | { readonly type: 'failed'; readonly id: number };

export interface WorkerPort {
  post(request: WorkerRequest): void;
  terminate(): void;
}

export interface WorkerHandlers {
  message(data: unknown): void;
  /** The worker could not load its script, or threw outside a parse. */
  error(): void;
}

/** Starts a worker wired to the handlers; null (or a throw) when there is none to start. */
export type WorkerFactory = (handlers: WorkerHandlers) => WorkerPort | null;

export interface NoteParserOptions {
  readonly createWorker: WorkerFactory;
  readonly syncChars?: number;
  readonly deadlineMs?: number;
  readonly deadlineMsPerKiloChar?: number;
  readonly startupMs?: number;
  readonly cacheEntries?: number;
  readonly cacheChars?: number;
}

type Listener = (result: SettledResult) => void;

interface Job {
  readonly id: number;
  readonly source: string;
  readonly listeners: Set<Listener>;
}

interface LiveWorker {
  readonly port: WorkerPort;
  ready: boolean;
  startupTimer: ReturnType<typeof setTimeout> | null;
}

/** Least recently used first: Map keeps insertion order, a hit is moved to the end. */
export class ResultCache {
  readonly #entries = new Map<string, SettledResult>();
  readonly #maxEntries: number;
  readonly #maxChars: number;
  #chars = 0;

  constructor(maxEntries: number, maxChars: number) {
    this.#maxEntries = maxEntries;
    this.#maxChars = maxChars;
  }

  get size(): number {
    return this.#entries.size;
  }

  get chars(): number {
    return this.#chars;
  }

  get(source: string): SettledResult | undefined {
    const result = this.#entries.get(source);
    if (result) {
      this.#entries.delete(source);
      this.#entries.set(source, result);
    }
    return result;
  }

  set(source: string, result: SettledResult): void {
    if (source.length > this.#maxChars) return;
    if (this.#entries.delete(source)) this.#chars -= source.length;
    this.#entries.set(source, result);
    this.#chars += source.length;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries && this.#chars <= this.#maxChars) break;
      this.#entries.delete(oldest);
      this.#chars -= oldest.length;
    }
  }
}

function isReply(data: unknown): data is WorkerReply {
  if (typeof data !== 'object' || data === null) return false;
  const reply = data as { type?: unknown; id?: unknown; document?: unknown };
  if (reply.type === 'ready') return true;
  if (typeof reply.id !== 'number') return false;
  if (reply.type === 'failed') return true;
  return reply.type === 'result' && typeof reply.document === 'object' && reply.document !== null && Array.isArray((reply.document as { blocks?: unknown }).blocks);
}

export class NoteParser {
  readonly #createWorker: WorkerFactory;
  readonly #syncChars: number;
  readonly #deadlineMs: number;
  readonly #deadlineMsPerKiloChar: number;
  readonly #startupMs: number;
  readonly #cache: ResultCache;
  readonly #jobs = new Map<string, Job>();
  readonly #queue: Job[] = [];
  #running: Job | null = null;
  #deadline: ReturnType<typeof setTimeout> | null = null;
  #worker: LiveWorker | null = null;
  /** No worker can be had: long notes are plain text from now on. */
  #unavailable = false;
  #nextId = 1;
  /** Workers started, for tests and diagnostics. */
  workersStarted = 0;

  constructor(options: NoteParserOptions) {
    this.#createWorker = options.createWorker;
    this.#syncChars = options.syncChars ?? NOTE_PARSER_DEFAULTS.syncChars;
    this.#deadlineMs = options.deadlineMs ?? NOTE_PARSER_DEFAULTS.deadlineMs;
    this.#deadlineMsPerKiloChar = options.deadlineMsPerKiloChar ?? NOTE_PARSER_DEFAULTS.deadlineMsPerKiloChar;
    this.#startupMs = options.startupMs ?? NOTE_PARSER_DEFAULTS.startupMs;
    this.#cache = new ResultCache(options.cacheEntries ?? NOTE_PARSER_DEFAULTS.cacheEntries, options.cacheChars ?? NOTE_PARSER_DEFAULTS.cacheChars);
  }

  /** The time the worker has for this source. */
  deadlineFor(source: string): number {
    return this.#deadlineMs + Math.ceil((source.length / 1000) * this.#deadlineMsPerKiloChar);
  }

  /**
   * What can be shown now, without waiting: a cached result, a short note
   * parsed on the spot, plain text when no worker can be had, else pending.
   */
  peek(source: string): NoteResult {
    const cached = this.#cache.get(source);
    if (cached) return cached;
    if (source.length <= this.#syncChars) {
      const result: SettledResult = { status: 'ready', document: parseNote(source) };
      this.#cache.set(source, result);
      return result;
    }
    if (this.#unavailable) return { status: 'plain', cause: 'unavailable' };
    return { status: 'pending' };
  }

  /**
   * Parses the source (in the worker when it is long) and calls `listener`
   * once with the result, synchronously when peek() has it. Returns a cancel
   * function: a note nobody waits for any more leaves the queue (one already
   * in the worker runs on, and its result is cached).
   */
  request(source: string, listener: Listener): () => void {
    const now = this.peek(source);
    if (now.status !== 'pending') {
      listener(now);
      return () => {};
    }
    let job = this.#jobs.get(source);
    if (!job) {
      job = { id: this.#nextId++, source, listeners: new Set() };
      this.#jobs.set(source, job);
      this.#queue.push(job);
    }
    const entry: Listener = (result) => listener(result);
    job.listeners.add(entry);
    const waiting = job;
    this.#pump();
    return () => {
      waiting.listeners.delete(entry);
      if (waiting.listeners.size > 0 || waiting === this.#running) return;
      const index = this.#queue.indexOf(waiting);
      if (index >= 0) this.#queue.splice(index, 1);
      if (this.#jobs.get(waiting.source) === waiting) this.#jobs.delete(waiting.source);
    };
  }

  /** Stops the worker and forgets what was waiting (the page is going away, or a test ends). */
  dispose(): void {
    this.#clearDeadline();
    this.#stopWorker();
    this.#queue.length = 0;
    this.#jobs.clear();
    this.#running = null;
  }

  #pump(): void {
    if (this.#running || this.#queue.length === 0) return;
    const worker = this.#ensureWorker();
    if (!worker) {
      this.#failAll();
      return;
    }
    if (!worker.ready) return; // its 'ready' pumps again
    const job = this.#queue.shift() as Job;
    this.#running = job;
    this.#deadline = setTimeout(() => this.#timedOut(job), this.deadlineFor(job.source));
    try {
      worker.port.post({ id: job.id, source: job.source });
    } catch {
      this.#workerError();
    }
  }

  #ensureWorker(): LiveWorker | null {
    if (this.#worker) return this.#worker;
    if (this.#unavailable) return null;
    let port: WorkerPort | null = null;
    const handlers: WorkerHandlers = {
      message: (data) => {
        if (this.#worker?.port === port) this.#onMessage(data);
      },
      error: () => {
        if (this.#worker?.port === port) this.#workerError();
      },
    };
    try {
      port = this.#createWorker(handlers);
    } catch {
      port = null;
    }
    if (!port) {
      this.#unavailable = true;
      return null;
    }
    this.workersStarted++;
    const worker: LiveWorker = { port, ready: false, startupTimer: null };
    worker.startupTimer = setTimeout(() => {
      if (this.#worker === worker && !worker.ready) this.#workerError();
    }, this.#startupMs);
    this.#worker = worker;
    return worker;
  }

  #onMessage(data: unknown): void {
    const worker = this.#worker;
    if (!worker || !isReply(data)) return;
    if (data.type === 'ready') {
      worker.ready = true;
      if (worker.startupTimer) clearTimeout(worker.startupTimer);
      worker.startupTimer = null;
      this.#pump();
      return;
    }
    const job = this.#running;
    if (!job || job.id !== data.id) return;
    this.#clearDeadline();
    this.#running = null;
    this.#settle(job, data.type === 'result' ? { status: 'ready', document: data.document } : { status: 'plain', cause: 'unavailable' });
    this.#pump();
  }

  /** Past the deadline: the worker dies with its parse; a fresh one takes the rest. */
  #timedOut(job: Job): void {
    if (this.#running !== job) return;
    this.#deadline = null;
    this.#running = null;
    this.#stopWorker();
    this.#settle(job, { status: 'plain', cause: 'timeout' });
    this.#pump();
  }

  /**
   * The worker failed. Before it was ready: no worker can be had (its script
   * does not load here), every long note is plain text from now on. After:
   * the note it held is plain text, and a fresh worker takes the rest.
   */
  #workerError(): void {
    const worker = this.#worker;
    if (!worker) return;
    this.#clearDeadline();
    this.#stopWorker();
    if (!worker.ready) {
      this.#unavailable = true;
      this.#failAll();
      return;
    }
    const job = this.#running;
    this.#running = null;
    if (job) this.#settle(job, { status: 'plain', cause: 'unavailable' }, false);
    this.#pump();
  }

  #failAll(): void {
    const jobs = [...(this.#running ? [this.#running] : []), ...this.#queue];
    this.#running = null;
    this.#queue.length = 0;
    for (const job of jobs) this.#settle(job, { status: 'plain', cause: 'unavailable' }, false);
  }

  #settle(job: Job, result: SettledResult, cache = true): void {
    if (cache) this.#cache.set(job.source, result);
    if (this.#jobs.get(job.source) === job) this.#jobs.delete(job.source);
    for (const listener of [...job.listeners]) listener(result);
    job.listeners.clear();
  }

  #clearDeadline(): void {
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#deadline = null;
  }

  #stopWorker(): void {
    const worker = this.#worker;
    this.#worker = null;
    if (!worker) return;
    if (worker.startupTimer) clearTimeout(worker.startupTimer);
    try {
      worker.port.terminate();
    } catch {
      // already gone
    }
  }
}

/**
 * The real worker: a dedicated module worker built by Vite from
 * markdown.worker.ts as an asset of its own, same origin as the page
 * (app://iblagh/ in Electron, loopback http in the browser host), allowed by
 * the CSP's `worker-src 'self'`. Null where there is no Worker.
 */
export const browserWorkerFactory: WorkerFactory = (handlers) => {
  if (typeof Worker === 'undefined') return null;
  const worker = new Worker(new URL('./markdown.worker.ts', import.meta.url), { type: 'module', name: 'markdown' });
  worker.onmessage = (event: MessageEvent<unknown>) => handlers.message(event.data);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    handlers.error();
  };
  worker.onmessageerror = () => handlers.error();
  return { post: (request) => worker.postMessage(request), terminate: () => worker.terminate() };
};

let shared: NoteParser | null = null;

/** The page's parser (one worker for every note shown). */
export function sharedNoteParser(): NoteParser {
  shared ??= new NoteParser({ createWorker: browserWorkerFactory });
  return shared;
}

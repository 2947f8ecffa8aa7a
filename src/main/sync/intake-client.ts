/**
 * HTTP client of the intake sync API (shared/intake-api.md), with the
 * contract's error semantics: 401/403 stop, 400/404/422 are not retried as
 * they are, and everything transient (429, 503, other 5xx, timeouts, reset
 * connections, truncated or invalid JSON) is retried with capped exponential
 * backoff and full jitter, honouring Retry-After.
 */
import { isIP } from 'node:net';
import { ChangePage, type ChangePageData } from './change-page.ts';

/** The token is unknown or expired (401), or the workstation was revoked (403). */
export class IntakeAuthError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(status === 403 ? 'The intake service revoked this workstation (HTTP 403).' : 'The intake service does not accept this token (HTTP 401): unknown or expired.');
    this.name = 'IntakeAuthError';
    this.status = status;
  }
}

/** The service refused the request as it is (400, 404, 422): retrying it unchanged is pointless. */
export class IntakeRefusedError extends Error {
  readonly status: number;
  constructor(status: number, detail: string) {
    super(`The intake service refused the request (HTTP ${status}${detail ? `: ${detail}` : ''}).`);
    this.name = 'IntakeRefusedError';
    this.status = status;
  }
}

/** A failure worth retrying. */
export class TransientError extends Error {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'TransientError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** Still failing after every retry. */
export class IntakeUnreachableError extends Error {
  constructor(cause: Error, attempts: number) {
    super(`The intake service stayed unreachable after ${attempts} attempts: ${cause.message}`, { cause });
    this.name = 'IntakeUnreachableError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('Sync cancelled.');
    this.name = 'CancelledError';
  }
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per request. */
  timeoutMs: number;
}

/** A page holds at most 1,000 changes of at most 262,144 bytes each, escaped in JSON: far below this. */
export const MAX_BODY_BYTES = Math.round(1000 * 262_144 * 1.25);

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 30_000 };

/** Plain http is allowed for loopback addresses only (contract, "Transport"). */
export function checkIntakeUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('The intake URL is not a valid URL.');
  }
  if (url.username || url.password) throw new Error('The intake URL must not carry credentials.');
  if (url.search || url.hash) throw new Error('The intake URL must not carry a query or a fragment.');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:') {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const loopback = host === 'localhost' || (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
    if (loopback) return url;
    throw new Error('Plain http is allowed only for a loopback intake service; use https.');
  }
  throw new Error('The intake URL must use https.');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Full jitter: a uniform wait between 0 and the capped exponential bound, but never less than Retry-After. */
export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.max(retryAfterMs ?? 0, Math.floor(random() * bound));
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(seconds, 3600) * 1000;
}

async function errorDetail(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof body.error?.code === 'string' ? body.error.code : '';
    const message = typeof body.error?.message === 'string' ? body.error.message : '';
    return [code, message].filter(Boolean).join(': ').slice(0, 300);
  } catch {
    return '';
  }
}

export interface Health {
  status: string;
  head_seq: number;
  server_time: string;
}

export interface IntakeClientOptions {
  baseUrl: string;
  token: string;
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  /** Called before each wait: for progress display. */
  onRetry?: (error: Error, attempt: number, delayMs: number) => void;
  random?: () => number;
  /** Largest JSON body read (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

export class IntakeClient {
  private readonly base: string;
  private readonly token: string;
  readonly policy: RetryPolicy;
  private readonly signal: AbortSignal;
  private readonly onRetry: (error: Error, attempt: number, delayMs: number) => void;
  private readonly random: () => number;
  private readonly maxBodyBytes: number;

  constructor(options: IntakeClientOptions) {
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.base = checkIntakeUrl(options.baseUrl).href.replace(/\/+$/, '');
    this.token = options.token;
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.signal = options.signal ?? new AbortController().signal;
    this.onRetry = options.onRetry ?? (() => {});
    this.random = options.random ?? Math.random;
  }

  /** Runs `attempt` until it succeeds, fails for good, or the retries run out. */
  async withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    let last: Error = new Error('no attempt');
    for (let n = 0; n < this.policy.maxAttempts; n += 1) {
      if (this.signal.aborted) throw new CancelledError();
      try {
        return await attempt();
      } catch (error) {
        if (this.signal.aborted) throw new CancelledError();
        if (!(error instanceof TransientError)) throw error;
        last = error;
        if (n === this.policy.maxAttempts - 1) break;
        const delay = backoffDelay(n, this.policy, error.retryAfterMs, this.random);
        this.onRetry(error, n + 1, delay);
        await sleep(delay, this.signal);
      }
    }
    throw new IntakeUnreachableError(last, this.policy.maxAttempts);
  }

  /** One HTTP exchange, with its failures classified. */
  async request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
    const timeout = AbortSignal.timeout(this.policy.timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method: init.method ?? 'GET',
        headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json', ...init.headers },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal: AbortSignal.any([this.signal, timeout]),
        redirect: 'error',
      });
    } catch (error) {
      if (this.signal.aborted) throw new CancelledError();
      throw new TransientError(timeout.aborted ? `request timed out after ${this.policy.timeoutMs} ms` : `connection failed: ${(error as Error).message}`);
    }
    if (response.ok) return response;
    if (response.status === 401 || response.status === 403) throw new IntakeAuthError(response.status);
    if (response.status === 429 || response.status === 503) {
      await response.body?.cancel();
      throw new TransientError(`service overloaded (HTTP ${response.status})`, parseRetryAfter(response.headers.get('retry-after')));
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new TransientError(`server error (HTTP ${response.status})`);
    }
    throw new IntakeRefusedError(response.status, await errorDetail(response));
  }

  /** Reads a JSON body; a cut or malformed body is transient. */
  async json(response: Response): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body ?? []) {
        size += (chunk as Uint8Array).byteLength;
        // A body no contract page can reach is not read to the end: memory stays bounded.
        if (size > this.maxBodyBytes) {
          await response.body?.cancel().catch(() => {});
          throw new IntakeRefusedError(response.status, `response body larger than ${this.maxBodyBytes} bytes`);
        }
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
    } catch (error) {
      if (error instanceof IntakeRefusedError) throw error;
      if (this.signal.aborted) throw new CancelledError();
      throw new TransientError(`connection lost while reading the body: ${(error as Error).message}`);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    } catch {
      throw new TransientError('truncated or invalid JSON body');
    }
  }

  health(): Promise<Health> {
    return this.withRetries(async () => {
      const body = (await this.json(await this.request('/health'))) as Partial<Health>;
      if (typeof body.head_seq !== 'number' || typeof body.status !== 'string') throw new TransientError('unexpected /health body');
      return { status: body.status, head_seq: body.head_seq, server_time: String(body.server_time ?? '') };
    });
  }

  /** One page of the change feed; a page that does not follow the contract's shape is transient. */
  changes(after: number, limit: number): Promise<ChangePageData> {
    return this.withRetries(async () => {
      const page = ChangePage.safeParse(await this.json(await this.request(`/changes?after=${after}&limit=${limit}`)));
      if (!page.success) throw new TransientError('the change page does not follow the contract');
      return page.data;
    });
  }

  /** POST /reports/{id}/status; the same Idempotency-Key makes a retry safe. */
  pushStatus(reportId: string, idempotencyKey: string, body: Record<string, string>): Promise<{ seq: number }> {
    return this.withRetries(async () => {
      const response = await this.request(`/reports/${encodeURIComponent(reportId)}/status`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(body),
      });
      const parsed = (await this.json(response)) as { seq?: unknown };
      if (typeof parsed.seq !== 'number') throw new TransientError('unexpected status response body');
      return { seq: parsed.seq };
    });
  }
}

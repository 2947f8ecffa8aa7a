/**
 * HTTP client of the intake sync API (shared/intake-api.md), with the
 * contract's error semantics: 401/403 stop, 400/404/422 are not retried as
 * they are, and everything transient (429, 503, other 5xx, timeouts, reset
 * connections, truncated or invalid JSON) is retried with capped exponential
 * backoff and full jitter, honouring Retry-After (up to MAX_RETRY_AFTER_MS).
 * Every body is read through a cap (http-exchange.ts: on the bytes sent and on
 * the bytes once decompressed), and a change page that would move the cursor
 * past what it holds is a protocol error (change-page.ts).
 */
import { isIP } from 'node:net';
import { ChangePage, pageCursorViolation, type ChangePageData } from './change-page.ts';
import { BodyTooLargeError, nodeExchange, UnsupportedEncodingError, type Exchange } from './http-exchange.ts';

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

/**
 * The service broke the contract in a way retrying may cure (a failover, a proxy): a page
 * whose next_after is not its last change's seq, changes out of order, a body over its cap.
 * Retried like a transient failure; when the retries run out, an IntakeProtocolError.
 */
export class ProtocolViolation extends TransientError {
  /** The body crossed its cap. */
  readonly tooLarge: boolean;
  /** Ask again at once, without counting an attempt: the request itself changed (a smaller page). */
  retryNow = false;
  constructor(message: string, options: { tooLarge?: boolean } = {}) {
    super(message);
    this.name = 'ProtocolViolation';
    this.tooLarge = options.tooLarge ?? false;
  }
}

/** The service kept breaking the contract after every retry: shown to the analyst as such (sync error kind `protocol`). */
export class IntakeProtocolError extends Error {
  constructor(cause: ProtocolViolation, attempts: number) {
    super(`The intake service does not follow the sync contract (still after ${attempts} attempts): ${cause.message}`, { cause });
    this.name = 'IntakeProtocolError';
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

/**
 * Cap of a change page's body (decoded; the bytes sent are capped a little above, see
 * http-exchange.ts's encodedAllowance), and of every other successful body.
 *
 * What 1,000 changes of at most 262,144-byte payloads can need: each payload is a JSON string
 * inside the page, so its bytes are escaped once more. RFC 8259 asks an encoder to escape only
 * `"`, `\` and the control characters; a payload is itself JSON text, whose only raw control
 * characters are whitespace (`\t \n \r`, two bytes once escaped), so with the shortest escapes
 * every byte takes at most 2: 524,288 bytes, plus the envelope (`seq` up to 16 digits, `kind`,
 * the 88 base64 characters of `sig`, keys and punctuation: under 256 bytes). But encoders that
 * follow the RFC may escape more: Python's default `ensure_ascii` turns a 2-byte Arabic letter
 * into `\u0627` (6 bytes, 3x), Go's HTML-safe default turns `<` into `\u003c` (6x). The worst
 * page is then 1,000 x (6 x 262,144 + 256) = 1.57 GB, and 524.5 MB with the shortest escapes:
 * neither is a sensible amount to hold in memory, and both are above the 327 MB cap this
 * replaces (1.25x, which the RFC's own escapes can exceed).
 *
 * So a page is capped at 64 MiB, and a page over it is asked again with half the `limit`
 * (IntakeClient.changes), down to a single change: one change needs at most
 * 6 x 262,144 + 256 = 1,573,120 bytes, so every change the contract allows gets through, while
 * a body that no contract page can be ends the exchange at 64 MiB. 64 MiB still holds 1,000
 * changes of 64 KiB each escaped, several times the largest report (5,000 characters of
 * description, 20 URLs, 10 attachments); the generated feed's pages of 1,000 changes measured
 * 0.88 MB on average (largest payload 8.6 KB). A bomb is stopped after at most 64 MiB of
 * inflated bytes held per attempt, as a page that large would be.
 */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Cap of an error body (contract, "Sizes": 64 KiB is ample for `{"error":{"code","message"}}`). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** The longest Retry-After honoured (the issue's review: a server must not park a workstation for hours). */
export const MAX_RETRY_AFTER_MS = 5 * 60 * 1000;

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

const IMF_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Retry-After in milliseconds, at most MAX_RETRY_AFTER_MS: delta-seconds (the contract's form,
 * digits only), or an HTTP-date (RFC 9110 allows it), counted from `now` and never below 0.
 * Anything else (negative, fractional, garbage) is ignored: the usual backoff applies.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d{1,16}$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  if (IMF_DATE.test(text)) {
    const time = Date.parse(text);
    if (Number.isNaN(time)) return undefined;
    return Math.min(Math.max(0, time - now), MAX_RETRY_AFTER_MS);
  }
  return undefined;
}

/** Reads a body up to `limit` bytes (decoded), whatever produced the Response. */
async function readCapped(response: Response, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    const bytes = chunk as Uint8Array;
    size += bytes.byteLength;
    // A body over the cap is not read to the end: memory stays bounded.
    if (size > limit) throw new BodyTooLargeError(limit, 'decoded');
    chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return Buffer.concat(chunks);
}

/** The code and message of an error body, read up to MAX_ERROR_BODY_BYTES; never fails. */
async function errorDetail(response: Response): Promise<string> {
  try {
    const body = JSON.parse((await readCapped(response, MAX_ERROR_BODY_BYTES)).toString('utf8')) as { error?: { code?: unknown; message?: unknown } } | null;
    const code = typeof body?.error?.code === 'string' ? body.error.code : '';
    const message = typeof body?.error?.message === 'string' ? body.error.message : '';
    return [code, message].filter(Boolean).join(': ').slice(0, 300);
  } catch (error) {
    await response.body?.cancel().catch(() => {});
    if (error instanceof BodyTooLargeError || error instanceof UnsupportedEncodingError) return `error body not read: ${error.message}`;
    return '';
  }
}

/** A signed audit anchor receipt (contract 1.1): `payload` exactly as received, `sig` its base64 Ed25519 signature. */
export interface AnchorReceiptData {
  payload: string;
  sig: string;
}

function anchorReceipt(value: unknown): AnchorReceiptData | null {
  if (value === null || typeof value !== 'object') return null;
  const { payload, sig } = value as { payload?: unknown; sig?: unknown };
  return typeof payload === 'string' && typeof sig === 'string' ? { payload, sig } : null;
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
  /** Largest successful body read, decoded (default MAX_BODY_BYTES); error bodies: MAX_ERROR_BODY_BYTES. */
  maxBodyBytes?: number;
  /** How requests are sent (default node:http(s), http-exchange.ts). */
  exchange?: Exchange;
}

export class IntakeClient {
  private readonly base: string;
  private readonly token: string;
  readonly policy: RetryPolicy;
  private readonly signal: AbortSignal;
  private readonly onRetry: (error: Error, attempt: number, delayMs: number) => void;
  private readonly random: () => number;
  readonly maxBodyBytes: number;
  private readonly exchange: Exchange;

  constructor(options: IntakeClientOptions) {
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.exchange = options.exchange ?? nodeExchange;
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
        if (error instanceof ProtocolViolation && error.retryNow) {
          n -= 1;
          continue;
        }
        if (n === this.policy.maxAttempts - 1) break;
        const delay = backoffDelay(n, this.policy, error.retryAfterMs, this.random);
        this.onRetry(error, n + 1, delay);
        await sleep(delay, this.signal);
      }
    }
    if (last instanceof ProtocolViolation) throw new IntakeProtocolError(last, this.policy.maxAttempts);
    throw new IntakeUnreachableError(last, this.policy.maxAttempts);
  }

  /** One HTTP exchange, with its failures classified. */
  async request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string; maxBodyBytes?: number } = {}): Promise<Response> {
    const timeout = AbortSignal.timeout(this.policy.timeoutMs);
    let response: Response;
    try {
      response = await this.exchange(new URL(`${this.base}${path}`), {
        method: init.method ?? 'GET',
        headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json', ...init.headers, ...(init.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(init.body)) }) },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal: AbortSignal.any([this.signal, timeout]),
        maxBodyBytes: init.maxBodyBytes ?? this.maxBodyBytes,
        maxErrorBodyBytes: MAX_ERROR_BODY_BYTES,
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

  /**
   * Reads a JSON body, up to `limit` bytes (decoded); a cut or malformed body is transient,
   * a body over the cap (or in an encoding not asked for) a protocol violation.
   */
  async json(response: Response, limit: number = this.maxBodyBytes): Promise<unknown> {
    let bytes: Buffer;
    try {
      bytes = await readCapped(response, limit);
    } catch (error) {
      await response.body?.cancel().catch(() => {});
      if (error instanceof BodyTooLargeError || error instanceof UnsupportedEncodingError) throw new ProtocolViolation(error.message, { tooLarge: error instanceof BodyTooLargeError });
      if (this.signal.aborted) throw new CancelledError();
      throw new TransientError(`connection lost while reading the body: ${(error as Error).message}`);
    }
    try {
      return JSON.parse(bytes.toString('utf8')) as unknown;
    } catch {
      throw new TransientError('truncated or invalid JSON body');
    }
  }

  health(): Promise<Health> {
    return this.withRetries(async () => {
      const body = ((await this.json(await this.request('/health'), MAX_ERROR_BODY_BYTES)) ?? {}) as Partial<Health>;
      if (typeof body.head_seq !== 'number' || typeof body.status !== 'string') throw new TransientError('unexpected /health body');
      return { status: body.status, head_seq: body.head_seq, server_time: String(body.server_time ?? '') };
    });
  }

  /**
   * One page of the change feed. A page that does not follow the contract's shape is transient;
   * one whose next_after is not the seq of its last change (or `after` when empty), or whose
   * changes are not in ascending seq, a protocol violation: nothing of it is applied. A body over
   * MAX_BODY_BYTES is asked again at once with half the limit (see MAX_BODY_BYTES), down to 1.
   */
  changes(after: number, limit: number): Promise<ChangePageData> {
    let asked = limit;
    return this.withRetries(async () => {
      let body: unknown;
      try {
        body = await this.json(await this.request(`/changes?after=${after}&limit=${asked}`));
      } catch (error) {
        if (error instanceof ProtocolViolation && error.tooLarge && asked > 1) {
          asked = Math.ceil(asked / 2);
          error.retryNow = true;
        }
        throw error;
      }
      const page = ChangePage.safeParse(body);
      if (!page.success) throw new TransientError('the change page does not follow the contract');
      const violation = pageCursorViolation(page.data, after);
      if (violation !== null) throw new ProtocolViolation(violation);
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
      const parsed = (await this.json(response, MAX_ERROR_BODY_BYTES)) as { seq?: unknown } | null;
      if (typeof parsed?.seq !== 'number') throw new TransientError('unexpected status response body');
      return { seq: parsed.seq };
    });
  }

  /** POST /audit-anchors (contract 1.1): the receipt as received, not yet verified; the same Idempotency-Key makes a retry safe. */
  anchorAudit(idempotencyKey: string, body: { workstation_id: string; head_index: number; head_hash: string; at: string }): Promise<AnchorReceiptData> {
    return this.withRetries(async () => {
      const response = await this.request('/audit-anchors', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(body),
      });
      // A body of `null` or a bare value is as wrong as a missing field (and must not throw a TypeError).
      const parsed = (await this.json(response)) as { receipt?: unknown } | null;
      const receipt = anchorReceipt(parsed?.receipt);
      if (!receipt) throw new TransientError('unexpected audit anchor response body');
      return receipt;
    });
  }

  /** GET /audit-anchors?workstation_id= (contract 1.1): every receipt the service holds for this workstation, as received. */
  auditAnchors(workstationId: string): Promise<AnchorReceiptData[]> {
    return this.withRetries(async () => {
      const parsed = (await this.json(await this.request(`/audit-anchors?workstation_id=${encodeURIComponent(workstationId)}`))) as { anchors?: unknown } | null;
      if (!Array.isArray(parsed?.anchors)) throw new TransientError('unexpected audit anchors list body');
      const receipts = parsed.anchors.map(anchorReceipt);
      if (receipts.some((receipt) => receipt === null)) throw new TransientError('unexpected audit anchors list body');
      return receipts as AnchorReceiptData[];
    });
  }
}

/**
 * Errors the core raises on purpose. They carry a contract error code, so the
 * dispatcher turns them into `{ ok: false, error }` for the UI to translate.
 */
import type { AppErrorShape, ErrorCode } from '../shared/contract.ts';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, options: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
  }

  toShape(): AppErrorShape {
    return this.retryAfterMs === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAfterMs: this.retryAfterMs };
  }
}

/**
 * Whether a failure is the disk being full: SQLite's SQLITE_FULL (the write
 * rolled back) or the file system's ENOSPC, on the error or its causes.
 */
export function isDiskFull(error: unknown): boolean {
  for (let current = error, depth = 0; current !== null && typeof current === 'object' && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') return true;
  }
  return false;
}

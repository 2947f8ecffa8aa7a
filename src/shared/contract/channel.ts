/**
 * The pieces every contract fragment is built from: error codes, the result
 * envelope, who may call a channel, and `channel()` that declares one.
 * Pure zod: runs unchanged in the renderer, the preload, the core and the CLI.
 */
import { z } from 'zod';

/** Error codes the UI knows how to translate. Every failure carries one. */
export const ErrorCode = z.enum([
  /** The input did not match the channel's schema, or the channel is unknown. */
  'INVALID_INPUT',
  /** The store is locked; unlock first. */
  'LOCKED',
  /** The action is not possible in the current phase (for example setup twice). */
  'WRONG_PHASE',
  /** Wrong passphrase for that profile. */
  'WRONG_PASSPHRASE',
  /** Too many failed attempts; retry after `retryAfterMs`. */
  'THROTTLED',
  /** The passphrase does not meet the strength policy. */
  'WEAK_PASSPHRASE',
  /** The profile is disabled or unknown. */
  'PROFILE_DISABLED',
  /** The unlocked analyst's role does not allow this. */
  'FORBIDDEN',
  /** The thing referred to does not exist. */
  'NOT_FOUND',
  /** It would conflict with existing data (for example a duplicate name). */
  'CONFLICT',
  /** The store cannot be decrypted or fails its integrity check. */
  'STORE_CORRUPT',
  /** The store was written by a newer version of the workstation. */
  'STORE_TOO_NEW',
  /** No intake service is configured yet. */
  'INTAKE_NOT_CONFIGURED',
  /** The intake URL, token or key is not acceptable (message says which). */
  'INTAKE_INVALID_CONFIG',
  /** The intake URL is not acceptable: not a URL, credentials or a query in it, plain http to another host than loopback. */
  'INTAKE_BAD_URL',
  /** No workstation token, or one with spaces in it. */
  'INTAKE_BAD_TOKEN',
  /** No intake public key, or not an Ed25519 public key in PEM. */
  'INTAKE_BAD_KEY',
  /** The intake service's changes are not signed by the key given: another service's key. */
  'INTAKE_KEY_MISMATCH',
  /** The intake service does not accept this workstation's token (401) or revoked it (403). */
  'INTAKE_AUTH',
  /** The intake service stayed unreachable after the retries. */
  'INTAKE_UNREACHABLE',
  /** The intake service refused the request (400, 404, 422). */
  'INTAKE_REFUSED',
  /** Online diagnostics are not enabled, or no path (proxy, or direct allowed) is configured. */
  'ONLINE_DISABLED',
  /** The destination of an online diagnostic is refused (private address, direct connection not allowed). */
  'DESTINATION_REFUSED',
  /** The referral dossier could not be rendered (no Chromium, or the render failed or tried the network). */
  'RENDER_FAILED',
  /** The disk is full: nothing was written (the action rolled back); it works again once space is freed. */
  'DISK_FULL',
  /** An unexpected failure; details are in the host's console, never in the UI. */
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The failure half of a result envelope. */
export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Set with THROTTLED: how long to wait before the next attempt. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

/** What every channel answers: a value, or an error as data. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Who may call a channel. */
export type Access = 'locked' | 'analyst' | 'supervisor';

export interface ChannelDef<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly errors: readonly ErrorCode[];
  /** 'locked': callable at any time; 'analyst': needs an unlocked store; 'supervisor': and that role. */
  readonly access: Access;
  /** True for a channel that never writes to the store: during a sync it does not wait for the sync's write transaction (main/sync/write-gate.ts). */
  readonly readOnly?: true;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

/** Input of a channel that takes none. */
export const None = z.undefined();
/** Output of a channel that answers nothing but success. */
export const Ok = z.null();

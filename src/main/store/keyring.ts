/**
 * The keyring file: the only part of the store readable without a passphrase.
 *
 * It holds, per profile, the login name shown on the lock screen, the wrapped
 * database key and the count of failed unlocks (so that throttling survives a
 * restart). Names of services, roles and everything else about an analyst live
 * in the encrypted database. A disabled profile has no wrapped key any more:
 * its passphrase no longer opens anything.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UiLocale } from '../../shared/schemas.ts';
import { AppError } from '../errors.ts';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const WrappedKeySchema = z.object({
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().min(2 ** 10).max(2 ** 24),
    r: z.number().int().min(1).max(64),
    p: z.number().int().min(1).max(16),
    salt: Base64,
  }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: Base64, tag: Base64, data: Base64 }),
});

const KeyringProfile = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  wrapped: WrappedKeySchema.nullable(),
  failures: z.number().int().nonnegative(),
  lastFailureAt: z.number().int().nullable(),
});
export type KeyringProfile = z.infer<typeof KeyringProfile>;

const KeyringFile = z.object({
  format: z.literal('iblagh-keyring'),
  version: z.literal(1),
  storeId: z.string().min(1).max(64),
  lockScreenLocale: UiLocale,
  profiles: z.array(KeyringProfile),
});
export type Keyring = z.infer<typeof KeyringFile>;

export const KEYRING_FILE = 'keyring.json';

export function keyringPath(storeDir: string): string {
  return join(storeDir, KEYRING_FILE);
}

/** The keyring, or null on first run. A damaged keyring is an error, never silently replaced. */
export function readKeyring(storeDir: string): Keyring | null {
  let text: string;
  try {
    text = readFileSync(keyringPath(storeDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError('STORE_CORRUPT', `The keyring ${KEYRING_FILE} is not valid JSON.`, { cause: error });
  }
  const result = KeyringFile.safeParse(parsed);
  if (!result.success) throw new AppError('STORE_CORRUPT', `The keyring ${KEYRING_FILE} is damaged: ${result.error.issues[0]?.message ?? 'invalid'}.`);
  return result.data;
}

/** Writes the keyring atomically: a crash leaves either the old file or the new one, never half of one. */
export function writeKeyring(storeDir: string, keyring: Keyring): void {
  const target = keyringPath(storeDir);
  const temporary = `${target}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(KeyringFile.parse(keyring), null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
  try {
    const dirFd = openSync(storeDir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Directory fsync is not supported everywhere (Windows); the rename is still atomic.
  }
}

/** Unlock attempts allowed before each further attempt has to wait. */
export const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;

/** How long to wait after `failures` failed attempts: 0, 0, 0, then 1 s doubling up to 5 minutes. */
export function throttleDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

/** Milliseconds before this profile may try again (0 when it may try now). */
export function retryAfterMs(profile: KeyringProfile, now: number): number {
  if (profile.lastFailureAt === null) return 0;
  const delay = throttleDelayMs(profile.failures);
  // A clock set back must not extend the wait beyond one full delay.
  const elapsed = Math.max(0, now - profile.lastFailureAt);
  return Math.max(0, delay - elapsed);
}

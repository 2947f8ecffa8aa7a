/**
 * Backups (issue #13): the recovery key that opens every backup when no
 * profile's passphrase is left. Backups themselves are made, checked and
 * restored from the command line (`iblagh-ws backup …`).
 */
import { z } from 'zod';
import { channel, None } from './channel.ts';

export const RecoveryKeyState = z.object({
  /** The recovery key in use for new backups: the first 16 hex digits of the SHA-256 of its public half, and when it was made; null before the first. */
  current: z.object({ fingerprint: z.string(), createdAt: z.string() }).nullable(),
});
export type RecoveryKeyState = z.infer<typeof RecoveryKeyState>;

export const NewRecoveryKey = z.object({
  /** The private key as printed (14 groups of 4 base32 characters): shown once, never kept. */
  recoveryKey: z.string(),
  fingerprint: z.string(),
  /** Whether it replaced another for later backups. */
  replaced: z.boolean(),
});
export type NewRecoveryKey = z.infer<typeof NewRecoveryKey>;

export const backupChannels = {
  /** Whether the store has a recovery key, and which. */
  'backup.recoveryKey': channel({ input: None, output: RecoveryKeyState, errors: ['LOCKED', 'FORBIDDEN'], access: 'supervisor' }),
  /** Generates the recovery key (replacing the previous one for later backups) and answers it once. Recorded. */
  'backup.generateRecoveryKey': channel({ input: None, output: NewRecoveryKey, errors: ['LOCKED', 'FORBIDDEN'], access: 'supervisor' }),
} as const;

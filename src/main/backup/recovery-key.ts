/**
 * The backups' recovery key: an X25519 key pair a supervisor generates once.
 *
 * Only the public half stays in the store (`store_meta`), so that every backup
 * can seal the database key to it; the private half is shown once, as 56
 * base32 characters in 14 groups of 4 (32 key bytes and a 3-byte checksum),
 * to be printed and kept in a safe. It opens any backup of this store made
 * since, when no profile's passphrase is left.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../store/database.ts';
import { generateX25519, x25519PublicOf } from '../crypto/seal.ts';
import { recordAudit } from '../audit/audit.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const CHECKSUM_BYTES = 3;
const PUBLIC_KEY_META = 'backup_recovery_public_key';
const CREATED_AT_META = 'backup_recovery_key_created_at';

export class RecoveryKeyFormatError extends Error {}

function checksum(privateKey: Buffer): Buffer {
  return createHash('sha256').update('iblagh-recovery-key/v1').update(privateKey).digest().subarray(0, CHECKSUM_BYTES);
}

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** The printed form: `ABCD-EFGH-…` (14 groups of 4). */
export function formatRecoveryKey(privateKey: Buffer): string {
  const text = base32(Buffer.concat([privateKey, checksum(privateKey)]));
  return text.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * The private key from its printed form: case, spaces, dashes and the look-alike
 * digits 0, 1 and 8 (for O, I and B) are forgiven; a typo fails the checksum.
 */
export function parseRecoveryKey(text: string): Buffer {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replaceAll('0', 'O').replaceAll('1', 'I').replaceAll('8', 'B');
  if (cleaned.length !== 56) throw new RecoveryKeyFormatError('A recovery key has 56 characters (14 groups of 4).');
  const bytes = Buffer.alloc(35);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of cleaned) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) throw new RecoveryKeyFormatError(`"${char}" is not a character of a recovery key.`);
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes[index++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  const privateKey = Buffer.from(bytes.subarray(0, 32));
  const ok = checksum(privateKey).equals(bytes.subarray(32));
  bytes.fill(0);
  if (!ok) {
    privateKey.fill(0);
    throw new RecoveryKeyFormatError('This recovery key is mistyped: its checksum does not match.');
  }
  return privateKey;
}

export interface RecoveryKeyInfo {
  publicKey: Buffer;
  createdAt: string;
}

/** The store's recovery public key, or null when none was generated yet. */
export function recoveryPublicKey(db: Db): RecoveryKeyInfo | null {
  const rows = db.prepare('SELECT key, value FROM store_meta WHERE key IN (?, ?)').all(PUBLIC_KEY_META, CREATED_AT_META) as { key: string; value: string }[];
  const publicKey = rows.find((row) => row.key === PUBLIC_KEY_META)?.value;
  const createdAt = rows.find((row) => row.key === CREATED_AT_META)?.value;
  if (publicKey === undefined || createdAt === undefined) return null;
  return { publicKey: Buffer.from(publicKey, 'base64'), createdAt };
}

/**
 * Generates a new recovery key (replacing the previous one for every later
 * backup; earlier backups stay openable with the key they were made with),
 * keeps its public half and returns the printed private half, once.
 */
export function generateRecoveryKey(db: Db, analystId: string, at: Date): { printed: string; fingerprint: string } {
  const pair = generateX25519();
  try {
    const fingerprint = recoveryFingerprint(pair.publicKey);
    db.transaction(() => {
      const upsert = db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      upsert.run(PUBLIC_KEY_META, pair.publicKey.toString('base64'));
      upsert.run(CREATED_AT_META, at.toISOString());
      recordAudit(db, analystId, 'backup.recovery_key_created', { fingerprint }, at);
    })();
    return { printed: formatRecoveryKey(pair.privateKey), fingerprint };
  } finally {
    pair.privateKey.fill(0);
  }
}

/** A short name of a recovery key (first 16 hex digits of the SHA-256 of its public half), to tell keys apart. */
export function recoveryFingerprint(publicKey: Buffer): string {
  return createHash('sha256').update(publicKey).digest('hex').slice(0, 16);
}

/** Whether a private key is the one whose public half is `publicKey`. */
export function matchesPublicKey(privateKey: Buffer, publicKey: Buffer): boolean {
  return x25519PublicOf(privateKey).equals(publicKey);
}

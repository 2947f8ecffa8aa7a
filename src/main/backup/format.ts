/**
 * The backup file: one file, read without trusting any of it.
 *
 *   8 bytes   magic `IBLGBAK1`
 *   4 bytes   header length, big-endian (at most 1 MiB)
 *   N bytes   header, UTF-8 JSON (below)
 *   32 bytes  HMAC-SHA256 of the three parts above, keyed from the database key
 *   the rest  the database: the encrypted SQLite file (SQLCipher v4 scheme, the
 *             store's own database key), byte for byte as SQLite wrote it
 *
 * The header says what the backup is (store, time, schema version, the
 * database's size and SHA-256) and carries what opens it: the store's keyring
 * (each profile's entry, wrapped under its own passphrase, so that the same
 * profiles unlock a restored store) and the database key sealed to the
 * recovery key. The database pages authenticate themselves (the cipher's
 * per-page HMAC) and the header is authenticated once the key is open, so an
 * edited header or database is refused, not restored.
 */
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fstatSync, openSync, readSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { z } from 'zod';
import { Base64, SealedSchema } from '../store/keyring.ts';

export const BACKUP_MAGIC = Buffer.from('IBLGBAK1', 'latin1');
const MAX_HEADER_BYTES = 1024 * 1024;
const MAC_BYTES = 32;


export const BackupHeader = z.object({
  format: z.literal('iblagh-backup'),
  version: z.literal(1),
  storeId: z.string().min(1).max(64),
  createdAt: z.string().datetime(),
  schemaVersion: z.number().int().min(1).max(100_000),
  database: z.object({
    cipher: z.literal('sqlcipher'),
    bytes: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** The store's keyring file at backup time (failure counters reset); checked by the keyring's own schema on use. */
  keyring: z.unknown(),
  recovery: z.object({
    fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
    publicKey: Base64,
    sealed: SealedSchema,
  }),
  /** The database key sealed to each enabled profile's public key, when the keyring gives profiles one. */
  profiles: z.array(z.object({ profileId: z.string().min(1).max(64), sealed: SealedSchema })).max(10_000),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export class BackupFormatError extends Error {}

/** The seal's context: binds a sealed key to its store and recipient. */
export function sealContext(storeId: string, recipient: string): string {
  return `iblagh-backup/v1/${storeId}/${recipient}`;
}

function macKey(databaseKey: Buffer, storeId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.from(storeId, 'utf8'), Buffer.from('iblagh-backup/v1/header-mac', 'utf8'), 32));
}

/** Magic, length and header bytes: what the MAC covers. */
export function headerBlock(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length > MAX_HEADER_BYTES) throw new BackupFormatError('The backup header is too large.');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([BACKUP_MAGIC, length, json]);
}

export function headerMac(block: Buffer, databaseKey: Buffer, storeId: string): Buffer {
  const key = macKey(databaseKey, storeId);
  try {
    return createHmac('sha256', key).update(block).digest();
  } finally {
    key.fill(0);
  }
}

export interface ReadHeader {
  header: BackupHeader;
  block: Buffer;
  mac: Buffer;
  /** Where the database bytes start in the file. */
  databaseOffset: number;
}

/** Reads and checks the header of a backup file (not yet its MAC, which needs the key). */
export function readBackupHeader(file: string): ReadHeader {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new BackupFormatError(`Cannot open the backup file: ${(error as Error).message}`);
  }
  try {
    const size = fstatSync(fd).size;
    const start = Buffer.alloc(12);
    if (readSync(fd, start, 0, 12, 0) !== 12 || !start.subarray(0, 8).equals(BACKUP_MAGIC)) {
      throw new BackupFormatError('This file is not an Iblagh Workstation backup.');
    }
    const length = start.readUInt32BE(8);
    if (length === 0 || length > MAX_HEADER_BYTES || 12 + length + MAC_BYTES > size) throw new BackupFormatError('The backup header is damaged (impossible length).');
    const json = Buffer.alloc(length);
    const mac = Buffer.alloc(MAC_BYTES);
    if (readSync(fd, json, 0, length, 12) !== length || readSync(fd, mac, 0, MAC_BYTES, 12 + length) !== MAC_BYTES) {
      throw new BackupFormatError('The backup file is truncated.');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch {
      throw new BackupFormatError('The backup header is damaged (not JSON).');
    }
    const result = BackupHeader.safeParse(parsed);
    if (!result.success) throw new BackupFormatError(`The backup header is damaged or of an unknown version (${result.error.issues[0]?.path.join('.') ?? ''}).`);
    const databaseOffset = 12 + length + MAC_BYTES;
    if (size - databaseOffset !== result.data.database.bytes) {
      throw new BackupFormatError(`The backup's database is ${size - databaseOffset} bytes long; its header says ${result.data.database.bytes}: the file is truncated or extended.`);
    }
    return { header: result.data, block: Buffer.concat([start, json]), mac, databaseOffset };
  } finally {
    closeSync(fd);
  }
}

/** SHA-256 and length of a stream of bytes as they pass. */
function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
}

/** SHA-256 (hex) of a whole file. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies the backup's database bytes (still encrypted) to `target`, a new file
 * (never an existing one), and checks their SHA-256 against the header's.
 */
export async function extractDatabase(file: string, read: ReadHeader, target: string): Promise<void> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { start: read.databaseOffset }), hashing(hash), createWriteStream(target, { flags: 'wx', mode: 0o600, flush: true }));
  const digest = hash.digest('hex');
  if (digest !== read.header.database.sha256) {
    throw new BackupFormatError(`The backup's database does not match its SHA-256 (header ${read.header.database.sha256.slice(0, 16)}…, file ${digest.slice(0, 16)}…): the file is damaged.`);
  }
}

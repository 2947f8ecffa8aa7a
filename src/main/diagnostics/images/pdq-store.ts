/**
 * PDQ hashes as the store keeps them (32-byte blobs) and the near-duplicate
 * threshold a supervisor sets (settings key `pdq_max_distance`).
 */
import type { Db } from '../../store/database.ts';
import { PDQ_SUGGESTED_MAX_DISTANCE } from './pdq.ts';

export const PDQ_THRESHOLD_KEY = 'pdq_max_distance';

/** The near-duplicate threshold (Hamming distance of 256 bits); PDQ's recommended 31 unless a supervisor set another. */
export function readPdqThreshold(db: Db): number {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PDQ_THRESHOLD_KEY) as string | undefined;
  const value = raw === undefined ? NaN : Number(JSON.parse(raw));
  return Number.isInteger(value) && value >= 0 && value <= 128 ? value : PDQ_SUGGESTED_MAX_DISTANCE;
}

export function writePdqThreshold(db: Db, value: number, analystId: string, at = new Date()): number {
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(PDQ_THRESHOLD_KEY, JSON.stringify(value), at.toISOString(), analystId);
  return readPdqThreshold(db);
}

const POPCOUNT8 = (() => {
  const t = new Uint8Array(256);
  for (let i = 1; i < 256; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();

/** Hamming distance of two 32-byte PDQ blobs, stopping early past `limit`. */
export function blobDistance(a: Uint8Array, b: Uint8Array, limit = 256): number {
  let d = 0;
  for (let k = 0; k < 32; k++) {
    d += POPCOUNT8[a[k]! ^ b[k]!]!;
    if (d > limit) return d;
  }
  return d;
}


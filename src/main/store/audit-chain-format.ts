/**
 * The audit journal's hash chain, as stored: the canonical bytes of an entry
 * and how its hash is computed. Migration 12 chains the entries written
 * before the chain existed with it, and `audit/` chains and verifies every
 * entry with it; so, like a released migration, it never changes.
 *
 *   hash(n) = SHA-256( prev_hash(n) as 32 raw bytes || canonical(n) )
 *   prev_hash(1) = 64 zeros (GENESIS_HASH); prev_hash(n) = hash(n - 1)
 *   canonical(n) = UTF-8 of the JSON object
 *     {"action":…,"analyst_id":…|null,"at":…,"detail":{…},"index":n}
 *   with the keys of every object sorted by UTF-16 code unit (JSON.stringify
 *   of strings and numbers otherwise; no whitespace).
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainEntry {
  index: number;
  at: string;
  analystId: string | null;
  action: string;
  /** The parsed detail object (a flat object of strings, numbers, booleans and nulls). */
  detail: unknown;
}

/** JSON with every object's keys sorted and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

export function canonicalEntryBytes(entry: ChainEntry): Buffer {
  return Buffer.from(canonicalJson({ action: entry.action, analyst_id: entry.analystId, at: entry.at, detail: entry.detail, index: entry.index }), 'utf8');
}

export function entryHash(prevHash: string, entry: ChainEntry): string {
  if (!/^[0-9a-f]{64}$/.test(prevHash)) throw new TypeError('entryHash: prev_hash is not 64 lowercase hex digits');
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(canonicalEntryBytes(entry)).digest('hex');
}

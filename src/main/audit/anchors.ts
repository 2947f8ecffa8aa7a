/**
 * Anchoring the audit chain's head at the intake service (shared/intake-api.md,
 * "Anchoring the audit journal", 1.1), the store's side: the queue of heads to
 * anchor and the receipts kept.
 *
 * A head is queued after every N entries (the `audit_anchor_every` setting,
 * default 50), when a session locks, and at every sync run; the sync sends
 * the queue in order (sync/audit-anchoring.ts) and keeps each receipt here
 * once its signature and its fields are checked. Queueing is one INSERT in
 * the writer's transaction: nothing waits for the network, the lock least.
 *
 * This layer cannot read the intake settings: whoever checks receipts gives
 * the service's public key and the workstation id.
 */
import { createPublicKey, randomUUID, verify, type KeyObject } from 'node:crypto';
import type { Db } from '../store/database.ts';

export const ANCHOR_EVERY_DEFAULT = 50;
export const ANCHOR_EVERY_MIN = 1;
export const ANCHOR_EVERY_MAX = 100_000;
const ANCHOR_EVERY_KEY = 'audit_anchor_every';

export type AnchorReason = 'every_n' | 'lock' | 'sync';

export function readAnchorEvery(db: Db): number {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(ANCHOR_EVERY_KEY) as { value: string } | undefined;
  if (!row) return ANCHOR_EVERY_DEFAULT;
  const value = JSON.parse(row.value) as unknown;
  return typeof value === 'number' && Number.isInteger(value) && value >= ANCHOR_EVERY_MIN && value <= ANCHOR_EVERY_MAX ? value : ANCHOR_EVERY_DEFAULT;
}

export function writeAnchorEvery(db: Db, every: number, analystId: string, at = new Date()): void {
  if (!Number.isInteger(every) || every < ANCHOR_EVERY_MIN || every > ANCHOR_EVERY_MAX) throw new RangeError('audit_anchor_every out of bounds');
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(ANCHOR_EVERY_KEY, JSON.stringify(every), at.toISOString(), analystId);
}

/** Queues the head (index, hash) unless a head at or above it is already queued. Returns whether it queued. */
export function queueAnchor(db: Db, head: { index: number; hash: string }, reason: AnchorReason, at = new Date()): boolean {
  if (head.index < 1) return false;
  // One statement: the check and the insert under the write lock, whichever connection queues (the app's at lock, the sync worker's at a run).
  const result = db
    .prepare(
      `INSERT INTO audit_anchor_queue (head_index, head_hash, at, reason, idempotency_key)
       SELECT ?, ?, ?, ?, ? WHERE ? > (SELECT coalesce(max(head_index), 0) FROM audit_anchor_queue)`,
    )
    .run(head.index, head.hash, at.toISOString().replace(/\.\d{3}Z$/, 'Z'), reason, randomUUID(), head.index);
  return result.changes === 1;
}

export interface QueuedAnchor {
  id: number;
  head_index: number;
  head_hash: string;
  at: string;
  idempotency_key: string;
}

export function pendingAnchors(db: Db): QueuedAnchor[] {
  return db.prepare("SELECT id, head_index, head_hash, at, idempotency_key FROM audit_anchor_queue WHERE state = 'pending' ORDER BY id").all() as QueuedAnchor[];
}

export function anchorQueueCounts(db: Db): { pending: number; sent: number; rejected: number; lastError: string | null } {
  const counts = { pending: 0, sent: 0, rejected: 0, lastError: null as string | null };
  for (const row of db.prepare('SELECT state, count(*) AS n FROM audit_anchor_queue GROUP BY state').all() as { state: 'pending' | 'sent' | 'rejected'; n: number }[]) {
    counts[row.state] = row.n;
  }
  counts.lastError = (db.prepare('SELECT last_error FROM audit_anchor_queue WHERE last_error IS NOT NULL ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? null;
  return counts;
}

/** The fields of a receipt's payload. */
export interface AnchorPayload {
  workstation_id: string;
  head_index: number;
  head_hash: string;
  at: string;
  accepted_at: string;
}

export type ReceiptCheck = { ok: true; anchor: AnchorPayload } | { ok: false; reason: 'signature' | 'payload' | 'workstation' };

export function intakePublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the intake key is not Ed25519');
  return key;
}

/** Checks a receipt: its signature over the payload's UTF-8 bytes exactly as received, then its fields. */
export function checkReceipt(receipt: { payload: string; sig: string }, key: KeyObject, workstationId: string): ReceiptCheck {
  const signature = Buffer.from(receipt.sig, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== receipt.sig || !verify(null, Buffer.from(receipt.payload, 'utf8'), key, signature)) {
    return { ok: false, reason: 'signature' };
  }
  let value: unknown;
  try {
    value = JSON.parse(receipt.payload);
  } catch {
    return { ok: false, reason: 'payload' };
  }
  if (value === null || typeof value !== 'object') return { ok: false, reason: 'payload' };
  const p = value as Record<string, unknown>;
  const fine =
    p['kind'] === 'audit_anchor' &&
    typeof p['workstation_id'] === 'string' &&
    typeof p['head_index'] === 'number' &&
    Number.isSafeInteger(p['head_index']) &&
    (p['head_index'] as number) >= 1 &&
    typeof p['head_hash'] === 'string' &&
    /^[0-9a-f]{64}$/.test(p['head_hash']) &&
    typeof p['at'] === 'string' &&
    typeof p['accepted_at'] === 'string';
  if (!fine) return { ok: false, reason: 'payload' };
  if (p['workstation_id'] !== workstationId) return { ok: false, reason: 'workstation' };
  return {
    ok: true,
    anchor: { workstation_id: p['workstation_id'] as string, head_index: p['head_index'] as number, head_hash: p['head_hash'] as string, at: p['at'] as string, accepted_at: p['accepted_at'] as string },
  };
}

/** Keeps a checked receipt (once per workstation and index). */
export function keepReceipt(db: Db, receipt: { payload: string; sig: string }, anchor: AnchorPayload, receivedAt = new Date()): void {
  db.prepare(
    `INSERT INTO audit_anchor_receipts (workstation_id, head_index, head_hash, at, accepted_at, payload, sig, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workstation_id, head_index) DO NOTHING`,
  ).run(anchor.workstation_id, anchor.head_index, anchor.head_hash, anchor.at, anchor.accepted_at, receipt.payload, receipt.sig, receivedAt.toISOString());
}

export interface KeptReceipt {
  workstation_id: string;
  head_index: number;
  payload: string;
  sig: string;
}

export function keptReceipts(db: Db): KeptReceipt[] {
  return db.prepare('SELECT workstation_id, head_index, payload, sig FROM audit_anchor_receipts ORDER BY head_index, id').all() as KeptReceipt[];
}

/**
 * The audit trail: who did what, when. Written in the same transaction as the
 * action it records wherever there is one. Details are small flat objects and
 * never hold passphrases, keys or reporter data.
 *
 * The journal is a hash chain (store/audit-chain-format.ts): each entry's id
 * is its index, 1..N with no gap, and its hash covers the previous hash. Two
 * connections cannot fork the chain: the index is the table's primary key,
 * so a second entry at one index cannot be written, and SQLite lets one
 * writer at a time in. A caller outside a transaction gets an IMMEDIATE one
 * (the write lock is taken before the head is read); a caller inside a
 * deferred transaction that read an older snapshot gets SQLITE_BUSY at the
 * insert and its whole transaction rolls back, never a second branch.
 */
import type { AuditAction, AuditEvent, AuditPage } from '../../shared/schemas.ts';
import type { Db } from '../store/database.ts';
import { GENESIS_HASH, canonicalJson, entryHash } from '../store/audit-chain-format.ts';
import { queueAnchor, readAnchorEvery } from './anchors.ts';

export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditHead {
  index: number;
  hash: string;
}

/** The chain's last entry, or index 0 and the genesis hash when the journal is empty. */
export function auditHead(db: Db): AuditHead {
  const row = db.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  return row ? { index: row.id, hash: row.hash } : { index: 0, hash: GENESIS_HASH };
}

export function recordAudit(db: Db, analystId: string | null, action: AuditAction, detail: AuditDetail = {}, at = new Date()): AuditHead {
  const write = (): AuditHead => {
    const head = auditHead(db);
    const index = head.index + 1;
    const entry = { index, at: at.toISOString(), analystId, action, detail };
    const hash = entryHash(head.hash, entry);
    db.prepare('INSERT INTO audit_events (id, at, analyst_id, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      index,
      entry.at,
      analystId,
      action,
      canonicalJson(detail),
      head.hash,
      hash,
    );
    const written = { index, hash };
    // Anchoring: a head to send after every N entries, and at each lock (queued, never waited for).
    if (action === 'session.locked') queueAnchor(db, written, 'lock', at);
    else if (index % readAnchorEvery(db) === 0) queueAnchor(db, written, 'every_n', at);
    return written;
  };
  return db.inTransaction ? write() : db.transaction(write).immediate();
}

interface AuditRow {
  id: number;
  at: string;
  analyst_id: string | null;
  analyst_name: string | null;
  action: AuditAction;
  detail: string;
}

export function listAudit(db: Db, query: { before?: number | undefined; limit: number }): AuditPage {
  const rows = db
    .prepare(
      `SELECT e.id, e.at, e.analyst_id, a.name AS analyst_name, e.action, e.detail
         FROM audit_events e LEFT JOIN analysts a ON a.id = e.analyst_id
        WHERE e.id < ?
        ORDER BY e.id DESC
        LIMIT ?`,
    )
    .all(query.before ?? Number.MAX_SAFE_INTEGER, query.limit) as AuditRow[];
  const total = (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
  const events: AuditEvent[] = rows.map((row) => ({
    id: row.id,
    at: row.at,
    analystId: row.analyst_id,
    analystName: row.analyst_name,
    action: row.action,
    detail: JSON.parse(row.detail) as AuditDetail,
  }));
  return { events, total };
}

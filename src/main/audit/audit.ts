/**
 * The audit trail: who did what, when. Written in the same transaction as the
 * action it records wherever there is one. Details are small flat objects and
 * never hold passphrases, keys or reporter data.
 *
 * The journal is a hash chain (store/audit-chain-format.ts): each entry's id
 * is its index, 1..N with no gap, and its hash covers the previous hash. Two
 * connections cannot fork the chain: the index is the table's primary key,
 * so a second entry at one index cannot be written; the head is read and the
 * entry written in one statement, under SQLite's write lock (one writer at a
 * time, whichever connection: the app's, the sync worker's, the CLI's). A
 * caller outside a transaction gets an IMMEDIATE one, which the anchor queue
 * shares.
 */
import type { AuditAction, AuditEvent, AuditPage } from '../../shared/schemas.ts';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
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
  const row = statements(db).head.get() as { id: number; hash: string } | undefined;
  return row ? { index: row.id, hash: row.hash } : { index: 0, hash: GENESIS_HASH };
}

/** Per connection: the chain's hash as an SQL function, and the statements, prepared once. */
interface Prepared {
  insert: Statement;
  head: Statement;
}
const prepared = new WeakMap<Db, Prepared>();

function statements(db: Db): Prepared {
  let p = prepared.get(db);
  if (p) return p;
  db.function('iblagh_audit_hash', { deterministic: true, varargs: false }, (prev: unknown, index: unknown, at: unknown, analystId: unknown, action: unknown, detail: unknown) =>
    entryHash(String(prev), { index: Number(index), at: String(at), analystId: analystId === null ? null : String(analystId), action: String(action), detail: JSON.parse(String(detail)) as unknown }),
  );
  p = {
    insert: db.prepare(
      `INSERT INTO audit_events (id, at, analyst_id, action, detail, prev_hash, hash)
       SELECT head.next, @at, @analyst, @action, @detail, head.prev, iblagh_audit_hash(head.prev, head.next, @at, @analyst, @action, @detail)
         FROM (SELECT coalesce((SELECT id FROM audit_events ORDER BY id DESC LIMIT 1), 0) + 1 AS next,
                      coalesce((SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1), @genesis) AS prev) AS head
       RETURNING id, hash`,
    ),
    head: db.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1'),
  };
  prepared.set(db, p);
  return p;
}

/**
 * Appends one entry. The head is read and the entry written by one INSERT … SELECT, so under
 * SQLite's write lock: no other connection can slip an entry between the two, and a deferred
 * transaction of the caller is never caught by a snapshot older than the head it extends.
 */
export function recordAudit(db: Db, analystId: string | null, action: AuditAction, detail: AuditDetail = {}, at = new Date()): AuditHead {
  const { insert } = statements(db);
  const write = (): AuditHead => {
    const row = insert.get({ at: at.toISOString(), analyst: analystId, action, detail: canonicalJson(detail), genesis: GENESIS_HASH }) as { id: number; hash: string };
    const written = { index: row.id, hash: row.hash };
    // Anchoring: a head to send after every N entries, and at each lock (queued, never waited for).
    if (action === 'session.locked') queueAnchor(db, written, 'lock', at);
    else if (written.index % readAnchorEvery(db) === 0) queueAnchor(db, written, 'every_n', at);
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

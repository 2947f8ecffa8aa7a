import { GENESIS_HASH, entryHash } from '../audit-chain-format.ts';
import type { Migration } from './migration.ts';

/**
 * The audit journal becomes a hash chain (issue #13). Each entry's `id` is
 * its index in the chain, 1..N with no gap; `prev_hash` is the previous
 * entry's hash (64 zeros for the first); `hash` covers `prev_hash` and the
 * entry's canonical bytes (store/audit-chain-format.ts). The entries already
 * written are chained here, in the order of their ids. Entries are never
 * updated or deleted (triggers; anyone holding the key can drop them, which
 * is what the anchors at the intake service are for).
 *
 * The anchors: `audit_anchor_queue` is the outbox of heads to anchor (sent in
 * order by the sync, each with its own Idempotency-Key), and
 * `audit_anchor_receipts` keeps every signed receipt the service gave, exactly
 * as received.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'audit chain',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events_chained (
        id         INTEGER PRIMARY KEY CHECK (id >= 1),
        at         TEXT NOT NULL,
        analyst_id TEXT REFERENCES analysts(id),
        action     TEXT NOT NULL,
        detail     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
        prev_hash  TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash       TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
      ) STRICT;
    `);
    const rows = db.prepare('SELECT at, analyst_id, action, detail FROM audit_events ORDER BY id').all() as { at: string; analyst_id: string | null; action: string; detail: string }[];
    const insert = db.prepare('INSERT INTO audit_events_chained (id, at, analyst_id, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
    let prev = GENESIS_HASH;
    rows.forEach((row, i) => {
      const index = i + 1;
      const hash = entryHash(prev, { index, at: row.at, analystId: row.analyst_id, action: row.action, detail: JSON.parse(row.detail) as unknown });
      insert.run(index, row.at, row.analyst_id, row.action, row.detail, prev, hash);
      prev = hash;
    });
    db.exec(`
      DROP TABLE audit_events;
      ALTER TABLE audit_events_chained RENAME TO audit_events;
      CREATE INDEX audit_events_by_analyst ON audit_events (analyst_id, id);
      CREATE INDEX audit_events_by_action ON audit_events (action, id);
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit entries are never changed'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit entries are never deleted'); END;

      CREATE TABLE audit_anchor_queue (
        id              INTEGER PRIMARY KEY,
        head_index      INTEGER NOT NULL CHECK (head_index >= 1),
        head_hash       TEXT NOT NULL CHECK (length(head_hash) = 64),
        at              TEXT NOT NULL,
        reason          TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        sent_at         TEXT
      ) STRICT;
      CREATE INDEX audit_anchor_queue_pending ON audit_anchor_queue (state, id);

      CREATE TABLE audit_anchor_receipts (
        id             INTEGER PRIMARY KEY,
        workstation_id TEXT NOT NULL,
        head_index     INTEGER NOT NULL,
        head_hash      TEXT NOT NULL,
        at             TEXT NOT NULL,
        accepted_at    TEXT NOT NULL,
        payload        TEXT NOT NULL,
        sig            TEXT NOT NULL,
        received_at    TEXT NOT NULL,
        UNIQUE (workstation_id, head_index)
      ) STRICT;
    `);
  },
};

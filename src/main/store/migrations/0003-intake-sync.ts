import type { Migration } from './migration.ts';

/**
 * Reports synced from the intake service.
 *
 * `report_revisions` and `status_changes` keep the exact payload and
 * signature the service sent: the original record. `reports` is the current
 * view (highest revision, latest status), rebuilt from them idempotently.
 * `sync_state` holds the cursor, committed in the same transaction as the
 * changes it covers. Report text stays in the original payload only: the
 * queue reads none of it, and every copy is paid for in encrypted pages.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'intake sync',
  up(db) {
    db.exec(`
      CREATE TABLE reports (
        id                 TEXT PRIMARY KEY,
        revision           INTEGER NOT NULL,
        revision_seq       INTEGER NOT NULL,
        submitted_at       TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        channel            TEXT NOT NULL,
        locale             TEXT NOT NULL,
        category           TEXT NOT NULL,
        platform           TEXT NOT NULL,
        imminent_danger    INTEGER NOT NULL CHECK (imminent_danger IN (0, 1)),
        reporter_mode      TEXT NOT NULL,
        country            TEXT NOT NULL,
        region             TEXT,
        account_handle     TEXT,
        attachment_ids     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attachment_ids)),
        status             TEXT NOT NULL DEFAULT 'received',
        status_seq         INTEGER,
        status_at          TEXT,
        status_workstation TEXT,
        status_reference   TEXT,
        demo               INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
      ) STRICT;

      CREATE TABLE report_revisions (
        report_id   TEXT NOT NULL,
        revision    INTEGER NOT NULL,
        seq         INTEGER NOT NULL,
        payload     TEXT NOT NULL,
        sig         TEXT NOT NULL,
        received_at TEXT NOT NULL,
        -- A rowid table: rows of about a kilobyte sit badly in a WITHOUT ROWID b-tree
        -- (they spill to overflow pages), which measured 1.7x slower to fill.
        PRIMARY KEY (report_id, revision)
      ) STRICT;

      CREATE TABLE status_changes (
        seq            INTEGER PRIMARY KEY,
        report_id      TEXT NOT NULL,
        status         TEXT NOT NULL,
        at             TEXT NOT NULL,
        workstation_id TEXT NOT NULL,
        reference      TEXT,
        payload        TEXT NOT NULL,
        sig            TEXT NOT NULL,
        received_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX status_changes_by_report ON status_changes (report_id, seq);

      CREATE TABLE attachments (
        id             TEXT PRIMARY KEY,
        report_id      TEXT NOT NULL,
        filename       TEXT NOT NULL,
        media_type     TEXT NOT NULL,
        size           INTEGER NOT NULL,
        sha256         TEXT NOT NULL,
        state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'verified', 'quarantined')),
        attempts       INTEGER NOT NULL DEFAULT 0,
        last_error     TEXT,
        received_bytes INTEGER NOT NULL DEFAULT 0,
        content        BLOB,
        verified_at    TEXT
      ) STRICT;
      CREATE INDEX attachments_pending ON attachments (state, id);
      CREATE INDEX attachments_by_report ON attachments (report_id);

      CREATE TABLE quarantine (
        id            INTEGER PRIMARY KEY,
        seq           INTEGER,
        kind          TEXT NOT NULL,
        reason        TEXT NOT NULL,
        reason_code   TEXT NOT NULL,
        payload       BLOB,
        sig           TEXT,
        attachment_id TEXT,
        report_id     TEXT,
        received_at   TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX quarantine_once_per_seq ON quarantine (seq) WHERE seq IS NOT NULL;
      CREATE UNIQUE INDEX quarantine_once_per_attachment ON quarantine (attachment_id) WHERE attachment_id IS NOT NULL;

      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        report_id       TEXT NOT NULL,
        status          TEXT NOT NULL,
        at              TEXT NOT NULL,
        workstation_id  TEXT NOT NULL,
        reference       TEXT,
        idempotency_key TEXT NOT NULL UNIQUE,
        analyst_id      TEXT REFERENCES analysts(id),
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        acked_seq       INTEGER,
        created_at      TEXT NOT NULL,
        sent_at         TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (state, id);

      CREATE TABLE sync_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};

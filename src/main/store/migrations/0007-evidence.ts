import type { Migration } from './migration.ts';

/**
 * Evidence items and their chain of custody (issue #11).
 *
 * - `evidence_items`: one per piece of evidence, id `EV-<year>-<workstation>-<counter>`
 *   (counted in `evidence_counters`, like case references). Hashes, size, the
 *   media type found from the bytes, when (UTC, and from which clock), who,
 *   on which workstation, with which tool and how (`method`). An item whose
 *   bytes live elsewhere names them in `source_ref`: an intake original is
 *   `report_id#revision` (bytes: report_revisions.payload, verbatim as
 *   signed), an attachment its id (bytes: attachments.content). Items are
 *   immutable; only demo work (`demo`) may ever be deleted, by the demo purge.
 * - `evidence_blobs`: the bytes of items that live only here (imported
 *   files, later the diagnostics' captures), immutable likewise.
 * - `evidence_custody`: append-only log per item (acquired, viewed,
 *   exported, included in a dossier, verified, verify failed), with who and when.
 * The triggers refuse any UPDATE, and any DELETE but demo work's.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'evidence',
  up(db) {
    db.exec(`
      CREATE TABLE evidence_counters (
        workstation TEXT NOT NULL,
        year        INTEGER NOT NULL,
        next        INTEGER NOT NULL,
        PRIMARY KEY (workstation, year)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE evidence_items (
        id             TEXT PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('intake_original', 'attachment', 'http_capture', 'dns_answer', 'tls_chain', 'warc', 'screenshot', 'imported_file')),
        report_id      TEXT,
        case_id        INTEGER REFERENCES cases(id),
        source_ref     TEXT,
        label          TEXT,
        sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
        sha1           TEXT NOT NULL CHECK (length(sha1) = 40),
        md5            TEXT NOT NULL CHECK (length(md5) = 32),
        size           INTEGER NOT NULL CHECK (size >= 0),
        media_type     TEXT NOT NULL,
        declared_type  TEXT,
        acquired_at    TEXT NOT NULL,
        clock          TEXT NOT NULL,
        acquired_by    TEXT REFERENCES analysts(id),
        workstation_id TEXT,
        tool           TEXT NOT NULL,
        tool_version   TEXT NOT NULL,
        method         TEXT NOT NULL CHECK (json_valid(method)),
        registered_at  TEXT NOT NULL,
        demo           INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
        UNIQUE (kind, source_ref)
      ) STRICT;
      CREATE INDEX evidence_by_report ON evidence_items (report_id) WHERE report_id IS NOT NULL;
      CREATE INDEX evidence_by_case ON evidence_items (case_id) WHERE case_id IS NOT NULL;

      CREATE TABLE evidence_blobs (
        item_id TEXT PRIMARY KEY REFERENCES evidence_items(id),
        content BLOB NOT NULL
      ) STRICT;

      CREATE TABLE evidence_custody (
        id         INTEGER PRIMARY KEY,
        item_id    TEXT NOT NULL REFERENCES evidence_items(id),
        at         TEXT NOT NULL,
        analyst_id TEXT REFERENCES analysts(id),
        action     TEXT NOT NULL CHECK (action IN ('acquired', 'viewed', 'exported', 'included_in_dossier', 'verified', 'verify_failed')),
        detail     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
      ) STRICT;
      CREATE INDEX evidence_custody_by_item ON evidence_custody (item_id, id);

      CREATE TRIGGER evidence_items_immutable BEFORE UPDATE ON evidence_items
        BEGIN SELECT RAISE(ABORT, 'evidence items are immutable'); END;
      CREATE TRIGGER evidence_items_kept BEFORE DELETE ON evidence_items WHEN OLD.demo = 0
        BEGIN SELECT RAISE(ABORT, 'evidence items are never deleted'); END;
      CREATE TRIGGER evidence_blobs_immutable BEFORE UPDATE ON evidence_blobs
        BEGIN SELECT RAISE(ABORT, 'evidence bytes are immutable'); END;
      CREATE TRIGGER evidence_blobs_kept BEFORE DELETE ON evidence_blobs
        WHEN (SELECT demo FROM evidence_items WHERE id = OLD.item_id) IS NOT 1
        BEGIN SELECT RAISE(ABORT, 'evidence bytes are never deleted'); END;
      CREATE TRIGGER evidence_custody_no_update BEFORE UPDATE ON evidence_custody
        BEGIN SELECT RAISE(ABORT, 'the chain of custody is append-only'); END;
      CREATE TRIGGER evidence_custody_no_delete BEFORE DELETE ON evidence_custody
        WHEN (SELECT demo FROM evidence_items WHERE id = OLD.item_id) IS NOT 1
        BEGIN SELECT RAISE(ABORT, 'the chain of custody is append-only'); END;
    `);
  },
};

import type { Migration } from './migration.ts';

/**
 * Attachments analysed after they are verified, and known-hash lists (issue #11).
 *
 * - `attachment_analysis`: one row per analysed attachment (written by
 *   diagnostics/images/analysis.ts from what the decoder process answered):
 *   type from the magic bytes and whether it differs from the declared one,
 *   dimensions, metadata (EXIF, XMP, IPTC as JSON; GPS as decimal
 *   coordinates), PDQ hash (32-byte blob) and quality, MD5 and SHA-1, a small
 *   greyscale preview (never for a category whose content is never shown),
 *   when, and the failure if the decoder refused, timed out or crashed.
 * - `hash_lists`, `hash_list_entries`: imported lists (label, source) and
 *   their values (MD5, SHA-1, SHA-256, PDQ as lowercase hex).
 * - `hash_list_matches`: which attachment matched which entry (PDQ: at what distance).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'image-analysis-and-hash-lists',
  up(db) {
    db.exec(`
      CREATE TABLE attachment_analysis (
        attachment_id      TEXT PRIMARY KEY,
        report_id          TEXT NOT NULL,
        media_type_sniffed TEXT,
        declared_type      TEXT NOT NULL,
        type_mismatch      INTEGER NOT NULL CHECK (type_mismatch IN (0, 1)),
        decoded            INTEGER NOT NULL CHECK (decoded IN (0, 1)),
        width              INTEGER,
        height             INTEGER,
        metadata           TEXT CHECK (metadata IS NULL OR json_valid(metadata)),
        pdq                BLOB CHECK (pdq IS NULL OR length(pdq) = 32),
        pdq_quality        INTEGER,
        md5                TEXT NOT NULL CHECK (length(md5) = 32),
        sha1               TEXT NOT NULL CHECK (length(sha1) = 40),
        sha256             TEXT NOT NULL CHECK (length(sha256) = 64),
        preview            BLOB,
        preview_width      INTEGER,
        preview_height     INTEGER,
        analysed_at        TEXT NOT NULL,
        error_code         TEXT,
        error              TEXT
      ) STRICT;
      CREATE INDEX attachment_analysis_by_report ON attachment_analysis (report_id);
      CREATE INDEX attachment_analysis_md5 ON attachment_analysis (md5);
      CREATE INDEX attachment_analysis_sha1 ON attachment_analysis (sha1);
      CREATE INDEX attachment_analysis_sha256 ON attachment_analysis (sha256);

      CREATE TABLE hash_lists (
        id          INTEGER PRIMARY KEY,
        label       TEXT NOT NULL,
        source      TEXT NOT NULL,
        format      TEXT NOT NULL CHECK (format IN ('csv', 'json')),
        file_sha256 TEXT NOT NULL,
        entries     INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT REFERENCES analysts(id)
      ) STRICT;

      CREATE TABLE hash_list_entries (
        list_id INTEGER NOT NULL REFERENCES hash_lists(id),
        kind    TEXT NOT NULL CHECK (kind IN ('md5', 'sha1', 'sha256', 'pdq')),
        value   TEXT NOT NULL,
        line    INTEGER NOT NULL,
        PRIMARY KEY (list_id, kind, value)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX hash_list_entries_value ON hash_list_entries (kind, value);

      CREATE TABLE hash_list_matches (
        list_id       INTEGER NOT NULL REFERENCES hash_lists(id),
        attachment_id TEXT NOT NULL,
        report_id     TEXT NOT NULL,
        kind          TEXT NOT NULL,
        value         TEXT NOT NULL,
        distance      INTEGER,
        matched_at    TEXT NOT NULL,
        PRIMARY KEY (list_id, attachment_id, kind, value)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX hash_list_matches_by_report ON hash_list_matches (report_id);
    `);
  },
};

import type { Migration } from './migration.ts';

/**
 * Retention under law 09-08 (issue #13).
 *
 * - `report_revisions.erased_at` and `original_sha256`: when the retention
 *   erases a closed report's reporter identity, the revision's signed payload
 *   is replaced by the same report with the identity fields removed; the
 *   original bytes are gone, their SHA-256 and the intake signature stay, so
 *   that a signature check can say "original erased under retention on DATE"
 *   instead of "invalid".
 * - `retention_release`: the evidence items a retention purge is deleting,
 *   filled and emptied inside that purge's transaction. The evidence triggers
 *   of migration 7 refused every delete but demo work's; they now also let
 *   these items go (and nothing else): the retention is the one other way
 *   evidence leaves the store, and it is audited.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'retention',
  up(db) {
    db.exec(`
      ALTER TABLE report_revisions ADD COLUMN erased_at TEXT;
      ALTER TABLE report_revisions ADD COLUMN original_sha256 TEXT CHECK (original_sha256 IS NULL OR length(original_sha256) = 64);

      CREATE TABLE retention_release (
        item_id TEXT PRIMARY KEY
      ) STRICT, WITHOUT ROWID;

      DROP TRIGGER evidence_items_kept;
      CREATE TRIGGER evidence_items_kept BEFORE DELETE ON evidence_items
        WHEN OLD.demo = 0 AND NOT EXISTS (SELECT 1 FROM retention_release WHERE item_id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'evidence items are never deleted'); END;
      DROP TRIGGER evidence_blobs_kept;
      CREATE TRIGGER evidence_blobs_kept BEFORE DELETE ON evidence_blobs
        WHEN (SELECT demo FROM evidence_items WHERE id = OLD.item_id) IS NOT 1
         AND NOT EXISTS (SELECT 1 FROM retention_release WHERE item_id = OLD.item_id)
        BEGIN SELECT RAISE(ABORT, 'evidence bytes are never deleted'); END;
      DROP TRIGGER evidence_custody_no_delete;
      CREATE TRIGGER evidence_custody_no_delete BEFORE DELETE ON evidence_custody
        WHEN (SELECT demo FROM evidence_items WHERE id = OLD.item_id) IS NOT 1
         AND NOT EXISTS (SELECT 1 FROM retention_release WHERE item_id = OLD.item_id)
        BEGIN SELECT RAISE(ABORT, 'the chain of custody is append-only'); END;
    `);
  },
};

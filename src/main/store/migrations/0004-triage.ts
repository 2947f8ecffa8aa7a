import type { Migration } from './migration.ts';

/**
 * Triage: clusters of reports that point at the same content, a full-text
 * index, saved views of the queue.
 *
 * `clusters` maps a "same content" key to a number, in one b-tree (WITHOUT
 * ROWID: no second index to keep during sync); ids come from a counter kept
 * in `sync_state`. `report_search` is a contentless FTS5 table with
 * `detail=none`: it keeps which reports hold each term (enough for the
 * queue's AND-of-terms and prefix search) but neither positions nor any copy
 * of the text, which stays in the original payload only. Its rowid is the
 * report's rowid.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'triage',
  up(db, steps) {
    db.exec(`
      CREATE TABLE clusters (
        key TEXT PRIMARY KEY,
        id  INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE reports ADD COLUMN cluster_id INTEGER;
      ALTER TABLE reports ADD COLUMN first_url TEXT;

      CREATE VIRTUAL TABLE report_search USING fts5(
        body, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE saved_views (
        id         INTEGER PRIMARY KEY,
        analyst_id TEXT NOT NULL REFERENCES analysts(id),
        name       TEXT NOT NULL,
        state      TEXT NOT NULL CHECK (json_valid(state)),
        updated_at TEXT NOT NULL,
        UNIQUE (analyst_id, name)
      ) STRICT;
    `);
    steps.backfillReportProjection(db);
  },
};

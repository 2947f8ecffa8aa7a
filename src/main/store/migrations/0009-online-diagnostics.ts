import type { Migration } from './migration.ts';

/**
 * Online URL diagnostics (issue #11): one row per diagnostic of one URL, for
 * a report or a case, with its still-online state (online, changed, removed,
 * failed) and the whole result (JSON, as the channel returns it). The
 * captures themselves are evidence items (migration 7). Rows are never
 * changed: the history of a URL is its rows in order.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'online-diagnostics',
  up(db) {
    db.exec(`
      CREATE TABLE online_diagnostics (
        id           INTEGER PRIMARY KEY,
        url          TEXT NOT NULL,
        report_id    TEXT,
        case_id      INTEGER REFERENCES cases(id),
        analyst_id   TEXT REFERENCES analysts(id),
        started_at   TEXT NOT NULL,
        finished_at  TEXT NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('online', 'changed', 'removed', 'failed')),
        status       INTEGER,
        body_sha256  TEXT,
        failure_code TEXT,
        result       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX online_diagnostics_by_report ON online_diagnostics (report_id, url, id) WHERE report_id IS NOT NULL;
      CREATE INDEX online_diagnostics_by_case ON online_diagnostics (case_id, url, id) WHERE case_id IS NOT NULL;
      CREATE TRIGGER online_diagnostics_immutable BEFORE UPDATE ON online_diagnostics
        BEGIN SELECT RAISE(ABORT, 'online diagnostics are immutable'); END;
    `);
  },
};

import type { Migration } from './migration.ts';

/**
 * Cases and technical analysis.
 *
 * - `cases`: one per case, its reference unique across workstations
 *   (year, workstation code, counter from `case_counters`), status, assignee,
 *   need-to-know flag (`restricted`, with `case_members`), the confirmed
 *   jurisdiction (JSON, with who chose it).
 * - `case_reports`: membership; a removal keeps the row (removed_at, reason),
 *   and adding the report again clears it. The whole history is in
 *   `case_events`, the case's timeline, which is only ever appended to.
 * - `notes` and `note_revisions`: every text a note ever had, with author and
 *   time; deleting hides a note (deleted_at) and keeps it. `note_search` is a
 *   contentless FTS5 index of the current text (rowid = note id).
 * - `observables`: one row per (type, normalised value), with the analysts'
 *   verdict and tags and how many reports hold it (`report_count`, kept with
 *   the links so that "seen in N reports" is one read).
 *   `report_observables` links them to reports by rowid (written at ingest;
 *   a report's own list is its `observable_ids`, a JSON array: one b-tree
 *   insert per link instead of two),
 *   `case_observables` holds those added to a case by hand.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'cases',
  up(db, steps) {
    db.exec(`
      CREATE TABLE case_counters (
        workstation TEXT NOT NULL,
        year        INTEGER NOT NULL,
        next        INTEGER NOT NULL,
        PRIMARY KEY (workstation, year)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE cases (
        id             INTEGER PRIMARY KEY,
        ref            TEXT NOT NULL UNIQUE,
        title          TEXT NOT NULL,
        status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_analysis', 'ready', 'referred', 'closed')),
        closing_reason TEXT,
        assignee_id    TEXT REFERENCES analysts(id),
        restricted     INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
        qualifications TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(qualifications)),
        jurisdiction   TEXT CHECK (jurisdiction IS NULL OR json_valid(jurisdiction)),
        created_at     TEXT NOT NULL,
        created_by     TEXT REFERENCES analysts(id),
        updated_at     TEXT NOT NULL
      ) STRICT;

      CREATE TABLE case_members (
        case_id    INTEGER NOT NULL REFERENCES cases(id),
        analyst_id TEXT NOT NULL REFERENCES analysts(id),
        PRIMARY KEY (case_id, analyst_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE case_reports (
        case_id        INTEGER NOT NULL REFERENCES cases(id),
        report_id      TEXT NOT NULL,
        added_at       TEXT NOT NULL,
        added_by       TEXT REFERENCES analysts(id),
        removed_at     TEXT,
        removed_by     TEXT REFERENCES analysts(id),
        removed_reason TEXT,
        PRIMARY KEY (case_id, report_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_reports_by_report ON case_reports (report_id, case_id) WHERE removed_at IS NULL;

      CREATE TABLE case_events (
        id         INTEGER PRIMARY KEY,
        case_id    INTEGER NOT NULL REFERENCES cases(id),
        at         TEXT NOT NULL,
        analyst_id TEXT REFERENCES analysts(id),
        kind       TEXT NOT NULL,
        detail     TEXT NOT NULL CHECK (json_valid(detail))
      ) STRICT;
      CREATE INDEX case_events_by_case ON case_events (case_id, id);

      CREATE TABLE notes (
        id          INTEGER PRIMARY KEY,
        case_id     INTEGER REFERENCES cases(id),
        report_id   TEXT,
        author_id   TEXT REFERENCES analysts(id),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        revision    INTEGER NOT NULL,
        for_dossier INTEGER NOT NULL DEFAULT 0 CHECK (for_dossier IN (0, 1)),
        summary     INTEGER NOT NULL DEFAULT 0 CHECK (summary IN (0, 1)),
        deleted_at  TEXT,
        deleted_by  TEXT REFERENCES analysts(id),
        CHECK ((case_id IS NULL) <> (report_id IS NULL))
      ) STRICT;
      CREATE INDEX notes_by_case ON notes (case_id) WHERE case_id IS NOT NULL;
      CREATE INDEX notes_by_report ON notes (report_id) WHERE report_id IS NOT NULL;

      CREATE TABLE note_revisions (
        note_id   INTEGER NOT NULL REFERENCES notes(id),
        revision  INTEGER NOT NULL,
        text      TEXT NOT NULL,
        author_id TEXT REFERENCES analysts(id),
        at        TEXT NOT NULL,
        based_on  INTEGER,
        PRIMARY KEY (note_id, revision)
      ) STRICT;

      CREATE VIRTUAL TABLE note_search USING fts5(
        body, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE observables (
        id           INTEGER PRIMARY KEY,
        type         TEXT NOT NULL,
        value        TEXT NOT NULL,
        verdict      TEXT NOT NULL DEFAULT 'unknown' CHECK (verdict IN ('malicious', 'unknown', 'benign')),
        tags         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        report_count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (type, value)
      ) STRICT;

      -- Observable → reports, one b-tree; report → observables is the report's own observable_ids.
      CREATE TABLE report_observables (
        observable_id INTEGER NOT NULL,
        report_rowid  INTEGER NOT NULL,
        PRIMARY KEY (observable_id, report_rowid)
      ) STRICT, WITHOUT ROWID;
      ALTER TABLE reports ADD COLUMN observable_ids TEXT;

      CREATE TABLE case_observables (
        case_id       INTEGER NOT NULL REFERENCES cases(id),
        observable_id INTEGER NOT NULL REFERENCES observables(id),
        added_at      TEXT NOT NULL,
        added_by      TEXT REFERENCES analysts(id),
        PRIMARY KEY (case_id, observable_id)
      ) STRICT, WITHOUT ROWID;
    `);
    steps.backfillObservables(db);
  },
};

import type { Migration } from './migration.ts';

/**
 * Referral dossiers (issue #12): each export of a case is a version, kept with
 * its signed PDF, its manifest and its signature (so that the referral history
 * can show and re-check what was sent, even once the exported folder is gone),
 * what was included (reports, evidence, identities with their reasons), and
 * the fingerprints of the keys that signed it. Versions are never changed.
 * The answers that came back from the police or the prosecutor follow.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'dossiers',
  up(db) {
    db.exec(`
      CREATE TABLE dossiers (
        id               INTEGER PRIMARY KEY,
        case_id          INTEGER NOT NULL REFERENCES cases(id),
        version          INTEGER NOT NULL CHECK (version >= 1),
        reference        TEXT NOT NULL UNIQUE,
        lang             TEXT NOT NULL CHECK (lang IN ('ar', 'fr')),
        created_at       TEXT NOT NULL,
        created_by       TEXT REFERENCES analysts(id),
        pages            INTEGER NOT NULL,
        pdf              BLOB NOT NULL,
        pdf_sha256       TEXT NOT NULL,
        manifest         BLOB NOT NULL,
        manifest_sig     BLOB NOT NULL,
        manifest_sha256  TEXT NOT NULL,
        pieces_sha256    TEXT NOT NULL,
        pdf_signer       TEXT NOT NULL,
        manifest_signer  TEXT NOT NULL,
        package_dir      TEXT NOT NULL,
        zip_path         TEXT,
        included         TEXT NOT NULL CHECK (json_valid(included)),
        UNIQUE (case_id, version)
      ) STRICT;
      CREATE TRIGGER dossiers_immutable BEFORE UPDATE ON dossiers
        BEGIN SELECT RAISE(ABORT, 'dossier versions are immutable'); END;

      CREATE TABLE dossier_answers (
        id           INTEGER PRIMARY KEY,
        case_id      INTEGER NOT NULL REFERENCES cases(id),
        version      INTEGER NOT NULL,
        decision     TEXT NOT NULL CHECK (decision IN ('investigation_opened', 'forwarded', 'no_action', 'more_information')),
        answered_on  TEXT NOT NULL,
        reference    TEXT,
        text         TEXT,
        recorded_at  TEXT NOT NULL,
        recorded_by  TEXT REFERENCES analysts(id)
      ) STRICT;
      CREATE INDEX dossier_answers_by_case ON dossier_answers (case_id, id);
    `);
  },
};

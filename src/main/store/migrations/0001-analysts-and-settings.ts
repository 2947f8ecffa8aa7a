import type { Migration } from './migration.ts';

/** Store identity, analyst profiles and workstation settings. */
export const migration0001: Migration = {
  version: 1,
  name: 'analysts and settings',
  up(db) {
    db.exec(`
      CREATE TABLE store_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE analysts (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        service     TEXT NOT NULL,
        role        TEXT NOT NULL CHECK (role IN ('analyst', 'supervisor')),
        locale      TEXT NOT NULL CHECK (locale IN ('fr', 'ar')),
        created_at  TEXT NOT NULL,
        created_by  TEXT REFERENCES analysts(id),
        disabled_at TEXT
      ) STRICT;

      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES analysts(id)
      ) STRICT;
    `);
  },
};

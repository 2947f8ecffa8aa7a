import type { Migration } from './migration.ts';

/** Who did what and when: every action is attributed to the unlocked analyst. */
export const migration0002: Migration = {
  version: 2,
  name: 'audit events',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        analyst_id TEXT REFERENCES analysts(id),
        action     TEXT NOT NULL,
        detail     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
      ) STRICT;
      CREATE INDEX audit_events_by_analyst ON audit_events (analyst_id, id);
    `);
  },
};

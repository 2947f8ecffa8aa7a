import type { Migration } from './migration.ts';

/**
 * Observables are extracted after a report is stored, not in the sync's
 * transaction (reports/observable-index.ts): `observables_pending` lists the
 * reports whose current revision has not been indexed yet (by rowid, in the
 * order they came), and a report's `observable_ids` stays NULL until it is.
 * Reports stored before carry their observables already (migration 5).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'observables-pending',
  up(db) {
    db.exec(`
      CREATE TABLE observables_pending (
        report_rowid INTEGER PRIMARY KEY
      ) STRICT;
      INSERT INTO observables_pending (report_rowid) SELECT rowid FROM reports WHERE observable_ids IS NULL;
    `);
  },
};

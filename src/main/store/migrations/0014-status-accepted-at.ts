import type { Migration } from './migration.ts';

const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * Intake contract 1.1: the service signs `accepted_at` into every status
 * change, and a report's current status is the change with the latest
 * `accepted_at`, ties broken by the higher `seq` (which is outside the
 * signature). The column holds it normalised (`Date#toISOString`, so that
 * text order is time order); NULL for a 1.0 change, which sorts below every
 * 1.1 change and is ordered by seq alone. The index serves the choice of the
 * current status (reports/ingest.ts). Changes stored before are read again
 * from their signed payload, and their reports' current status chosen again.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'status-accepted-at',
  up(db) {
    db.exec(`
      ALTER TABLE status_changes ADD COLUMN accepted_at TEXT;
      DROP INDEX status_changes_by_report;
      CREATE INDEX status_changes_by_report ON status_changes (report_id, accepted_at, seq);
    `);
    const rows = db
      .prepare("SELECT seq, json_extract(payload, '$.accepted_at') AS accepted_at FROM status_changes WHERE json_valid(payload) AND json_type(payload, '$.accepted_at') = 'text'")
      .all() as { seq: number; accepted_at: string }[];
    if (rows.length === 0) return;
    const set = db.prepare('UPDATE status_changes SET accepted_at = ? WHERE seq = ?');
    for (const row of rows) {
      if (!UTC_DATE_TIME.test(row.accepted_at)) continue;
      const time = Date.parse(row.accepted_at);
      if (Number.isNaN(time)) continue;
      const normalised = new Date(time).toISOString();
      if (normalised.slice(0, 19) === row.accepted_at.slice(0, 19)) set.run(normalised, row.seq);
    }
    db.exec(`
      UPDATE reports SET status = s.status, status_seq = s.seq, status_at = s.at, status_workstation = s.workstation_id, status_reference = s.reference
        FROM (SELECT report_id, seq, status, at, workstation_id, reference,
                     row_number() OVER (PARTITION BY report_id ORDER BY accepted_at DESC, seq DESC) AS rank
                FROM status_changes) AS s
       WHERE s.rank = 1 AND s.report_id = reports.id AND reports.status_seq IS NOT s.seq
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.report_id = reports.id AND o.state = 'pending');
    `);
  },
};

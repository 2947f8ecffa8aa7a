/** Removing reports: the demo's, when a real intake service replaces it. */
import type { Db } from '../store/database.ts';

/**
 * Fictitious reports never mix with real ones: when a real intake service
 * replaces the demo, everything the demo produced goes. Returns how many
 * reports were removed.
 */
export function purgeDemoReports(db: Db): number {
  const demoReports = 'SELECT id FROM reports WHERE demo = 1';
  for (const table of ['attachment_analysis', 'hash_list_matches', 'attachments', 'report_revisions', 'status_changes', 'outbox']) {
    db.prepare(`DELETE FROM ${table} WHERE report_id IN (${demoReports})`).run();
  }
  db.prepare('DELETE FROM report_search WHERE rowid IN (SELECT rowid FROM reports WHERE demo = 1)').run();
  // Their observables' links and counts; observables nothing holds any more go.
  db.prepare(
    `UPDATE observables SET report_count = report_count - (SELECT count(*) FROM report_observables ro JOIN reports r ON r.rowid = ro.report_rowid WHERE r.demo = 1 AND ro.observable_id = observables.id)
      WHERE id IN (SELECT ro.observable_id FROM report_observables ro JOIN reports r ON r.rowid = ro.report_rowid WHERE r.demo = 1)`,
  ).run();
  db.prepare('DELETE FROM report_observables WHERE report_rowid IN (SELECT rowid FROM reports WHERE demo = 1)').run();
  db.prepare('DELETE FROM observables_pending WHERE report_rowid IN (SELECT rowid FROM reports WHERE demo = 1)').run();
  const purged = db.prepare('DELETE FROM reports WHERE demo = 1').run().changes;
  db.prepare('DELETE FROM clusters WHERE id NOT IN (SELECT cluster_id FROM reports WHERE cluster_id IS NOT NULL)').run();
  return purged;
}

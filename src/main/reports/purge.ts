/** Removing reports: the demo's, when a real intake service replaces it. */
import type { Db } from '../store/database.ts';

/**
 * Fictitious reports never mix with real ones: when a real intake service
 * replaces the demo, everything the demo produced goes. Returns how many
 * reports were removed.
 */
export function purgeDemoReports(db: Db): number {
  const demoReports = 'SELECT id FROM reports WHERE demo = 1';
  for (const table of ['attachments', 'report_revisions', 'status_changes', 'outbox']) {
    db.prepare(`DELETE FROM ${table} WHERE report_id IN (${demoReports})`).run();
  }
  db.prepare('DELETE FROM report_search WHERE rowid IN (SELECT rowid FROM reports WHERE demo = 1)').run();
  const purged = db.prepare('DELETE FROM reports WHERE demo = 1').run().changes;
  db.prepare('DELETE FROM clusters WHERE id NOT IN (SELECT cluster_id FROM reports WHERE cluster_id IS NOT NULL)').run();
  return purged;
}

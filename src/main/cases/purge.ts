/**
 * Leaving demo mode: the cases are demo work too. Demo mode is refused once a
 * real intake service is set, so every case in the store was made on demo
 * reports: they go with their notes, timeline and links (the audit journal
 * keeps the record of what was done). Runs inside the purge's transaction.
 */
import type { Db } from '../store/database.ts';

export function purgeDemoCases(db: Db): void {
  db.exec(`
    DELETE FROM note_search WHERE rowid IN (SELECT id FROM notes WHERE case_id IS NOT NULL OR report_id NOT IN (SELECT id FROM reports));
    DELETE FROM note_revisions WHERE note_id IN (SELECT id FROM notes WHERE case_id IS NOT NULL OR report_id NOT IN (SELECT id FROM reports));
    DELETE FROM notes WHERE case_id IS NOT NULL OR report_id NOT IN (SELECT id FROM reports);
    DELETE FROM case_observables;
    DELETE FROM case_events;
    DELETE FROM case_members;
    DELETE FROM case_reports;
    DELETE FROM cases;
    DELETE FROM case_counters;
    DELETE FROM observables WHERE report_count <= 0 AND id NOT IN (SELECT observable_id FROM case_observables);
  `);
}

/** Whether the store holds any case (before demo mode starts: work that leaving it would purge). */
export function holdsCases(db: Db): boolean {
  return db.prepare('SELECT 1 FROM cases LIMIT 1').get() !== undefined;
}

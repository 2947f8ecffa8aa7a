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

/** What `purgeDemoCases` would remove once the demo reports are gone, counted first: cases, and notes not deleted. */
export function countDemoCases(db: Db): { cases: number; notes: number } {
  return {
    cases: db.prepare('SELECT count(*) FROM cases').pluck().get() as number,
    notes: db
      .prepare('SELECT count(*) FROM notes WHERE deleted_at IS NULL AND (case_id IS NOT NULL OR report_id IN (SELECT id FROM reports WHERE demo = 1) OR report_id NOT IN (SELECT id FROM reports))')
      .pluck()
      .get() as number,
  };
}

/** Whether the store holds any case (before demo mode starts: work that leaving it would purge). */
export function holdsCases(db: Db): boolean {
  return db.prepare('SELECT 1 FROM cases LIMIT 1').get() !== undefined;
}

/** Cases the retention removes, by id (JSON array bound as `?`). */
const CASES = 'SELECT value FROM json_each(?)';

/**
 * The retention's purge (law 09-08): these cases with everything made in
 * them (notes and their index, timeline, members, report links, observable
 * links, dossier versions and their answers, online diagnostics run for the
 * case), and what was made on these reports outside a case (report notes,
 * online diagnostics of the report, their links to cases that stay). Runs
 * inside the retention's transaction, after the evidence's purge (items refer
 * to cases) and before the reports' (this reads `notes.report_id` only).
 * The dossier and diagnostics rows belong to those features but refer to the
 * case: they cannot outlive it. The audit journal keeps the record.
 */
export function purgeCases(db: Db, caseIds: readonly number[], reportIds: readonly string[]): number {
  const cases = JSON.stringify(caseIds);
  const reports = JSON.stringify(reportIds);
  const notes = `SELECT id FROM notes WHERE case_id IN (${CASES}) OR report_id IN (SELECT value FROM json_each(?))`;
  const notesGone = db.prepare(`DELETE FROM note_search WHERE rowid IN (${notes})`).run(cases, reports).changes;
  // The deleted entries' words leave the FTS5 segments only when they are merged (see reports/purge.ts).
  if (notesGone > 0) db.prepare("INSERT INTO note_search (note_search) VALUES ('optimize')").run();
  db.prepare(`DELETE FROM note_revisions WHERE note_id IN (${notes})`).run(cases, reports);
  db.prepare(`DELETE FROM notes WHERE id IN (${notes})`).run(cases, reports);
  db.prepare(`DELETE FROM online_diagnostics WHERE case_id IN (${CASES}) OR report_id IN (SELECT value FROM json_each(?))`).run(cases, reports);
  db.prepare(`DELETE FROM dossier_answers WHERE case_id IN (${CASES})`).run(cases);
  db.prepare(`DELETE FROM dossiers WHERE case_id IN (${CASES})`).run(cases);
  for (const table of ['case_observables', 'case_events', 'case_members']) db.prepare(`DELETE FROM ${table} WHERE case_id IN (${CASES})`).run(cases);
  db.prepare(`DELETE FROM case_reports WHERE case_id IN (${CASES}) OR report_id IN (SELECT value FROM json_each(?))`).run(cases, reports);
  return db.prepare(`DELETE FROM cases WHERE id IN (${CASES})`).run(cases).changes;
}

/** After the retention's purge of reports: observables no report and no case holds any more go (as in the demo purge). */
export function dropUnheldObservables(db: Db): number {
  return db.prepare('DELETE FROM observables WHERE report_count <= 0 AND id NOT IN (SELECT observable_id FROM case_observables)').run().changes;
}

/**
 * Removing reports: the demo's, when a real intake service replaces it, and
 * those the retention rules (law 09-08) remove; erasing a reporter's identity
 * from the stored originals under those rules.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../store/database.ts';

/** Every row of the reports' tables of the reports this subquery selects (`SELECT id …`). Returns how many reports went. */
function purgeReportsIn(db: Db, ids: string, params: unknown[]): number {
  for (const table of ['attachment_analysis', 'hash_list_matches', 'attachments', 'report_revisions', 'status_changes', 'outbox']) {
    db.prepare(`DELETE FROM ${table} WHERE report_id IN (${ids})`).run(...params);
  }
  const rowids = `SELECT rowid FROM reports WHERE id IN (${ids})`;
  db.prepare(`DELETE FROM report_search WHERE rowid IN (${rowids})`).run(...params);
  // Their observables' links and counts; observables nothing holds any more go.
  // Counted once, grouped: a count per observable in a correlated subquery read the selection again for each
  // observable (measured: 66 s for 18,000 reports of 20,000, against well under a second grouped).
  db.prepare(
    `UPDATE observables SET report_count = report_count - gone.n
       FROM (SELECT ro.observable_id AS id, count(*) AS n FROM report_observables ro WHERE ro.report_rowid IN (${rowids}) GROUP BY ro.observable_id) AS gone
      WHERE observables.id = gone.id`,
  ).run(...params);
  db.prepare(`DELETE FROM report_observables WHERE report_rowid IN (${rowids})`).run(...params);
  db.prepare(`DELETE FROM observables_pending WHERE report_rowid IN (${rowids})`).run(...params);
  const purged = db.prepare(`DELETE FROM reports WHERE id IN (${ids})`).run(...params).changes;
  db.prepare('DELETE FROM clusters WHERE id NOT IN (SELECT cluster_id FROM reports WHERE cluster_id IS NOT NULL)').run();
  return purged;
}

/**
 * Fictitious reports never mix with real ones: when a real intake service
 * replaces the demo, everything the demo produced goes. Returns how many
 * reports were removed.
 */
export function purgeDemoReports(db: Db): number {
  return purgeReportsIn(db, 'SELECT id FROM reports WHERE demo = 1', []);
}

/** What `purgeDemoReports` would remove, counted first (the supervisor confirms it before leaving demo mode). */
export function countDemoReports(db: Db): { reports: number; attachments: number; statusesSetHere: number; outboxPending: number } {
  const demo = 'SELECT id FROM reports WHERE demo = 1';
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  return {
    reports: count('SELECT count(*) FROM reports WHERE demo = 1'),
    attachments: count(`SELECT count(*) FROM attachments WHERE report_id IN (${demo})`),
    statusesSetHere: count(`SELECT count(*) FROM outbox WHERE report_id IN (${demo})`),
    outboxPending: count(`SELECT count(*) FROM outbox WHERE state = 'pending' AND report_id IN (${demo})`),
  };
}

/** Whether the store holds any report that is not demo data (a real service's feed reached it). */
export function holdsRealReports(db: Db): boolean {
  return db.prepare('SELECT 1 FROM reports WHERE demo = 0 LIMIT 1').get() !== undefined;
}

/**
 * The retention's purge of these reports: every row the reports own, and the
 * quarantined changes of those reports (a refused payload can hold the
 * reporter's identity too). Runs inside the retention's transaction; the
 * caller decided that no case that stays holds them. Returns how many went.
 */
export function purgeReports(db: Db, reportIds: readonly string[]): number {
  if (reportIds.length === 0) return 0;
  const list = JSON.stringify(reportIds);
  db.prepare('DELETE FROM quarantine WHERE report_id IN (SELECT value FROM json_each(?))').run(list);
  const purged = purgeReportsIn(db, 'SELECT value FROM json_each(?)', [list]);
  // A contentless FTS5 delete only marks the entry: the words stay in older segments until they are merged.
  // Merging every segment now drops them (measured: a purged description's word was still in the file without it).
  if (purged > 0) db.prepare("INSERT INTO report_search (report_search) VALUES ('optimize')").run();
  return purged;
}

/** The reporter block left in a payload whose identity was erased: the mode alone. */
function erasedPayload(payload: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const report = parsed as Record<string, unknown>;
  const reporter = report['reporter'];
  const mode = typeof reporter === 'object' && reporter !== null && !Array.isArray(reporter) ? (reporter as Record<string, unknown>)['mode'] : undefined;
  return JSON.stringify({ ...report, reporter: { mode: typeof mode === 'string' ? mode : 'identified' } });
}

export interface ErasureCount {
  reports: number;
  revisions: number;
}

/**
 * Erases the reporter identity of these reports (law 09-08). Each revision's
 * signed payload is replaced by the same report with the reporter block cut
 * to its mode; the original bytes are gone, their SHA-256 (`original_sha256`)
 * and the intake signature stay, and `erased_at` says when: a check of the
 * signature then says "original erased under retention on …", not "invalid".
 * Quarantined changes of these reports lose their payload (the row stays,
 * saying what was refused and why). The search index holds no reporter field
 * (reports/projection.ts), so nothing leaves it. Runs inside the retention's
 * transaction, with `secure_delete` on so that the old cells are zeroed.
 */
export function eraseReporterIdentities(db: Db, reportIds: readonly string[], at: Date): ErasureCount {
  if (reportIds.length === 0) return { reports: 0, revisions: 0 };
  const list = JSON.stringify(reportIds);
  const rows = db
    .prepare('SELECT rowid, report_id, payload FROM report_revisions WHERE erased_at IS NULL AND report_id IN (SELECT value FROM json_each(?))')
    .all(list) as { rowid: number; report_id: string; payload: string }[];
  const update = db.prepare('UPDATE report_revisions SET payload = ?, erased_at = ?, original_sha256 = ? WHERE rowid = ?');
  const reports = new Set<string>();
  const when = at.toISOString();
  for (const row of rows) {
    const erased = erasedPayload(row.payload);
    // A payload that is not a JSON object was never stored (the sync validates it): nothing of it is kept either.
    const sha256 = createHash('sha256').update(row.payload, 'utf8').digest('hex');
    update.run(erased ?? '{}', when, sha256, row.rowid);
    reports.add(row.report_id);
  }
  db.prepare('UPDATE quarantine SET payload = NULL WHERE payload IS NOT NULL AND report_id IN (SELECT value FROM json_each(?))').run(list);
  return { reports: reports.size, revisions: rows.length };
}

/** When a report's identity was erased under retention (its current revision), or null. */
export function identityErasedAt(db: Db, reportId: string): string | null {
  return (
    (db.prepare('SELECT v.erased_at FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.id = ?').pluck().get(reportId) as
      | string
      | null
      | undefined) ?? null
  );
}

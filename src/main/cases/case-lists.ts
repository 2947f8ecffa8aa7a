/**
 * The rowids and observable lists of one case's live reports, as last read on
 * a connection.
 *
 * Opening a case reads its reports (its view: `views.ts`), then its report
 * table (the queue, through `access.ts`) needs their rowids and its
 * observables (`observables.ts`) their lists: for a case of 5,000 reports
 * spread over a million, reading them again is 5,000 to 10,000 b-tree lookups
 * (10-20 ms) each time. The view reads both in its pass and leaves them here;
 * they serve as long as the store has not changed since: nothing committed on
 * this connection (`total_changes()`) nor by another one, the sync's
 * (`data_version`). Any write anywhere, and they are read again.
 */
import type { Db } from '../store/database.ts';

interface Lists {
  caseId: number;
  version: string;
  rowids: readonly number[];
  /** Each report's `observable_ids` (JSON), null before its observables are indexed. */
  lists: readonly (string | null)[];
}

const lastRead = new WeakMap<Db, Lists>();

/**
 * Changes whenever anything is committed to the store, by this connection or another. Taken before a read: a
 * commit between the two makes the lists newer than their version, never older (they are then read again).
 */
export function storeVersion(db: Db): string {
  return `${db.pragma('data_version', { simple: true }) as number}/${db.prepare('SELECT total_changes()').pluck().get() as number}`;
}

/** Called by whoever read the case's live reports, their rowids and `observable_ids` (`version`: taken before the read). */
export function rememberCaseReports(db: Db, caseId: number, version: string, rowids: readonly number[], lists: readonly (string | null)[]): void {
  lastRead.set(db, { caseId, version, rowids, lists });
}

function remembered(db: Db, caseId: number, version: string): Lists | null {
  const read = lastRead.get(db);
  return read && read.caseId === caseId && read.version === version ? read : null;
}

/** The rowids of the case's live reports (read from the reports' id index alone when not remembered). */
export function caseReportRowidsOf(db: Db, caseId: number): number[] {
  const read = remembered(db, caseId, storeVersion(db));
  if (read) return [...read.rowids];
  return db.prepare('SELECT r.rowid FROM case_reports cr JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = ? AND cr.removed_at IS NULL').pluck().all(caseId) as number[];
}

/** The observable ids of the case's live reports (not those added by hand), distinct. */
export function caseReportObservableIds(db: Db, caseId: number): Set<number> {
  const version = storeVersion(db);
  let read = remembered(db, caseId, version);
  if (!read) {
    const rows = db.prepare('SELECT r.rowid, r.observable_ids FROM case_reports cr JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = ? AND cr.removed_at IS NULL').raw().all(caseId) as [number, string | null][];
    read = { caseId, version, rowids: rows.map((row) => row[0]), lists: rows.map((row) => row[1]) };
    lastRead.set(db, read);
  }
  const ids = new Set<number>();
  for (const list of read.lists) if (list !== null) for (const id of JSON.parse(list) as number[]) ids.add(id);
  return ids;
}

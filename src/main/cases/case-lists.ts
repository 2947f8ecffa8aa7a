/**
 * The observable lists of one case's reports, as last read on a connection.
 *
 * Opening a case reads its reports (its view: `views.ts`), then its
 * observables (`observables.ts`) need their lists: for a case of 5,000 reports
 * spread over a million, reading them again is 10,000 b-tree lookups (~20 ms).
 * The view reads the lists in the same pass and leaves them here; they serve
 * as long as the store has not changed since: nothing committed on this
 * connection (`total_changes()`) nor by another one, the sync's
 * (`data_version`). Any write anywhere, and they are read again.
 */
import type { Db } from '../store/database.ts';

interface Lists {
  caseId: number;
  version: string;
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

/** Called by whoever read the case's live reports with their `observable_ids` (`version`: taken before the read). */
export function rememberCaseLists(db: Db, caseId: number, version: string, lists: readonly (string | null)[]): void {
  lastRead.set(db, { caseId, version, lists });
}

/** The observable ids of the case's live reports (not those added by hand), distinct. */
export function caseReportObservableIds(db: Db, caseId: number): Set<number> {
  const version = storeVersion(db);
  let read = lastRead.get(db);
  if (!read || read.caseId !== caseId || read.version !== version) {
    const lists = db.prepare('SELECT r.observable_ids FROM case_reports cr JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = ? AND cr.removed_at IS NULL').pluck().all(caseId) as (string | null)[];
    read = { caseId, version, lists };
    lastRead.set(db, read);
  }
  const ids = new Set<number>();
  for (const list of read.lists) if (list !== null) for (const id of JSON.parse(list) as number[]) ids.add(id);
  return ids;
}

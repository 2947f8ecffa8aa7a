/**
 * Observables are indexed after the report is stored, not in the sync's
 * transaction.
 *
 * The feed is CPU-bound on the workstation's two cores (signatures,
 * validation, writes, page encryption all compete for them): extracting and
 * linking the observables of every report in the same pipeline took the sync
 * rate from ~7,400 to ~4,400 reports/s (docs/benchmarks.md). The queue, the
 * triage and the report view need only the report; observables serve the
 * analysis that follows (pivots, cases), which can wait the few seconds that
 * indexing takes. So each stored revision is queued (`observables_pending`,
 * written by ingest.ts in the feed's transaction) and the sync run, once the
 * feed is applied, extracts and links them here, a thousand reports per
 * transaction. A run cancelled or interrupted leaves the rest queued for the
 * next one: nothing is lost, and a report's `observable_ids` stays NULL (read
 * as "none yet") until it is indexed.
 */
import type { Db } from '../store/database.ts';
import { parseObservableIds, prepareObservableLinks } from '../observables/observable-rows.ts';
import type { ReportPayload } from './payload.ts';
import { reportObservables } from './projection.ts';

export const OBSERVABLE_BATCH = 1_000;

export interface IndexOptions {
  /** Reports per transaction. */
  batch?: number;
  /** Checked between transactions: true stops (what is left stays queued). */
  shouldStop?: () => boolean;
  /** Around each write transaction (the sync's write gate: the thread that answers the renderer goes first). */
  gate?: { enter(): void; leave(): void };
  /** After each transaction commits: rowids of the reports indexed in it. */
  onBatch?: (rowids: number[]) => void;
}

/** Reports whose observables are not indexed yet. */
export function pendingObservableCount(db: Db): number {
  return db.prepare('SELECT count(*) FROM observables_pending').pluck().get() as number;
}

/** Indexes queued reports until none is left (or `shouldStop`); returns how many were indexed. */
export function indexPendingObservables(db: Db, options: IndexOptions = {}): number {
  const batchSize = options.batch ?? OBSERVABLE_BATCH;
  const links = prepareObservableLinks(db);
  const next = db.prepare(`
    SELECT p.report_rowid AS rowid, r.observable_ids AS ids, v.payload AS payload
      FROM observables_pending p
      LEFT JOIN reports r ON r.rowid = p.report_rowid
      LEFT JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
     ORDER BY p.report_rowid LIMIT ?`);
  const setIds = db.prepare('UPDATE reports SET observable_ids = ? WHERE rowid = ?');
  const done = db.prepare('DELETE FROM observables_pending WHERE report_rowid = ?');
  let indexed = 0;
  for (;;) {
    if (options.shouldStop?.()) break;
    options.gate?.enter();
    let rowids: number[] | null;
    try {
      rowids = db.transaction((): number[] | null => {
        const rows = next.all(batchSize) as { rowid: number; ids: string | null; payload: string | null }[];
        const out: number[] = [];
        for (const row of rows) {
          done.run(row.rowid);
          // Gone since (a purge), or unreadable: nothing to link.
          if (row.payload === null) continue;
          let keys;
          try {
            keys = reportObservables(JSON.parse(row.payload) as ReportPayload);
          } catch {
            continue;
          }
          const ids = links.ids(keys);
          // Links of an earlier indexing of this revision, if any (ingest removed those of older revisions).
          links.link(row.rowid, ids, parseObservableIds(row.ids));
          setIds.run(JSON.stringify(ids), row.rowid);
          out.push(row.rowid);
        }
        links.commit();
        if (rows.length === 0) return null;
        return out;
      })();
    } catch (error) {
      links.reset();
      throw error;
    } finally {
      options.gate?.leave();
    }
    if (rowids === null) break;
    indexed += rowids.length;
    if (rowids.length > 0) options.onBatch?.(rowids);
  }
  return indexed;
}

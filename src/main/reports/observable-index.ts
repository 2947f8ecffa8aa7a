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
import type { ObservableKey } from '../observables/observable-rows.ts';
import { observablesOfPayload } from './projection.ts';

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

/** Per payload, its observables (null when it cannot be read): here, or on another thread (the sync's verifier). */
export type ObservableExtractor = (payloads: readonly string[]) => Promise<(ObservableKey[] | null)[]>;

const extractHere: ObservableExtractor = (payloads) => Promise.resolve(payloads.map(observablesOfPayload));

interface PendingRow {
  rowid: number;
  ids: string | null;
  payload: string | null;
}

/**
 * Indexes queued reports until none is left (or `shouldStop`); returns how many were indexed.
 * Two stages: while this thread links batch N, the extractor works on batch N+1 (given another
 * thread, the step takes the time of the slower stage instead of their sum).
 */
export async function indexPendingObservables(db: Db, options: IndexOptions & { extract?: ObservableExtractor } = {}): Promise<number> {
  const batchSize = options.batch ?? OBSERVABLE_BATCH;
  const extract = options.extract ?? extractHere;
  const links = prepareObservableLinks(db);
  const read = db.prepare(`
    SELECT p.report_rowid AS rowid, r.observable_ids AS ids, v.payload AS payload
      FROM observables_pending p
      LEFT JOIN reports r ON r.rowid = p.report_rowid
      LEFT JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
     WHERE p.report_rowid > ? ORDER BY p.report_rowid LIMIT ?`);
  const setIds = db.prepare('UPDATE reports SET observable_ids = ? WHERE rowid = ?');
  const done = db.prepare('DELETE FROM observables_pending WHERE report_rowid = ?');
  const batchAfter = (after: number): { rows: PendingRow[]; keys: Promise<(ObservableKey[] | null)[]> } | null => {
    const rows = read.all(after, batchSize) as PendingRow[];
    if (rows.length === 0) return null;
    // Gone since (a purge): nothing to extract.
    const readable = rows.filter((row) => row.payload !== null);
    const keys = extract(readable.map((row) => row.payload!)).then((found) => {
      const byRow = new Map(readable.map((row, i) => [row.rowid, found[i] ?? null]));
      return rows.map((row) => byRow.get(row.rowid) ?? null);
    });
    keys.catch(() => {}); // awaited below; a failure is raised there
    return { rows, keys };
  };
  let indexed = 0;
  let current = options.shouldStop?.() ? null : batchAfter(0);
  while (current) {
    if (options.shouldStop?.()) {
      await current.keys.catch(() => {});
      break;
    }
    const { rows } = current;
    const keys = await current.keys;
    // Read ahead: the extractor starts on the next batch while this one is written.
    const next = batchAfter(rows.at(-1)!.rowid);
    options.gate?.enter();
    let rowids: number[];
    try {
      rowids = db.transaction((): number[] => {
        const out: number[] = [];
        rows.forEach((row, i) => {
          // No longer queued (its report was purged meanwhile): nothing to link.
          if (done.run(row.rowid).changes === 0) return;
          const found = keys[i];
          if (row.payload === null || !found) return;
          const ids = links.ids(found);
          // Links of an earlier indexing of this revision, if any (ingest removed those of older revisions).
          links.link(row.rowid, ids, parseObservableIds(row.ids));
          setIds.run(JSON.stringify(ids), row.rowid);
          out.push(row.rowid);
        });
        links.commit();
        return out;
      })();
    } catch (error) {
      links.reset();
      await next?.keys.catch(() => {});
      throw error;
    } finally {
      options.gate?.leave();
    }
    indexed += rowids.length;
    if (rowids.length > 0) options.onBatch?.(rowids);
    current = next;
  }
  return indexed;
}

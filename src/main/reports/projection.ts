/**
 * What the queue and search need of each report, computed once when the report
 * (or a new revision) is stored: its cluster (the content it points at), its
 * first URL for display, and the folded text of its full-text index entry.
 */
import type { Db } from '../store/database.ts';
import type { ReportPayload } from './payload.ts';
import { canonicaliseUrl } from '../urls/canonical-url.ts';
import { foldForSearch } from '../text/search-text.ts';
import { prepareObservableLinks, reportObservableKeys, withoutReporterIdentity, type ObservableKey } from '../observables/observable-rows.ts';

export interface ReportProjection {
  /** The "same content" key: the first reported URL that canonicalises, else the account, else the report alone. */
  clusterKey: string;
  /** The first reported URL, canonical when it canonicalises, else as typed (cut to 300 characters). */
  firstUrl: string | null;
  /** Folded text indexed for full-text search: id, description, URLs (as typed and canonical), account handle. */
  searchBody: string;
}

/**
 * What a report's content points at (observables/), never its reporter's identity.
 * Extracted after the report is stored (observable-index.ts), not in the sync's
 * transaction: see there.
 */
export function reportObservables(report: ReportPayload): ObservableKey[] {
  return withoutReporterIdentity(reportObservableKeys(report.content), report.reporter as { email?: unknown; phone?: unknown });
}

/** The observables of a stored payload's report; null when it is not a report that can be read. */
export function observablesOfPayload(payload: string): ObservableKey[] | null {
  try {
    const report = JSON.parse(payload) as ReportPayload | null;
    if (report?.kind !== 'report' || typeof report.content !== 'object' || report.content === null) return null;
    return reportObservables(report);
  } catch {
    return null;
  }
}

export function projectReport(report: ReportPayload): ReportProjection {
  let clusterKey: string | null = null;
  let firstUrl: string | null = null;
  const canonicals: string[] = [];
  for (const raw of report.content.urls) {
    const url = canonicaliseUrl(raw);
    if (url) {
      canonicals.push(url.canonical);
      clusterKey ??= url.contentKey;
      firstUrl ??= url.canonical;
    }
  }
  firstUrl ??= report.content.urls[0]?.slice(0, 300) ?? null;
  const handle = report.content.account_handle?.trim().replace(/^@/, '').toLowerCase();
  if (clusterKey === null && handle) clusterKey = `${report.content.platform}:account:${handle}`;
  clusterKey ??= `report:${report.id}`;
  const searchBody = foldForSearch(
    [report.id, report.content.description, report.content.urls.join(' '), canonicals.join(' '), report.content.account_handle ?? ''].join('\n'),
  );
  return { clusterKey, firstUrl, searchBody };
}

/**
 * Statements and a cluster-id cache for one connection. Cluster ids come from
 * a counter in `sync_state`, written with the page that used it; `reset`
 * after a rollback reads it (and the cache) again.
 *
 * Full-text entries are queued and written by `commit`, at the end of the
 * transaction: FTS5 flushes its pending entries to disk at every statement
 * savepoint, which any multi-row-capable write (such as a status update by
 * report id) opens. Written as they came, a page of a thousand reports made
 * hundreds of tiny segments and merges (measured: a status update took
 * ~135 µs instead of ~10 µs, and the page's writes about twice as long).
 */
export function prepareProjectionWrites(db: Db) {
  const clusterIds = new Map<string, number>();
  const findCluster = db.prepare('SELECT id FROM clusters WHERE key = ?').pluck();
  const insertCluster = db.prepare('INSERT INTO clusters (key, id) VALUES (?, ?)');
  const readNext = db.prepare("SELECT value FROM sync_state WHERE key = 'cluster_next'").pluck();
  const writeNext = db.prepare("INSERT INTO sync_state (key, value) VALUES ('cluster_next', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  const insertSearch = db.prepare('INSERT INTO report_search (rowid, body) VALUES (?, ?)');
  const deleteSearch = db.prepare('DELETE FROM report_search WHERE rowid = ?');
  let next = Number(readNext.get() ?? 1);
  let written = next;
  /** Per rowid, the text to index and whether an entry written before this batch must go first. */
  const queued = new Map<number, { body: string; replacing: boolean }>();
  return {
    clusterId(key: string): number {
      let id = clusterIds.get(key);
      if (id === undefined) {
        id = findCluster.get(key) as number | undefined;
        if (id === undefined) {
          id = next++;
          insertCluster.run(key, id);
        }
        // Bounded: a full sync of a million reports would otherwise keep every key.
        if (clusterIds.size > 200_000) clusterIds.clear();
        clusterIds.set(key, id);
      }
      return id;
    },
    /** Queues a report's text for the index; `replacing` when an older revision's entry must go first. */
    index(rowid: number | bigint, body: string, replacing: boolean): void {
      const key = Number(rowid);
      const earlier = queued.get(key);
      // A later revision in the same batch replaces the queued text; the entry from before the batch still goes.
      queued.set(key, { body, replacing: earlier ? earlier.replacing : replacing });
    },
    /** Writes the queued index entries and the cluster counter: inside the transaction that used them. */
    commit(): void {
      for (const [rowid, entry] of queued) if (entry.replacing) deleteSearch.run(rowid);
      for (const [rowid, entry] of queued) insertSearch.run(rowid, entry.body);
      queued.clear();
      if (next !== written) writeNext.run(String(next));
      written = next;
    },
    /** After a rollback: what was cached, queued or counted during it may not exist. */
    reset(): void {
      clusterIds.clear();
      queued.clear();
      next = Number(readNext.get() ?? 1);
      written = next;
    },
  };
}
export type ProjectionWrites = ReturnType<typeof prepareProjectionWrites>;

/** Every report's current signed payload, a thousand at a time; `batchDone` after each thousand (a backfill's commit point). */
export function eachCurrentPayload(db: Db, each: (rowid: number, payload: string) => void, batchDone: () => void): void {
  const batch = db.prepare(`
    SELECT r.rowid AS rowid, v.payload AS payload FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
     WHERE r.rowid > ? ORDER BY r.rowid LIMIT 1000`);
  let after = 0;
  for (;;) {
    const rows = batch.all(after) as { rowid: number; payload: string }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      each(row.rowid, row.payload);
      after = row.rowid;
    }
    batchDone();
  }
}

/** Fills the triage columns and the search index for reports stored before they existed. */
export function backfillProjection(db: Db): void {
  const ingest = prepareProjectionWrites(db);
  const update = db.prepare('UPDATE reports SET cluster_id = ?, first_url = ? WHERE rowid = ?');
  eachCurrentPayload(
    db,
    (rowid, payload) => {
      const projection = projectReport(JSON.parse(payload) as ReportPayload);
      update.run(ingest.clusterId(projection.clusterKey), projection.firstUrl, rowid);
      ingest.index(rowid, projection.searchBody, false);
    },
    () => ingest.commit(),
  );
}

/** Links every stored report to the observables of its content (reports stored before observables existed). */
export function backfillObservables(db: Db): void {
  const links = prepareObservableLinks(db);
  const setIds = db.prepare('UPDATE reports SET observable_ids = ? WHERE rowid = ?');
  eachCurrentPayload(
    db,
    (rowid, payload) => {
      const ids = links.ids(reportObservables(JSON.parse(payload) as ReportPayload));
      setIds.run(JSON.stringify(ids), rowid);
      links.link(rowid, ids, null);
    },
    () => links.commit(),
  );
}

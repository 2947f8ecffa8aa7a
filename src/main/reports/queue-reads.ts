/**
 * The reads of reports that the triage queue, its index and the dashboard
 * make: triage keeps no SQL on reports of its own.
 */
import type { Db } from '../store/database.ts';

/** What the queue's index keeps of each report (its dimensions as small codes, and the few texts a queue row shows). */
export interface ReportIndexRow {
  rowid: number;
  id: string;
  category: string;
  platform: string;
  status: string;
  status_workstation: string | null;
  region: string | null;
  country: string;
  reporter_mode: string;
  imminent_danger: number;
  /** How many attachments the report has. */
  attachments: number;
  submitted_at: string;
  cluster_id: number | null;
  demo: number;
  /** What the queue's row shows besides (the index keeps it: a page reads nothing from the store). */
  revision: number;
  account_handle: string | null;
  first_url: string | null;
}

const INDEX_COLUMNS = `rowid, id, category, platform, status, status_workstation, region, country, reporter_mode, imminent_danger,
  json_array_length(attachment_ids) AS attachments, submitted_at, cluster_id, demo, revision, account_handle, first_url`;

/** Every report's index row, by rowid, `limit` at a time: `next(after)` gives the chunk after that rowid. */
export function indexRowChunks(db: Db, limit: number): (after: number) => ReportIndexRow[] {
  const chunk = db.prepare(`SELECT ${INDEX_COLUMNS} FROM reports WHERE rowid > ? ORDER BY rowid LIMIT ?`);
  return (after) => chunk.all(after, limit) as ReportIndexRow[];
}

/** The index rows of these reports (rowids not found are absent). */
export function indexRowsByRowid(db: Db, rowids: Iterable<number>): ReportIndexRow[] {
  return db.prepare(`SELECT ${INDEX_COLUMNS} FROM reports WHERE rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...rowids])) as ReportIndexRow[];
}

/** Every report's current status and the workstation that set it. */
export function reportStatuses(db: Db): IterableIterator<{ rowid: number; status: string; status_workstation: string | null }> {
  return db.prepare('SELECT rowid, status, status_workstation FROM reports').iterate() as IterableIterator<{ rowid: number; status: string; status_workstation: string | null }>;
}

/**
 * Rowids of the reports with an attachment on a known-hash list (hash_list_matches, written by diagnostics/images; read here for the queue).
 * Written as a lookup of each matched report by id: as a join, SQLite (no statistics) scanned every report
 * for the few matches, 1.4 s at 1,000,000 reports, on every refresh of the queue during a sync.
 */
export function rowidsWithHashListMatches(db: Db): IterableIterator<number> {
  return db.prepare('SELECT rowid FROM reports WHERE id IN (SELECT report_id FROM hash_list_matches)').pluck().iterate() as IterableIterator<number>;
}

/** Rowids of the reports that have at least one quarantined attachment. */
export function rowidsWithQuarantinedAttachments(db: Db): IterableIterator<number> {
  return db.prepare("SELECT DISTINCT r.rowid FROM attachments a JOIN reports r ON r.id = a.report_id WHERE a.state = 'quarantined'").pluck().iterate() as IterableIterator<number>;
}

/** Reads the signed payload (text) of a report's given revision; reuse the function for many reads. */
export function revisionPayloads(db: Db): (reportId: string, revision: number) => string | undefined {
  const statement = db.prepare('SELECT payload FROM report_revisions WHERE report_id = ? AND revision = ?').pluck();
  return (reportId, revision) => statement.get(reportId, revision) as string | undefined;
}

/** A report's id, platform and category by rowid (a cluster's sample). */
export function reportSamples(db: Db): (rowid: number) => { id: string; platform: string; category: string } | undefined {
  const statement = db.prepare('SELECT id, platform, category FROM reports WHERE rowid = ?');
  return (rowid) => statement.get(rowid) as { id: string; platform: string; category: string } | undefined;
}

/** A cluster's content key (reports/projection.ts writes them). */
export function clusterKeys(db: Db, clusterIds: Iterable<number>): (clusterId: number) => string | null {
  // One statement for a page's clusters: one per row was 100-200 statements per queue request.
  const ids = [...new Set(clusterIds)].filter((id) => id > 0);
  const keys = new Map<number, string>();
  if (ids.length > 0) {
    for (const row of db.prepare('SELECT id, key FROM clusters WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number; key: string }[]) keys.set(row.id, row.key);
  }
  return (clusterId) => keys.get(clusterId) ?? null;
}

/** Reads of synced reports for the queue, the CLI and the report view. */
import type { ReportSummary } from '../../shared/schemas.ts';
import type { Db } from '../store/database.ts';

interface SummaryRow {
  id: string;
  revision: number;
  revisions: number;
  category: string;
  platform: string;
  submitted_at: string;
  reporter_mode: string;
  country: string;
  region: string | null;
  imminent_danger: number;
  attachments: number;
  attachments_verified: number;
  status: string;
  status_workstation: string | null;
  demo: number;
}

const SUMMARY = `
  SELECT r.id, r.revision,
         (SELECT count(*) FROM report_revisions v WHERE v.report_id = r.id) AS revisions,
         r.category, r.platform, r.submitted_at, r.reporter_mode, r.country, r.region, r.imminent_danger,
         json_array_length(r.attachment_ids) AS attachments,
         (SELECT count(*) FROM json_each(r.attachment_ids) j JOIN attachments a ON a.id = j.value WHERE a.state = 'verified') AS attachments_verified,
         r.status, r.status_workstation, r.demo
    FROM reports r`;

function toSummary(row: SummaryRow): ReportSummary {
  return {
    id: row.id,
    revision: row.revision,
    revisions: row.revisions,
    category: row.category,
    platform: row.platform,
    submittedAt: row.submitted_at,
    reporterMode: row.reporter_mode,
    country: row.country,
    region: row.region,
    imminentDanger: row.imminent_danger === 1,
    attachments: row.attachments,
    attachmentsVerified: row.attachments_verified,
    status: row.status,
    statusWorkstation: row.status_workstation,
    demo: row.demo === 1,
  };
}

export function countReports(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
}

/** Summaries of the given reports, by id (ids not found are absent). */
export function summariesByIds(db: Db, ids: string[]): Map<string, ReportSummary> {
  const rows = db.prepare(`${SUMMARY} WHERE r.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as SummaryRow[];
  return new Map(rows.map((row) => [row.id, toSummary(row)]));
}

export function findReportSummary(db: Db, id: string): ReportSummary | null {
  const row = db.prepare(`${SUMMARY} WHERE r.id = ?`).get(id) as SummaryRow | undefined;
  return row ? toSummary(row) : null;
}

export interface ReportDetail {
  id: string;
  current: unknown;
  /** Each revision's exact payload text and signature, as the intake service sent them. */
  revisions: { revision: number; seq: number; receivedAt: string; payload: string; sig: string }[];
  statusHistory: { seq: number | null; status: string; at: string; workstationId: string; reference: string | null; source: 'intake' | 'outbox'; state?: string }[];
  attachments: { id: string; filename: string; mediaType: string; size: number; sha256: string; state: string; lastError: string | null }[];
}

/** The full report: current revision, every revision kept verbatim, status history, attachments. */
export function reportDetail(db: Db, id: string): ReportDetail | null {
  const revisions = db.prepare('SELECT revision, seq, received_at, payload, sig FROM report_revisions WHERE report_id = ? ORDER BY revision').all(id) as {
    revision: number;
    seq: number;
    received_at: string;
    payload: string;
    sig: string;
  }[];
  if (revisions.length === 0) return null;
  const current = revisions[revisions.length - 1]!;
  const statusHistory: ReportDetail['statusHistory'] = [
    // In the order the service accepted them (contract 1.1; a 1.0 change, without accepted_at, first and by seq): the last is the current one.
    ...(db.prepare('SELECT seq, status, at, workstation_id, reference FROM status_changes WHERE report_id = ? ORDER BY accepted_at, seq').all(id) as {
      seq: number;
      status: string;
      at: string;
      workstation_id: string;
      reference: string | null;
    }[]).map((s) => ({ seq: s.seq, status: s.status, at: s.at, workstationId: s.workstation_id, reference: s.reference, source: 'intake' as const })),
    ...(db.prepare("SELECT acked_seq, status, at, workstation_id, reference, state FROM outbox WHERE report_id = ? AND state <> 'sent' ORDER BY id").all(id) as {
      acked_seq: number | null;
      status: string;
      at: string;
      workstation_id: string;
      reference: string | null;
      state: string;
    }[]).map((o) => ({ seq: o.acked_seq, status: o.status, at: o.at, workstationId: o.workstation_id, reference: o.reference, source: 'outbox' as const, state: o.state })),
  ];
  const currentIds = new Set((JSON.parse((db.prepare('SELECT attachment_ids FROM reports WHERE id = ?').get(id) as { attachment_ids: string }).attachment_ids) as string[]));
  const attachments = (db.prepare('SELECT id, filename, media_type, size, sha256, state, last_error FROM attachments WHERE report_id = ? ORDER BY id').all(id) as {
    id: string;
    filename: string;
    media_type: string;
    size: number;
    sha256: string;
    state: string;
    last_error: string | null;
  }[])
    .filter((a) => currentIds.has(a.id))
    .map((a) => ({ id: a.id, filename: a.filename, mediaType: a.media_type, size: a.size, sha256: a.sha256, state: a.state, lastError: a.last_error }));
  return {
    id,
    current: JSON.parse(current.payload) as unknown,
    revisions: revisions.map((r) => ({ revision: r.revision, seq: r.seq, receivedAt: r.received_at, payload: r.payload, sig: r.sig })),
    statusHistory,
    attachments,
  };
}

/** Whether a report is in the store. */
export function reportExists(db: Db, reportId: string): boolean {
  return db.prepare('SELECT 1 FROM reports WHERE id = ?').get(reportId) !== undefined;
}

/** Rowid and current status of each of these reports (ids not found are absent). */
export function reportStates(db: Db, reportIds: readonly string[]): Map<string, { rowid: number; status: string }> {
  const rows = db.prepare('SELECT id, rowid, status FROM reports WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(reportIds)) as { id: string; rowid: number; status: string }[];
  return new Map(rows.map((r) => [r.id, { rowid: r.rowid, status: r.status }]));
}

/** The reports of a cluster, in the order they arrived. */
export function clusterReportIds(db: Db, clusterId: number): string[] {
  return db.prepare('SELECT id FROM reports WHERE cluster_id = ? ORDER BY rowid').pluck().all(clusterId) as string[];
}

/** Category, platform and current signed payload of each of these reports. */
export function currentPayloads(db: Db, reportIds: readonly string[]): { category: string; platform: string; payload: string }[] {
  return db
    .prepare(
      `SELECT r.category, r.platform, v.payload FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
        WHERE r.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(reportIds)) as { category: string; platform: string; payload: string }[];
}

/** The observables a report's content holds (their ids; null when the report is unknown). */
export function reportObservableIds(db: Db, reportId: string): number[] | null {
  const row = db.prepare('SELECT observable_ids FROM reports WHERE id = ?').get(reportId) as { observable_ids: string | null } | undefined;
  if (row === undefined) return null;
  try {
    const ids = JSON.parse(row.observable_ids ?? '[]') as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id)) : [];
  } catch {
    return [];
  }
}

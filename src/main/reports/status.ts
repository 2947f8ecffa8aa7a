/**
 * Setting a report's status at this workstation: shown on the report at once,
 * recorded in the audit journal, and queued in the outbox that sync pushes to
 * the intake service (sync/outbox.ts sends it, with its Idempotency-Key).
 */
import { randomUUID } from 'node:crypto';
import type { ReportStatus } from '../../shared/statuses.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../store/database.ts';

/** Queues a status change for the intake service and shows it on the report at once. */
export function enqueueStatus(
  db: Db,
  change: { reportId: string; status: ReportStatus; reference?: string | undefined; workstationId: string; analystId: string | null },
  now = new Date(),
): { idempotencyKey: string } {
  const idempotencyKey = randomUUID();
  const at = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  db.prepare(
    `INSERT INTO outbox (report_id, status, at, workstation_id, reference, idempotency_key, analyst_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(change.reportId, change.status, at, change.workstationId, change.reference ?? null, idempotencyKey, change.analystId, now.toISOString());
  db.prepare('UPDATE reports SET status = ?, status_at = ?, status_workstation = ?, status_reference = ? WHERE id = ?').run(
    change.status,
    at,
    change.workstationId,
    change.reference ?? null,
    change.reportId,
  );
  return { idempotencyKey };
}

export interface StatusChange {
  reportIds: readonly string[];
  status: ReportStatus;
  reference: string | undefined;
  workstationId: string;
  analystId: string;
}

/**
 * Sets the same status on every report of the list, in one transaction (all or
 * none: an unknown id refuses the whole change); returns their rowids, in order.
 */
export function setReportStatuses(db: Db, change: StatusChange): number[] {
  const rowid = db.prepare('SELECT rowid FROM reports WHERE id = ?').pluck();
  const rowids = change.reportIds.map((reportId) => {
    const found = rowid.get(reportId) as number | undefined;
    if (found === undefined) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
    return found;
  });
  db.transaction(() => {
    for (const reportId of change.reportIds) {
      enqueueStatus(db, { reportId, status: change.status, reference: change.reference, workstationId: change.workstationId, analystId: change.analystId });
      recordAudit(db, change.analystId, 'report.status_set', { reportId, status: change.status, reference: change.reference ?? null });
    }
  })();
  return rowids;
}

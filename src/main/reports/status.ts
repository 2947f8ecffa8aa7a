/**
 * Setting a report's status at this workstation: shown on the report at once,
 * recorded in the audit journal, and queued in the outbox that sync pushes to
 * the intake service (sync/outbox.ts sends it, with its Idempotency-Key).
 *
 * A closing status (`closed_no_action`, `duplicate`) carries a reason: the
 * journal keeps it and it is sent as the status's `reference` (the contract's
 * one free field of a status), so the report's history shows it. Each change
 * answers what it replaced (`StatusSetEntry.previous`) for the short undo of
 * status-undo.ts.
 */
import { randomUUID } from 'node:crypto';
import { isSubstantialReason } from '../../shared/reason.ts';
import { isClosingStatus, type ReportStatus } from '../../shared/statuses.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../store/database.ts';

/** Queues a status change for the intake service and shows it on the report at once. */
export function enqueueStatus(
  db: Db,
  change: { reportId: string; status: ReportStatus; reference?: string | undefined; workstationId: string; analystId: string | null },
  now = new Date(),
): { idempotencyKey: string; outboxId: number } {
  const idempotencyKey = randomUUID();
  const at = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const outboxId = Number(
    db
      .prepare(
        `INSERT INTO outbox (report_id, status, at, workstation_id, reference, idempotency_key, analyst_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(change.reportId, change.status, at, change.workstationId, change.reference ?? null, idempotencyKey, change.analystId, now.toISOString()).lastInsertRowid,
  );
  db.prepare('UPDATE reports SET status = ?, status_at = ?, status_workstation = ?, status_reference = ? WHERE id = ?').run(
    change.status,
    at,
    change.workstationId,
    change.reference ?? null,
    change.reportId,
  );
  return { idempotencyKey, outboxId };
}

export interface StatusChange {
  reportIds: readonly string[];
  status: ReportStatus;
  reference: string | undefined;
  /** A closing status's reason (required for one, refused otherwise): journaled and sent as the reference. */
  reason?: string | undefined;
  workstationId: string;
  analystId: string;
}

/** What a report showed before a change: enough to put it back exactly. */
export interface PreviousStatus {
  status: string;
  seq: number | null;
  at: string | null;
  workstation: string | null;
  reference: string | null;
}

/** One report's change, as the undo needs it. */
export interface StatusSetEntry {
  reportId: string;
  rowid: number;
  outboxId: number;
  status: ReportStatus;
  /** When it was set (the outbox row's created_at). */
  setAt: string;
  previous: PreviousStatus;
}

/** Whether a report with this status is in analysis at another workstation than `workstationId`. */
export function isHeldElsewhere(status: string, statusWorkstation: string | null, workstationId: string): boolean {
  return status === 'in_analysis' && statusWorkstation !== null && statusWorkstation !== workstationId;
}

/** Reports of the list in analysis at another workstation, with that workstation (at most one row per id). */
export function heldElsewhere(db: Db, reportIds: readonly string[], workstationId: string): { reportId: string; workstationId: string }[] {
  // The reports in analysis, tested by the one rule (isHeldElsewhere) that the case view also applies to its rows.
  const rows = db
    .prepare("SELECT id, status, status_workstation FROM reports WHERE id IN (SELECT value FROM json_each(?)) AND status = 'in_analysis' ORDER BY id")
    .all(JSON.stringify(reportIds)) as { id: string; status: string; status_workstation: string | null }[];
  return rows.filter((row) => isHeldElsewhere(row.status, row.status_workstation, workstationId)).map((row) => ({ reportId: row.id, workstationId: row.status_workstation! }));
}

/** How a referral (a case marked referred, a dossier exported) confirms reports held elsewhere. */
export const CONFIRM_REFERRAL = 'confirm to refer them too (--take-over on the command line)';

/**
 * Refuses (CONFLICT) a change to reports another workstation has in analysis: it is made only once the analyst was
 * told how many and confirmed (the caller then does not ask). `what` names the reports, `confirm` says how to confirm.
 */
export function refuseHeldElsewhere(db: Db, reportIds: readonly string[], workstationId: string, what: string, confirm: string): void {
  const held = heldElsewhere(db, reportIds, workstationId);
  if (held.length > 0) throw new AppError('CONFLICT', `${held.length} of ${what} are in analysis at another workstation (${held[0]!.workstationId}…): ${confirm}.`);
}

/** The reason rule of a change, checked again here whatever the caller (the channel's schema says the same). */
function checkReason(change: StatusChange): void {
  if (isClosingStatus(change.status)) {
    if (change.reason === undefined || !isSubstantialReason(change.reason))
      throw new AppError('INVALID_INPUT', `Closing a report (${change.status}) needs a reason in a few words (at least 3 words or 10 letters).`);
    if (change.reference !== undefined) throw new AppError('INVALID_INPUT', 'A closing status sends its reason as its reference: give the reason only.');
  } else if (change.reason !== undefined) {
    throw new AppError('INVALID_INPUT', 'Only a closing status takes a reason.');
  }
}

/**
 * Sets the same status on every report of the list, in one transaction (all or
 * none: an unknown id refuses the whole change); answers each report's change
 * with what it replaced, in order.
 */
export function applyStatusChange(db: Db, change: StatusChange, now = new Date()): StatusSetEntry[] {
  checkReason(change);
  const reference = isClosingStatus(change.status) ? change.reason?.trim() : change.reference;
  const current = db.prepare('SELECT rowid, status, status_seq, status_at, status_workstation, status_reference FROM reports WHERE id = ?');
  const entries: StatusSetEntry[] = [];
  db.transaction(() => {
    for (const reportId of change.reportIds) {
      const row = current.get(reportId) as
        | { rowid: number; status: string; status_seq: number | null; status_at: string | null; status_workstation: string | null; status_reference: string | null }
        | undefined;
      if (row === undefined) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
      const previous: PreviousStatus = { status: row.status, seq: row.status_seq, at: row.status_at, workstation: row.status_workstation, reference: row.status_reference };
      const { outboxId } = enqueueStatus(db, { reportId, status: change.status, reference, workstationId: change.workstationId, analystId: change.analystId }, now);
      const detail: Record<string, string | null> = { reportId, status: change.status };
      if (isClosingStatus(change.status)) detail['reason'] = reference ?? null;
      else detail['reference'] = reference ?? null;
      // Taken from another workstation's analysis: the journal says from which.
      if (row.status === 'in_analysis' && row.status_workstation !== null && row.status_workstation !== change.workstationId) detail['takenFrom'] = row.status_workstation;
      recordAudit(db, change.analystId, 'report.status_set', detail, now);
      entries.push({ reportId, rowid: row.rowid, outboxId, status: change.status, setAt: now.toISOString(), previous });
    }
  })();
  return entries;
}

/**
 * Sets the same status on every report of the list, in one transaction (all or
 * none: an unknown id refuses the whole change); returns their rowids, in order.
 */
export function setReportStatuses(db: Db, change: StatusChange): number[] {
  return applyStatusChange(db, change).map((entry) => entry.rowid);
}

/**
 * The short undo that follows every status set here (the window shows it for
 * about 10 s; the core keeps a change for UNDO_KEEP_MS, a little longer, so
 * that a click at the last second still finds it).
 *
 * What undo means depends on where the change went (decided here, tested in
 * test/triage/status-safety.test.ts):
 * - still in the outbox (`pending`, not sent yet: offline, or the push has not
 *   run): the outbox item is deleted and the report shows exactly what it
 *   showed before (status, its seq, time, workstation and reference). Nothing
 *   ever reached the intake service. If the feed brought a status for the
 *   report meanwhile (hidden while ours waited), that one shows instead.
 * - refused by the service (`rejected`): it never took effect there; the
 *   report shows what it showed before, and the refused item stays in the
 *   history as refused.
 * - sent (the service accepted it, other workstations may have seen it): the
 *   contract has no retraction, so the previous status is set again as a new
 *   change, from this workstation (the only one it may speak for), with the
 *   previous reference, and pushed like any status.
 * A report whose status changed again since (another change here, or a later
 * status from the feed) is left alone: undo never overwrites newer work.
 * Every report undone is journaled (`report.status_undone`).
 */
import { randomUUID } from 'node:crypto';
import type { ReportStatus } from '../../shared/statuses.ts';
import { REPORT_STATUSES } from '../../shared/statuses.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { enqueueStatus, type StatusSetEntry } from './status.ts';

/** How long the core keeps a change undoable (the window offers it for about 10 s). */
export const UNDO_KEEP_MS = 60_000;
/** At most this many changes are kept undoable (the oldest go first). */
const MAX_KEPT = 200;

interface Kept {
  analystId: string;
  expiresAt: number;
  entries: StatusSetEntry[];
}

/** The changes that may still be undone, in memory only: after a restart or a lock there is nothing to undo. */
export class StatusUndoLog {
  private readonly kept = new Map<string, Kept>();

  remember(analystId: string, entries: StatusSetEntry[], nowMs: number): string {
    for (const [id, kept] of this.kept) if (kept.expiresAt <= nowMs) this.kept.delete(id);
    while (this.kept.size >= MAX_KEPT) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.kept.delete(oldest);
    }
    const id = randomUUID();
    this.kept.set(id, { analystId, expiresAt: nowMs + UNDO_KEEP_MS, entries });
    return id;
  }

  /** The change's entries, once (an undo is not undone twice); NOT_FOUND when unknown, expired or another analyst's. */
  take(id: string, analystId: string, nowMs: number): StatusSetEntry[] {
    const kept = this.kept.get(id);
    if (!kept || kept.expiresAt <= nowMs || kept.analystId !== analystId) throw new AppError('NOT_FOUND', 'This status change can no longer be undone.');
    this.kept.delete(id);
    return kept.entries;
  }

  clear(): void {
    this.kept.clear();
  }
}

export interface UndoOutcome {
  /** Put back as they were, nothing sent (the change had not reached the service). */
  restored: number;
  /** Set back as a new change (the service had it). */
  resent: number;
  /** Left alone: their status changed again since. */
  skipped: number;
  /** What the queue must show now: rowid → status and workstation. */
  shown: { rowid: number; status: string; workstationId: string | null }[];
}

const isReportStatus = (status: string): status is ReportStatus => (REPORT_STATUSES as readonly string[]).includes(status);

/** Undoes one change (see the file's comment), in one transaction. */
export function undoStatusChange(db: Db, entries: readonly StatusSetEntry[], workstationId: string, analystId: string, now = new Date()): UndoOutcome {
  const outcome: UndoOutcome = { restored: 0, resent: 0, skipped: 0, shown: [] };
  const current = db.prepare('SELECT status, status_workstation FROM reports WHERE rowid = ?');
  const outboxState = db.prepare('SELECT state FROM outbox WHERE id = ? AND report_id = ?').pluck();
  const laterHere = db.prepare('SELECT 1 FROM outbox WHERE report_id = ? AND id > ?').pluck();
  const pendingLeft = db.prepare("SELECT 1 FROM outbox WHERE report_id = ? AND state = 'pending'").pluck();
  const deleteItem = db.prepare("DELETE FROM outbox WHERE id = ? AND state = 'pending'");
  const restore = db.prepare('UPDATE reports SET status = ?, status_seq = ?, status_at = ?, status_workstation = ?, status_reference = ? WHERE rowid = ?');
  const feedSince = db.prepare(
    `SELECT seq, status, at, workstation_id, reference, received_at FROM status_changes WHERE report_id = ? ORDER BY accepted_at DESC, seq DESC LIMIT 1`,
  );
  db.transaction(() => {
    for (const entry of entries) {
      const row = current.get(entry.rowid) as { status: string; status_workstation: string | null } | undefined;
      const state = outboxState.get(entry.outboxId, entry.reportId) as string | undefined;
      const superseded =
        row === undefined || state === undefined || laterHere.get(entry.reportId, entry.outboxId) !== undefined || row.status !== entry.status || row.status_workstation !== workstationId;
      if (superseded) {
        outcome.skipped += 1;
        continue;
      }
      const { previous } = entry;
      if (state === 'sent') {
        // The service has it: say the previous status again, as a new change from here.
        const status = isReportStatus(previous.status) ? previous.status : 'received';
        enqueueStatus(db, { reportId: entry.reportId, status, reference: previous.reference ?? undefined, workstationId, analystId }, now);
        recordAudit(db, analystId, 'report.status_undone', { reportId: entry.reportId, status, undone: entry.status, resent: true }, now);
        outcome.resent += 1;
        outcome.shown.push({ rowid: entry.rowid, status, workstationId });
        continue;
      }
      if (state === 'pending') deleteItem.run(entry.outboxId);
      let shown = { status: previous.status, seq: previous.seq, at: previous.at, workstation: previous.workstation, reference: previous.reference };
      if (pendingLeft.get(entry.reportId) === undefined) {
        // A status the feed brought while ours waited (it was held back by the pending item) is the newer word.
        const feed = feedSince.get(entry.reportId) as
          | { seq: number; status: string; at: string; workstation_id: string; reference: string | null; received_at: string }
          | undefined;
        if (feed && feed.received_at >= entry.setAt && feed.seq !== previous.seq)
          shown = { status: feed.status, seq: feed.seq, at: feed.at, workstation: feed.workstation_id, reference: feed.reference };
      }
      restore.run(shown.status, shown.seq, shown.at, shown.workstation, shown.reference, entry.rowid);
      recordAudit(db, analystId, 'report.status_undone', { reportId: entry.reportId, status: shown.status, undone: entry.status, resent: false }, now);
      outcome.restored += 1;
      outcome.shown.push({ rowid: entry.rowid, status: shown.status, workstationId: shown.workstation });
    }
  })();
  return outcome;
}

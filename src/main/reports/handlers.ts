/** The reports fragment's channels (shared/contract/reports.ts). */
import type { HandlersOf } from '../../shared/contract.ts';
import type { reportsChannels } from '../../shared/contract/reports.ts';
import type { ReportStatus } from '../../shared/statuses.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../session/session.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import type { Db } from '../store/database.ts';
import { findReportSummary } from './report-rows.ts';
import { buildReportView, revealReporter, type TriageFacts, type TriageSubject } from './report-view.ts';
import { applyStatusChange, heldElsewhere, refuseHeldElsewhere } from './status.ts';
import { StatusUndoLog, undoStatusChange } from './status-undo.ts';

export interface ReportsHandlerDeps {
  session: Session;
  /** What triage says of a report (priority, deadline, cluster size), once its index is ready. */
  triageFacts(): Promise<{ db: Db; facts: (subject: TriageSubject) => TriageFacts }>;
  /** Statuses set here: the queue shows them at once. */
  statusesSet(rowids: number[], status: string, workstationId: string): void;
  /** The queue's generation once the statuses set show in it. */
  generation(): Promise<number>;
  /** Statuses wait in the outbox: send them now if the service is reachable. */
  pushSoon(): void;
  /** The clock (tests move it past the undo window). */
  now?: () => number;
}

export function reportsHandlers(deps: ReportsHandlerDeps): HandlersOf<typeof reportsChannels> {
  const { session } = deps;

  const now = deps.now ?? Date.now;
  const undoLog = new StatusUndoLog();

  function intakeConfig(db: Db) {
    const config = readIntakeConfig(db);
    if (!config) throw new AppError('INTAKE_NOT_CONFIGURED', 'No intake service is configured: the status could not be sent back.');
    return config;
  }

  /**
   * Sets a status and answers the id of its undo. A report in analysis at another workstation is changed only when
   * the analyst was told and confirmed (`takeOver`); otherwise nothing is changed and the answer is CONFLICT (the
   * window asks `reports.heldElsewhere` how many, says it and asks).
   */
  function setStatuses(input: { reportIds: string[]; status: ReportStatus; reference?: string | undefined; reason?: string | undefined; takeOver?: boolean | undefined }): string {
    const { db, analyst } = session.unlocked();
    const config = intakeConfig(db);
    if (input.takeOver !== true) refuseHeldElsewhere(db, input.reportIds, config.workstationId, 'these reports', 'confirm to take them over');
    const at = now();
    const entries = applyStatusChange(
      db,
      { reportIds: input.reportIds, status: input.status, reference: input.reference, reason: input.reason, workstationId: config.workstationId, analystId: analyst.id },
      new Date(at),
    );
    deps.statusesSet(
      entries.map((entry) => entry.rowid),
      input.status,
      config.workstationId,
    );
    deps.pushSoon();
    return undoLog.remember(analyst.id, entries, at);
  }

  return {
    'reports.setStatus': ({ reportId, status, reference, reason, takeOver }) => {
      const undoId = setStatuses({ reportIds: [reportId], status, reference, reason, takeOver });
      return { ...(findReportSummary(session.unlocked().db, reportId) as NonNullable<ReturnType<typeof findReportSummary>>), undoId };
    },
    'reports.setStatusBulk': async ({ reportIds, status, reference, reason, takeOver }) => {
      const unique = [...new Set(reportIds)];
      const undoId = setStatuses({ reportIds: unique, status, reference, reason, takeOver });
      return { updated: unique.length, generation: await deps.generation(), undoId };
    },
    'reports.heldElsewhere': ({ reportIds }) => {
      const { db } = session.unlocked();
      const config = readIntakeConfig(db);
      return { reports: config ? heldElsewhere(db, [...new Set(reportIds)], config.workstationId) : [] };
    },
    'reports.undoStatus': async ({ undoId }) => {
      const { db, analyst } = session.unlocked();
      const config = intakeConfig(db);
      const entries = undoLog.take(undoId, analyst.id, now());
      const outcome = undoStatusChange(db, entries, config.workstationId, analyst.id, new Date(now()));
      for (const shown of outcome.shown) deps.statusesSet([shown.rowid], shown.status, shown.workstationId ?? config.workstationId);
      if (outcome.resent > 0) deps.pushSoon();
      return { restored: outcome.restored, resent: outcome.resent, skipped: outcome.skipped, generation: await deps.generation() };
    },
    'reports.get': async ({ reportId }) => {
      const { db, facts } = await deps.triageFacts();
      return buildReportView(db, reportId, facts);
    },
    'reports.revealReporter': ({ reportId, reason }) => revealReporter(session.unlocked(), reportId, reason),
  };
}

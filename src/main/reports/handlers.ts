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
import { setReportStatuses } from './status.ts';

export interface ReportsHandlerDeps {
  session: Session;
  /** What triage says of a report (priority, deadline, cluster size), once its index is ready. */
  triageFacts(): Promise<{ db: Db; facts: (subject: TriageSubject) => TriageFacts }>;
  /** Statuses set here: the queue shows them at once. */
  statusesSet(rowids: number[], status: ReportStatus, workstationId: string): void;
  /** The queue's generation once the statuses set show in it. */
  generation(): Promise<number>;
  /** Statuses wait in the outbox: send them now if the service is reachable. */
  pushSoon(): void;
}

export function reportsHandlers(deps: ReportsHandlerDeps): HandlersOf<typeof reportsChannels> {
  const { session } = deps;

  function setStatuses(reportIds: string[], status: ReportStatus, reference: string | undefined): void {
    const { db, analyst } = session.unlocked();
    const config = readIntakeConfig(db);
    if (!config) throw new AppError('INTAKE_NOT_CONFIGURED', 'No intake service is configured: the status could not be sent back.');
    const rowids = setReportStatuses(db, { reportIds, status, reference, workstationId: config.workstationId, analystId: analyst.id });
    deps.statusesSet(rowids, status, config.workstationId);
    deps.pushSoon();
  }

  return {
    'reports.setStatus': ({ reportId, status, reference }) => {
      setStatuses([reportId], status, reference);
      return findReportSummary(session.unlocked().db, reportId) as NonNullable<ReturnType<typeof findReportSummary>>;
    },
    'reports.setStatusBulk': async ({ reportIds, status, reference }) => {
      const unique = [...new Set(reportIds)];
      setStatuses(unique, status, reference);
      return { updated: unique.length, generation: await deps.generation() };
    },
    'reports.get': async ({ reportId }) => {
      const { db, facts } = await deps.triageFacts();
      return buildReportView(db, reportId, facts);
    },
    'reports.revealReporter': ({ reportId, reason }) => revealReporter(session.unlocked(), reportId, reason),
  };
}

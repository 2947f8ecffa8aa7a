/**
 * What triage says of one report in its view (reports/report-view.ts asks):
 * its priority with the reason for every point (none once the report is
 * finished), its deadline and whether it is overdue (never once finished), whether another workstation holds it, and its cluster's size.
 */
import { isOpenReportStatus, QUEUE_STATUSES } from '../../shared/statuses.ts';
import type { Db } from '../store/database.ts';
import type { TriageFacts, TriageSubject } from '../reports/report-view.ts';
import { priorityOf, readTriageSettings } from './priority.ts';
import type { QueueIndex } from './queue-index.ts';

const CLAIMED_OTHER = QUEUE_STATUSES.indexOf('claimed_other');

export function reportTriageFacts(db: Db, index: QueueIndex, subject: TriageSubject, nowMs: number): TriageFacts {
  const i = index.indexOf(subject.rowid);
  const clusterSize = i >= 0 ? index.clusterSize(index.cluster[i]!) : 1;
  const { weights } = readTriageSettings(db);
  const open = isOpenReportStatus(subject.status);
  // Priority applies to open work: a finished report (referred, closed, duplicate) has none, as in the queue.
  const priority = open
    ? priorityOf(
        weights,
        { category: subject.category, imminentDanger: subject.imminentDanger, clusterSize, submittedAtMs: Date.parse(subject.submittedAt), open, hashListMatch: i >= 0 && index.hashMatched(i) },
        nowMs,
      )
    : { score: 0, reasons: [] };
  const deadlineMs = i >= 0 ? index.deadlineAt(i) : null;
  return {
    priority,
    deadlineAt: deadlineMs === null ? null : new Date(deadlineMs).toISOString(),
    overdue: i >= 0 && index.isOverdue(i, nowMs),
    claimedByOther: i >= 0 && index.statusCodeAt(i) === CLAIMED_OTHER,
    clusterSize,
  };
}

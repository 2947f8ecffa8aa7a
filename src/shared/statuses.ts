/**
 * The report statuses, declared once. Every list of statuses in the core, the
 * renderer and the CLI derives from these arrays (order = display order).
 */
import { z } from 'zod';

/** Status of a report, as the intake API names them. */
export const REPORT_STATUSES = ['received', 'in_analysis', 'referred', 'closed_no_action', 'duplicate'] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

/**
 * Status as the queue filters it: the intake statuses, plus `claimed_other`
 * (in analysis at another workstation) split out of `in_analysis`.
 */
export const QUEUE_STATUSES = ['received', 'in_analysis', 'claimed_other', 'referred', 'closed_no_action', 'duplicate'] as const;
export const QueueStatus = z.enum(QUEUE_STATUSES);
export type QueueStatus = z.infer<typeof QueueStatus>;

/** Statuses of work still to do (priority and deadlines apply to them). */
export const OPEN_REPORT_STATUSES: readonly ReportStatus[] = ['received', 'in_analysis'];
/** The same, as the queue counts them (a report claimed elsewhere is still open work). */
export const OPEN_QUEUE_STATUSES: readonly QueueStatus[] = ['received', 'in_analysis', 'claimed_other'];

const openReport: ReadonlySet<string> = new Set(OPEN_REPORT_STATUSES);
const openQueue: ReadonlySet<string> = new Set(OPEN_QUEUE_STATUSES);

/** Whether a report in this intake status is still open work. */
export function isOpenReportStatus(status: string): boolean {
  return openReport.has(status);
}

/** Whether a queue status (with `claimed_other`) is still open work. */
export function isOpenQueueStatus(status: string): boolean {
  return openQueue.has(status);
}

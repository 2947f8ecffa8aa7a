/**
 * The report statuses, declared once. Every list of statuses in the core, the
 * renderer and the CLI derives from these arrays (order = display order).
 */
import { z } from 'zod';
import { reasonSchema } from './reason.ts';

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

/**
 * Statuses that close a report without referral: they ask for a reason, kept
 * in the report's history and sent to the intake service as the status's
 * `reference` (the contract's one free field of a status; 128 characters, as
 * the input's `reference`).
 */
export const CLOSING_STATUSES: readonly ReportStatus[] = ['closed_no_action', 'duplicate'];
const closing: ReadonlySet<string> = new Set(CLOSING_STATUSES);

/** Whether setting this status needs a reason. */
export function isClosingStatus(status: string): boolean {
  return closing.has(status);
}

/** The longest closing reason: it travels as the status's reference. */
export const STATUS_REASON_MAX_LENGTH = 128;
/** A closing reason: the journal's one rule (shared/reason.ts), within the reference's size. */
export const StatusReason = reasonSchema(STATUS_REASON_MAX_LENGTH);

/**
 * The rule of a status change's input: a closing status carries a reason (and
 * no other reference: the reason is the reference sent); other statuses carry
 * none. For `.superRefine` of the setStatus inputs.
 */
export function checkStatusReason(input: { status: ReportStatus; reason?: string | undefined; reference?: string | undefined }, ctx: z.RefinementCtx): void {
  if (isClosingStatus(input.status)) {
    if (input.reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: `closing a report (${input.status}) needs a reason` });
    if (input.reference !== undefined) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'a closing status sends its reason as its reference: give the reason only' });
  } else if (input.reason !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: `only a closing status (${CLOSING_STATUSES.join(', ')}) takes a reason` });
  }
}

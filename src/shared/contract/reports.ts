/** One report: its view, its status, the reporter's identity and its images (both recorded). */
import { z } from 'zod';
import { ReportSummary, SetStatusInput } from '../schemas.ts';
import { BulkStatusInput, BulkStatusResult, ReportId, ReporterIdentity, ReportView, RevealInput } from '../triage.ts';
import { channel } from './channel.ts';

export const reportsChannels = {
  /** Claims a report (in_analysis) or sets another status; pushed back to the intake service through the outbox. */
  /**
   * A closing status (closed_no_action, duplicate) needs `reason` (journaled, sent as the status's reference).
   * CONFLICT: the report is in analysis at another workstation and `takeOver` was not confirmed. Answers `undoId`.
   */
  'reports.setStatus': channel({
    input: SetStatusInput,
    output: ReportSummary.extend({ undoId: z.string() }),
    errors: ['LOCKED', 'NOT_FOUND', 'INTAKE_NOT_CONFIGURED', 'CONFLICT', 'INVALID_INPUT'],
    access: 'analyst',
  }),
  /** The same status for many reports at once (multi-select in the queue); the same rules, all or none. */
  'reports.setStatusBulk': channel({
    input: BulkStatusInput,
    output: BulkStatusResult,
    errors: ['LOCKED', 'NOT_FOUND', 'INTAKE_NOT_CONFIGURED', 'CONFLICT', 'INVALID_INPUT'],
    access: 'analyst',
  }),
  /** Which of these reports are in analysis at another workstation (asked before a claim or a status, to say how many). */
  'reports.heldElsewhere': channel({
    input: z.strictObject({ reportIds: z.array(ReportId).min(1).max(500) }),
    output: z.object({ reports: z.array(z.object({ reportId: z.string(), workstationId: z.string() })) }),
    errors: ['LOCKED'],
    access: 'analyst',
  }),
  /**
   * Takes back a status change shortly after (reports/status-undo.ts): not sent yet, it is withdrawn; sent, the
   * previous status is set again. NOT_FOUND once the change is too old (about a minute) or already undone.
   */
  'reports.undoStatus': channel({
    input: z.strictObject({ undoId: z.string().uuid() }),
    output: z.object({ restored: z.number().int(), resent: z.number().int(), skipped: z.number().int(), generation: z.number().int() }),
    errors: ['LOCKED', 'NOT_FOUND', 'INTAKE_NOT_CONFIGURED'],
    access: 'analyst',
  }),
  /** Everything about one report except the reporter's identity. */
  'reports.get': channel({ input: z.object({ reportId: ReportId }).strict(), output: ReportView, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst', readOnly: true }),
  /** The reporter's identity; the reason is recorded with the analyst and the time. */
  'reports.revealReporter': channel({ input: RevealInput, output: ReporterIdentity, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
} as const;

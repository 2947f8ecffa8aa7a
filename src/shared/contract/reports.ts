/** One report: its view, its status, the reporter's identity and its images (both recorded). */
import { z } from 'zod';
import { ReportSummary, SetStatusInput } from '../schemas.ts';
import { BulkStatusInput, BulkStatusResult, ReportId, ReporterIdentity, ReportView, RevealInput } from '../triage.ts';
import { channel } from './channel.ts';

export const reportsChannels = {
  /** Claims a report (in_analysis) or sets another status; pushed back to the intake service through the outbox. */
  'reports.setStatus': channel({
    input: SetStatusInput,
    output: ReportSummary,
    errors: ['LOCKED', 'NOT_FOUND', 'INTAKE_NOT_CONFIGURED'],
    access: 'analyst',
  }),
  /** The same status for many reports at once (multi-select in the queue). */
  'reports.setStatusBulk': channel({
    input: BulkStatusInput,
    output: BulkStatusResult,
    errors: ['LOCKED', 'NOT_FOUND', 'INTAKE_NOT_CONFIGURED'],
    access: 'analyst',
  }),
  /** Everything about one report except the reporter's identity. */
  'reports.get': channel({ input: z.object({ reportId: ReportId }).strict(), output: ReportView, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
  /** The reporter's identity; the reason is recorded with the analyst and the time. */
  'reports.revealReporter': channel({ input: RevealInput, output: ReporterIdentity, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
} as const;

/**
 * The audit journal's screen and tools (issue #13): the journal searched by
 * analyst, action, report, case and period; the state of its hash chain and
 * of its anchors at the intake service (`audit verify`); its export as CSV or
 * JSON (recorded); the anchoring setting; and the record of an image shown
 * without its blur. (`audit.list`, the plain newest-first page, is in
 * settings.ts.)
 */
import { z } from 'zod';
import { AuditAction, AuditEvent } from '../schemas.ts';
import { channel, None } from './channel.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const AuditFilters = z.strictObject({
  analystId: z.string().min(1).max(128).optional(),
  action: AuditAction.optional(),
  reportId: z.string().min(1).max(64).optional(),
  caseRef: z.string().min(1).max(64).optional(),
  /** First and last day (UTC) of the period, inclusive. */
  from: Day.optional(),
  to: Day.optional(),
});
export type AuditFilters = z.infer<typeof AuditFilters>;

export const AuditSearchInput = z.strictObject({
  filters: AuditFilters.default({}),
  /** Entries with an index lower than this (older), for paging back. */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const AuditSearchPage = z.object({
  events: z.array(AuditEvent),
  /** Entries that match the filters. */
  matching: z.number().int(),
  /** Every analyst who has an entry in the journal, for the analyst filter. */
  analysts: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type AuditSearchPage = z.infer<typeof AuditSearchPage>;

export const ChainProblemCode = z.enum([
  'changed',
  'missing',
  'inserted',
  'reordered',
  'truncated',
  'anchor_mismatch',
  'anchor_signature',
  'anchor_payload',
  'anchor_workstation',
  'anchor_not_at_service',
  'anchors_unchecked',
]);

/** What `audit verify` finds; `message` is in English (the CLI prints it), the screen translates `code`. */
export const AuditVerification = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  verified_up_to: z.number().int(),
  head: z.object({ index: z.number().int(), hash: z.string() }).nullable(),
  anchored: z.object({ head_index: z.number().int(), accepted_at: z.string() }).nullable(),
  receipts: z.object({ kept: z.number().int(), service: z.number().int().nullable() }),
  problems: z.array(z.object({ code: ChainProblemCode, index: z.number().int().nullable(), message: z.string() })),
  /** Anchors waiting to be sent, sent, refused; the last refusal or failure. */
  queue: z.object({ pending: z.number().int(), sent: z.number().int(), rejected: z.number().int(), lastError: z.string().nullable() }),
  checkedAt: z.string(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const AuditExportInput = z.strictObject({ format: z.enum(['csv', 'json']), filters: AuditFilters.default({}) });
export const AuditExportFile = z.object({ fileName: z.string(), mediaType: z.string(), text: z.string(), entries: z.number().int() });

export const AuditAnchorSettings = z.strictObject({ anchorEvery: z.number().int().min(1).max(100_000) });

export const auditChannels = {
  'audit.search': channel({ input: AuditSearchInput, output: AuditSearchPage, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  /** Walks the chain and checks it against the kept receipts; `online` also fetches the service's list of anchors. */
  'audit.verify': channel({
    input: z.strictObject({ online: z.boolean().default(false) }),
    output: AuditVerification,
    errors: ['LOCKED', 'INTAKE_NOT_CONFIGURED', 'INTAKE_UNREACHABLE', 'INTAKE_AUTH', 'INTAKE_REFUSED'],
    access: 'analyst',
  }),
  /** The matching entries as a file to save (CSV or JSON); recorded. */
  'audit.export': channel({ input: AuditExportInput, output: AuditExportFile, errors: ['LOCKED'], access: 'analyst' }),
  'audit.anchorSettings': channel({ input: None, output: AuditAnchorSettings, errors: ['LOCKED'], access: 'analyst' }),
  /** After how many entries the chain's head is anchored (besides every sync and every lock); recorded. */
  'audit.updateAnchorSettings': channel({ input: AuditAnchorSettings, output: AuditAnchorSettings, errors: ['LOCKED', 'FORBIDDEN'], access: 'supervisor' }),
  /** The analyst removed the blur from an attachment's or a page screenshot's preview: recorded before it is shown. FORBIDDEN for a category never shown. */
  'audit.imageUnblurred': channel({
    input: z.union([
      z.strictObject({ reportId: z.string().min(1).max(64), attachmentId: z.string().min(1).max(128) }),
      z.strictObject({ evidenceId: z.string().min(1).max(64) }),
    ]),
    output: z.object({ recorded: z.literal(true) }),
    errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID_INPUT'],
    access: 'analyst',
  }),
} as const;

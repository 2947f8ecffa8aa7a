/**
 * Retention under law 09-08 (issue #13): the supervisor's rules, the preview
 * of what they would remove, and what applying them removed. Counts and
 * dates only: never a report's content or a reporter's identity.
 */
import { z } from 'zod';

/** A period in whole months: at least one, at most 50 years. */
const Months = z.number().int().min(1).max(600);

/**
 * The rules. Each is off when null; all off by default (nothing happens).
 * - identityMonths (N): erase the reporter identity of reports closed more than N months ago.
 * - purgeMonths (M > N): delete reports closed more than M months ago.
 * - caseMonths (K): delete cases referred or closed more than K months ago whose reports all go
 *   under the report rule (so it needs purgeMonths), with their notes, timeline, dossiers and evidence.
 * "Closed" is a final status: referred, closed_no_action or duplicate, since the time of that status change.
 * A report held by a case that is not itself being purged keeps its identity and stays.
 */
export const RetentionSettings = z
  .object({
    identityMonths: Months.nullable(),
    purgeMonths: Months.nullable(),
    caseMonths: Months.nullable(),
  })
  .strict()
  .refine((s) => s.identityMonths === null || s.purgeMonths === null || s.purgeMonths > s.identityMonths, {
    message: 'reports must be purged later than their reporter identity is erased (M > N)',
    path: ['purgeMonths'],
  })
  .refine((s) => s.caseMonths === null || s.purgeMonths !== null, {
    message: 'cases are purged with their reports: set the report purge rule first',
    path: ['caseMonths'],
  });
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const RETENTION_OFF: RetentionSettings = { identityMonths: null, purgeMonths: null, caseMonths: null };

/** How many of one kind would go (or went), and the span of their dates (closed since; acquired for evidence). */
export const RetentionCount = z.object({
  count: z.number().int().nonnegative(),
  oldest: z.string().nullable(),
  newest: z.string().nullable(),
});
export type RetentionCount = z.infer<typeof RetentionCount>;

export const RetentionPreview = z.object({
  settings: RetentionSettings,
  /** The time the rules were read against (UTC). */
  at: z.string(),
  /** Whether any rule is set. */
  active: z.boolean(),
  /** Reports whose reporter identity would be erased (identified, not erased yet, not purged by this run). */
  identities: RetentionCount,
  reports: RetentionCount,
  cases: RetentionCount,
  evidence: RetentionCount,
  /** Closed reports past a rule but kept because a case that stays holds them. */
  heldByCases: z.number().int().nonnegative(),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;

/** Applying asks for an explicit confirmation (the UI's dialog; the CLI's `apply`). */
export const RetentionApplyInput = z.object({ confirm: z.literal(true) }).strict();

export const RetentionApplyResult = z.object({
  at: z.string(),
  identitiesErased: z.number().int().nonnegative(),
  revisionsErased: z.number().int().nonnegative(),
  reportsPurged: z.number().int().nonnegative(),
  casesPurged: z.number().int().nonnegative(),
  evidencePurged: z.number().int().nonnegative(),
  /** Whether the WAL was emptied and the file compacted (VACUUM when anything was removed, or free pages were left): false when another connection kept it busy. */
  compacted: z.boolean(),
});
export type RetentionApplyResult = z.infer<typeof RetentionApplyResult>;

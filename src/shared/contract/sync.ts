/** The intake connection, the sync runs, and what they quarantined or wait to send. */
import { z } from 'zod';
import { Reason } from '../cases.ts';
import { IntakeHealth, IntakeSettingsInput, IntakeSettingsView, OutboxEntry, PageQuery, QuarantineItem, SyncStatus } from '../schemas.ts';
import { channel, ErrorCode, None } from './channel.ts';

/** What the connection test of a set of intake settings found: the service's health, or why it failed (a code the UI translates). */
export const IntakeTestOutcome = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    health: IntakeHealth,
    /** Whether the newest change could be read and its signature checked with the key given (false: the feed is empty). */
    keyChecked: z.boolean(),
  }),
  z.object({
    ok: z.literal(false),
    code: ErrorCode,
    /** The HTTP status the service answered, when the failure was an answer (401, 403, 404…). */
    httpStatus: z.number().int().nullable(),
  }),
]);
export type IntakeTestOutcome = z.infer<typeof IntakeTestOutcome>;

/** What leaving demo mode deletes from the store, counted before it is done. */
export const DemoDeletion = z.object({
  /** Demo reports, with their revisions, attachments and search entries. */
  reports: z.number().int(),
  attachments: z.number().int(),
  /** Statuses set on this workstation (its outbox, sent or not). */
  statusesSetHere: z.number().int(),
  /** Of which not yet sent to the demo service. */
  outboxPending: z.number().int(),
  quarantined: z.number().int(),
  /** Cases (every case: demo mode is refused once a store holds work of its own), their notes, evidence items. */
  cases: z.number().int(),
  notes: z.number().int(),
  evidence: z.number().int(),
});
export type DemoDeletion = z.infer<typeof DemoDeletion>;

/** Before saving intake settings: the connection test with them, and what saving them would change or delete. */
export const IntakeCheck = z.object({
  test: IntakeTestOutcome,
  /** Another service than the saved one (address, key, or demo to real): its sync state (last success, errors) starts afresh. */
  anotherService: z.boolean(),
  /** The change feed is read again from its start (another signing key, or leaving demo mode). */
  feedRestarts: z.boolean(),
  /** What saving deletes (leaving demo mode); null when it deletes nothing. */
  deletes: DemoDeletion.nullable(),
});
export type IntakeCheck = z.infer<typeof IntakeCheck>;

export const IntakeUpdateInput = IntakeSettingsInput.extend({
  /**
   * Save although the connection test fails (a service not reachable yet): a supervisor's
   * explicit choice, with the reason kept in the audit journal. Without it, settings that fail
   * the test are refused with the test's error and nothing is saved.
   */
  untested: z.object({ reason: Reason }).strict().optional(),
  /** Leaving demo mode deletes the demo's data (counted by `intake.check`): required then, or CONFLICT. */
  confirmDeletion: z.literal(true).optional(),
});
export type IntakeUpdateInput = z.infer<typeof IntakeUpdateInput>;

const SETTINGS_ERRORS = ['INTAKE_BAD_URL', 'INTAKE_BAD_TOKEN', 'INTAKE_BAD_KEY'] as const;
const TEST_ERRORS = ['INTAKE_AUTH', 'INTAKE_UNREACHABLE', 'INTAKE_REFUSED', 'INTAKE_KEY_MISMATCH'] as const;

export const syncChannels = {
  'intake.get': channel({ input: None, output: IntakeSettingsView, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  /** Tests the settings (GET /health, then the newest change and its signature) and counts what saving them deletes; saves nothing. */
  'intake.check': channel({ input: IntakeSettingsInput, output: IntakeCheck, errors: ['LOCKED', 'FORBIDDEN', ...SETTINGS_ERRORS], access: 'supervisor' }),
  /** Tests, then saves: refused when the test fails (unless `untested`) or when it deletes data not confirmed (CONFLICT). */
  'intake.update': channel({
    input: IntakeUpdateInput,
    output: IntakeSettingsView,
    errors: ['LOCKED', 'FORBIDDEN', 'CONFLICT', ...SETTINGS_ERRORS, ...TEST_ERRORS],
    access: 'supervisor',
  }),
  /** The connection test (GET /health, the newest change and its signature) with the saved settings. */
  'intake.test': channel({
    input: None,
    output: IntakeHealth,
    errors: ['LOCKED', 'INTAKE_NOT_CONFIGURED', 'INTAKE_AUTH', 'INTAKE_UNREACHABLE', 'INTAKE_REFUSED', 'INTAKE_BAD_URL', 'INTAKE_BAD_KEY', 'INTAKE_KEY_MISMATCH'],
    access: 'analyst',
  }),
  /**
   * Starts the embedded reference intake service with generated reports, marked as demo data:
   * on a workstation without a service, in demo mode (again), or after a real service that
   * brought nothing yet (no real report, no case); CONFLICT otherwise.
   */
  'intake.startDemo': channel({ input: None, output: IntakeSettingsView, errors: ['LOCKED', 'FORBIDDEN', 'CONFLICT'], access: 'supervisor' }),

  /** Only reads: answered at once during a sync's transaction (every screen's shell reads it, during a sync too). */
  'sync.status': channel({ input: None, output: SyncStatus, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  /** "Sync now": starts a run unless one is running. */
  'sync.start': channel({ input: None, output: SyncStatus, errors: ['LOCKED', 'INTAKE_NOT_CONFIGURED'], access: 'analyst' }),
  'sync.cancel': channel({ input: None, output: SyncStatus, errors: ['LOCKED'], access: 'analyst' }),
  'sync.quarantine': channel({ input: PageQuery, output: z.object({ total: z.number().int(), items: z.array(QuarantineItem) }), errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  'sync.outbox': channel({ input: PageQuery, output: z.object({ total: z.number().int(), entries: z.array(OutboxEntry) }), errors: ['LOCKED'], access: 'analyst', readOnly: true }),
} as const;

export const syncEvents = {
  /** Sync progress and outcome, pushed while a run goes on and when it ends. */
  'sync.progress': SyncStatus,
} as const;

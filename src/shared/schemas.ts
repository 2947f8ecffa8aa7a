/**
 * Domain shapes shared by the core and the renderer, as zod schemas.
 * Pure: imports only zod.
 */
import { z } from 'zod';
import { checkStatusReason, ReportStatus, StatusReason } from './statuses.ts';

/** Languages of the interface. Arabic is laid out right to left. */
export const UiLocale = z.enum(['fr', 'ar']);
export type UiLocale = z.infer<typeof UiLocale>;

/** Analyst roles: supervisors also manage profiles and workstation settings. */
export const Role = z.enum(['analyst', 'supervisor']);
export type Role = z.infer<typeof Role>;

/** Longest passphrase accepted: long enough for any diceware phrase, short enough to bound the KDF input. */
export const MAX_PASSPHRASE_LENGTH = 1024;

const Passphrase = z.string().min(1).max(MAX_PASSPHRASE_LENGTH);

/** A printable, single-line name: no control characters, no bidi overrides. */
const PlainName = z
  .string()
  .trim()
  .min(2)
  .max(80)
  .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), { message: 'control or formatting characters are not allowed' });

/** An analyst profile, as shown to an unlocked analyst. */
export const Profile = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  role: Role,
  locale: UiLocale,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type Profile = z.infer<typeof Profile>;

/**
 * Where the workstation stands: first run, locked (nobody is named: the
 * analyst types a login name), a first passphrase to replace, or unlocked by
 * one analyst.
 */
export const SessionState = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('setup'), locale: UiLocale }),
  /** `lastName`: the last login name used here, when a supervisor allows offering it (off by default: null). */
  z.object({ phase: z.literal('locked'), locale: UiLocale, lastName: z.string().nullable() }),
  /** Unlocked with the passphrase a supervisor gave: nothing works until the analyst chooses their own. */
  z.object({ phase: z.literal('passphrase-change'), locale: UiLocale, name: z.string() }),
  z.object({
    phase: z.literal('unlocked'),
    locale: UiLocale,
    analyst: Profile,
    idleLockMinutes: z.number().int(),
  }),
]);
export type SessionState = z.infer<typeof SessionState>;

export const SetupInput = z.object({
  name: PlainName,
  service: PlainName,
  passphrase: Passphrase,
  locale: UiLocale,
});
export type SetupInput = z.infer<typeof SetupInput>;

/** The login name (any case and spacing); without it, only a store with a single profile unlocks. */
export const UnlockInput = z.object({ name: z.string().min(1).max(200).optional(), passphrase: Passphrase });
export type UnlockInput = z.infer<typeof UnlockInput>;

/** Shortest passphrase accepted. */
export const MIN_PASSPHRASE_LENGTH = 12;

export const PassphraseInput = z.object({
  passphrase: z.string().max(MAX_PASSPHRASE_LENGTH),
  /** Words the passphrase must not lean on: the analyst's name and service. */
  context: z.array(z.string().max(200)).max(4).optional(),
});

/** Why the session was locked from the renderer: by hand, or by its idle timer. */
export const LockInput = z.object({ reason: z.enum(['manual', 'idle']) }).optional();

/** Why a passphrase is refused; the UI translates each. */
export const PassphraseProblem = z.enum(['too_short', 'too_guessable']);
export type PassphraseProblem = z.infer<typeof PassphraseProblem>;

export const PassphraseAssessment = z.object({
  /** 0 (trivial) to 4 (strong), zxcvbn's scale. */
  score: z.number().int().min(0).max(4),
  acceptable: z.boolean(),
  problems: z.array(PassphraseProblem),
});
export type PassphraseAssessment = z.infer<typeof PassphraseAssessment>;

export const NewProfileInput = z.object({
  name: PlainName,
  service: PlainName,
  role: Role,
  locale: UiLocale,
  /** Initial passphrase, handed to the analyst in person. */
  passphrase: Passphrase,
});
export type NewProfileInput = z.infer<typeof NewProfileInput>;

export const ProfileIdInput = z.object({ profileId: z.string().min(1).max(64) });
export const EnableProfileInput = z.object({ profileId: z.string().min(1).max(64), passphrase: Passphrase });

export const PassphraseChangeInput = z.object({ current: Passphrase, next: Passphrase });
/** Whether the lock screen offers the last login name; without `remember`, a read. */
export const LastLoginInput = z.object({ remember: z.boolean() }).partial();
export const LastLoginSetting = z.object({ remember: z.boolean() });

/** The analyst's own passphrase, replacing the one a supervisor gave (passphrase-change phase). */
export const InitialPassphraseInput = z.object({ next: Passphrase });

export const PreferencesInput = z.object({ locale: UiLocale });

/** Idle lock bounds, in minutes. */
export const IDLE_LOCK_MIN = 1;
export const IDLE_LOCK_MAX = 60;
export const IDLE_LOCK_DEFAULT = 10;

export const WorkstationSettings = z.object({
  idleLockMinutes: z.number().int().min(IDLE_LOCK_MIN).max(IDLE_LOCK_MAX),
});
export type WorkstationSettings = z.infer<typeof WorkstationSettings>;
export const SettingsInput = WorkstationSettings.partial();

export const StoreStatus = z.object({
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  createdAt: z.string(),
  cipher: z.string(),
  counts: z.object({
    profiles: z.number().int(),
    activeProfiles: z.number().int(),
    reports: z.number().int(),
    auditEvents: z.number().int(),
  }),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

export const AppInfo = z.object({ version: z.string(), host: z.enum(['electron', 'web', 'cli']) });
export type AppInfo = z.infer<typeof AppInfo>;

/** What the audit trail records. The detail never holds passphrases or keys. */
export const AuditAction = z.enum([
  'store.created',
  'session.unlocked',
  'session.locked',
  'session.unlock_failed',
  'profile.created',
  'profile.disabled',
  'profile.enabled',
  'profile.passphrase_changed',
  'settings.updated',
  'preferences.updated',
  'intake.updated',
  'intake.demo_started',
  'intake.demo_purged',
  'report.status_set',
  'report.status_undone',
  'report.reporter_revealed',
  'report.attachment_viewed',
  'report.attachment_unblurred',
  'evidence.viewed',
  'evidence.unblurred',
  'audit.exported',
  'triage.settings_updated',
  'case.created',
  'case.reports_added',
  'case.report_removed',
  'case.status_set',
  'case.updated',
  'case.access_changed',
  'case.qualifications_set',
  'case.jurisdiction_confirmed',
  'note.added',
  'note.edited',
  'note.deleted',
  'observable.added',
  'observable.tagged',
  'legal.table_updated',
  'jurisdiction.table_updated',
  'evidence.imported',
  'evidence.exported',
  'evidence.verified',
  'diagnostics.online_run',
  'diagnostics.online_settings_updated',
  'hashlist.imported',
  'images.settings_updated',
  'signing.key_created',
  'signing.identity_imported',
  'dossier.exported',
  'dossier.identity_included',
  'dossier.answered',
  'dossier.settings_updated',
  'backup.recovery_key_created',
  'backup.created',
  'backup.restored',
  'retention.settings_updated',
  'retention.identities_erased',
  'retention.purged',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  analystId: z.string().nullable(),
  analystName: z.string().nullable(),
  action: AuditAction,
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  /** Return events with an id lower than this (older), for paging back. */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const AuditPage = z.object({ events: z.array(AuditEvent), total: z.number().int() });
export type AuditPage = z.infer<typeof AuditPage>;

// ---------------------------------------------------------------------------
// Intake sync

export { ReportStatus };

/** The intake connection as the renderer may see it: never the token itself. */
export const IntakeSettingsView = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  workstationId: z.string().nullable(),
  syncIntervalMinutes: z.number().int(),
  tokenSet: z.boolean(),
  /** SHA-256 fingerprint of the service's public key (SPKI), colon-separated hex. */
  keyFingerprint: z.string().nullable(),
  demo: z.boolean(),
});
export type IntakeSettingsView = z.infer<typeof IntakeSettingsView>;

export const IntakeSettingsInput = z.object({
  url: z.string().trim().min(1).max(2048),
  /** Omitted: keep the current token. */
  token: z.string().trim().min(1).max(4096).optional(),
  /** Omitted: keep the current key. */
  publicKeyPem: z.string().max(10_000).optional(),
  workstationId: z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
  /** 0 turns background sync off. */
  syncIntervalMinutes: z.number().int().min(0).max(1440),
});
export type IntakeSettingsInput = z.infer<typeof IntakeSettingsInput>;

export const IntakeHealth = z.object({ headSeq: z.number().int(), serverTime: z.string(), latencyMs: z.number() });
export type IntakeHealth = z.infer<typeof IntakeHealth>;

export const SyncPhase = z.enum(['idle', 'outbox', 'changes', 'attachments', 'observables', 'done']);

export const SyncStatus = z.object({
  running: z.boolean(),
  phase: SyncPhase,
  /** Last change seq applied, and the service's highest seq when last seen. */
  cursor: z.number().int(),
  headSeq: z.number().int(),
  /** Changes applied in the current (or last) run, and its pace. */
  applied: z.number().int(),
  ratePerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  attachmentsDone: z.number().int(),
  attachmentsTotal: z.number().int(),
  /** The run's last step: reports whose observables were indexed, of those queued when it began. */
  observablesDone: z.number().int(),
  observablesTotal: z.number().int(),
  retrying: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** The last run's failure, in plain words; null after a successful run. */
  lastError: z.string().nullable(),
  lastErrorKind: z.enum(['auth', 'unreachable', 'refused', 'protocol', 'config', 'disk_full', 'other']).nullable(),
  online: z.boolean().nullable(),
  quarantined: z.number().int(),
  outbox: z.object({ pending: z.number().int(), sent: z.number().int(), rejected: z.number().int() }),
  reports: z.number().int(),
  configured: z.boolean(),
  demo: z.boolean(),
  nextRunAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const QuarantineItem = z.object({
  id: z.number().int(),
  seq: z.number().int().nullable(),
  kind: z.string(),
  /** malformed, too_large, signature, not_json, kind_mismatch, schema, unknown_kind, attachment_mismatch, attachment_refused */
  reasonCode: z.string(),
  /** The technical detail, in English. */
  reason: z.string(),
  receivedAt: z.string(),
  attachmentId: z.string().nullable(),
  reportId: z.string().nullable(),
  bytes: z.number().int(),
});
export type QuarantineItem = z.infer<typeof QuarantineItem>;

export const OutboxEntry = z.object({
  id: z.number().int(),
  reportId: z.string(),
  status: z.string(),
  at: z.string(),
  state: z.enum(['pending', 'sent', 'rejected']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  ackedSeq: z.number().int().nullable(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const PageQuery = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const ReportSummary = z.object({
  id: z.string(),
  revision: z.number().int(),
  revisions: z.number().int(),
  category: z.string(),
  platform: z.string(),
  submittedAt: z.string(),
  reporterMode: z.string(),
  country: z.string(),
  region: z.string().nullable(),
  imminentDanger: z.boolean(),
  attachments: z.number().int(),
  attachmentsVerified: z.number().int(),
  status: z.string(),
  statusWorkstation: z.string().nullable(),
  demo: z.boolean(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;


export const SetStatusInput = z
  .object({
    reportId: z.string().regex(/^IBL-\d{4}-\d{7}$/),
    status: ReportStatus,
    reference: z.string().trim().min(1).max(128).optional(),
    /** Required for a closing status (sent as its reference), refused for the others: see checkStatusReason. */
    reason: StatusReason.optional(),
    /** The analyst was told the report is claimed by another workstation and confirmed: without it, CONFLICT. */
    takeOver: z.boolean().optional(),
  })
  .superRefine(checkStatusReason);

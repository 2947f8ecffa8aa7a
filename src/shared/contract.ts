/**
 * The one contract between the renderer and the core services.
 *
 * Every channel is declared here once: its name, the zod schema of its input,
 * the zod schema of its output, the error codes it can answer with, and who may
 * call it (while locked, any unlocked analyst, or supervisors only). The
 * Electron IPC binding, the preload bridge, the browser test host and the
 * renderer client are all derived from this map; nothing else decides what
 * crosses the process boundary.
 *
 * This module imports only pure packages (zod) so that it runs unchanged in the
 * renderer, the preload, the core and the CLI.
 */
import { z } from 'zod';
import {
  AuditPage,
  AuditQuery,
  EnableProfileInput,
  LockInput,
  NewProfileInput,
  PassphraseAssessment,
  PassphraseChangeInput,
  PassphraseInput,
  PreferencesInput,
  Profile,
  ProfileIdInput,
  SessionState,
  SetupInput,
  UnlockInput,
  UiLocale,
  WorkstationSettings,
  SettingsInput,
  StoreStatus,
  AppInfo,
  IntakeHealth,
  IntakeSettingsInput,
  IntakeSettingsView,
  OutboxEntry,
  PageQuery,
  QuarantineItem,
  ReportSummary,
  SetStatusInput,
  SyncStatus,
} from './schemas.ts';
import {
  AttachmentContent,
  AttachmentInput,
  BulkStatusInput,
  BulkStatusResult,
  Dashboard,
  DashboardQuery,
  QueuePage,
  QueueQuery,
  ReportId,
  ReporterIdentity,
  ReportView,
  RevealInput,
  SavedView,
  SaveViewInput,
  TriageSettings,
} from './triage.ts';

/** Error codes the UI knows how to translate. Every failure carries one. */
export const ErrorCode = z.enum([
  /** The input did not match the channel's schema, or the channel is unknown. */
  'INVALID_INPUT',
  /** The store is locked; unlock first. */
  'LOCKED',
  /** The action is not possible in the current phase (for example setup twice). */
  'WRONG_PHASE',
  /** Wrong passphrase for that profile. */
  'WRONG_PASSPHRASE',
  /** Too many failed attempts; retry after `retryAfterMs`. */
  'THROTTLED',
  /** The passphrase does not meet the strength policy. */
  'WEAK_PASSPHRASE',
  /** The profile is disabled or unknown. */
  'PROFILE_DISABLED',
  /** The unlocked analyst's role does not allow this. */
  'FORBIDDEN',
  /** The thing referred to does not exist. */
  'NOT_FOUND',
  /** It would conflict with existing data (for example a duplicate name). */
  'CONFLICT',
  /** The store cannot be decrypted or fails its integrity check. */
  'STORE_CORRUPT',
  /** The store was written by a newer version of the workstation. */
  'STORE_TOO_NEW',
  /** No intake service is configured yet. */
  'INTAKE_NOT_CONFIGURED',
  /** The intake URL, token or key is not acceptable (message says which). */
  'INTAKE_INVALID_CONFIG',
  /** The intake service does not accept this workstation's token (401) or revoked it (403). */
  'INTAKE_AUTH',
  /** The intake service stayed unreachable after the retries. */
  'INTAKE_UNREACHABLE',
  /** The intake service refused the request (400, 404, 422). */
  'INTAKE_REFUSED',
  /** An unexpected failure; details are in the host's console, never in the UI. */
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The failure half of a result envelope. */
export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Set with THROTTLED: how long to wait before the next attempt. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

/** What every channel answers: a value, or an error as data. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Who may call a channel. */
export type Access = 'locked' | 'analyst' | 'supervisor';

interface ChannelDef<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly errors: readonly ErrorCode[];
  /** 'locked': callable at any time; 'analyst': needs an unlocked store; 'supervisor': and that role. */
  readonly access: Access;
}

function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

const None = z.undefined();
const Ok = z.null();

/** Every channel the renderer may call. */
export const channels = {
  'app.info': channel({ input: None, output: AppInfo, errors: [], access: 'locked' }),

  'session.state': channel({ input: None, output: SessionState, errors: [], access: 'locked' }),
  'session.setup': channel({
    input: SetupInput,
    output: SessionState,
    errors: ['WRONG_PHASE', 'WEAK_PASSPHRASE'],
    access: 'locked',
  }),
  'session.unlock': channel({
    input: UnlockInput,
    output: SessionState,
    errors: ['WRONG_PHASE', 'WRONG_PASSPHRASE', 'THROTTLED', 'PROFILE_DISABLED', 'STORE_CORRUPT', 'STORE_TOO_NEW'],
    access: 'locked',
  }),
  'session.lock': channel({ input: LockInput, output: SessionState, errors: [], access: 'locked' }),
  /** The analyst touched the keyboard or mouse: postpones the idle lock. */
  'session.activity': channel({ input: None, output: Ok, errors: [], access: 'locked' }),
  /** Language of the lock screen, before anyone is unlocked. */
  'session.lockScreenLocale': channel({ input: UiLocale, output: SessionState, errors: [], access: 'locked' }),

  'passphrase.assess': channel({ input: PassphraseInput, output: PassphraseAssessment, errors: [], access: 'locked' }),

  'profiles.list': channel({ input: None, output: z.array(Profile), errors: ['LOCKED'], access: 'analyst' }),
  'profiles.create': channel({
    input: NewProfileInput,
    output: Profile,
    errors: ['LOCKED', 'FORBIDDEN', 'CONFLICT', 'WEAK_PASSPHRASE'],
    access: 'supervisor',
  }),
  'profiles.disable': channel({
    input: ProfileIdInput,
    output: Profile,
    errors: ['LOCKED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
    access: 'supervisor',
  }),
  'profiles.enable': channel({
    input: EnableProfileInput,
    output: Profile,
    errors: ['LOCKED', 'FORBIDDEN', 'NOT_FOUND', 'WEAK_PASSPHRASE'],
    access: 'supervisor',
  }),
  'profiles.changePassphrase': channel({
    input: PassphraseChangeInput,
    output: Ok,
    errors: ['LOCKED', 'WRONG_PASSPHRASE', 'WEAK_PASSPHRASE', 'THROTTLED'],
    access: 'analyst',
  }),

  'preferences.update': channel({ input: PreferencesInput, output: SessionState, errors: ['LOCKED'], access: 'analyst' }),

  'settings.get': channel({ input: None, output: WorkstationSettings, errors: ['LOCKED'], access: 'analyst' }),
  'settings.update': channel({
    input: SettingsInput,
    output: WorkstationSettings,
    errors: ['LOCKED', 'FORBIDDEN'],
    access: 'supervisor',
  }),

  'store.status': channel({ input: None, output: StoreStatus, errors: ['LOCKED'], access: 'analyst' }),

  'audit.list': channel({ input: AuditQuery, output: AuditPage, errors: ['LOCKED'], access: 'analyst' }),

  'intake.get': channel({ input: None, output: IntakeSettingsView, errors: ['LOCKED'], access: 'analyst' }),
  'intake.update': channel({
    input: IntakeSettingsInput,
    output: IntakeSettingsView,
    errors: ['LOCKED', 'FORBIDDEN', 'INTAKE_INVALID_CONFIG'],
    access: 'supervisor',
  }),
  /** GET /health with the saved settings. */
  'intake.test': channel({
    input: None,
    output: IntakeHealth,
    errors: ['LOCKED', 'INTAKE_NOT_CONFIGURED', 'INTAKE_AUTH', 'INTAKE_UNREACHABLE', 'INTAKE_REFUSED', 'INTAKE_INVALID_CONFIG'],
    access: 'analyst',
  }),
  /** Starts the embedded reference intake service with generated reports, marked as demo data. */
  'intake.startDemo': channel({ input: None, output: IntakeSettingsView, errors: ['LOCKED', 'FORBIDDEN', 'CONFLICT'], access: 'supervisor' }),

  'sync.status': channel({ input: None, output: SyncStatus, errors: ['LOCKED'], access: 'analyst' }),
  /** "Sync now": starts a run unless one is running. */
  'sync.start': channel({ input: None, output: SyncStatus, errors: ['LOCKED', 'INTAKE_NOT_CONFIGURED'], access: 'analyst' }),
  'sync.cancel': channel({ input: None, output: SyncStatus, errors: ['LOCKED'], access: 'analyst' }),
  'sync.quarantine': channel({ input: PageQuery, output: z.object({ total: z.number().int(), items: z.array(QuarantineItem) }), errors: ['LOCKED'], access: 'analyst' }),
  'sync.outbox': channel({ input: PageQuery, output: z.object({ total: z.number().int(), entries: z.array(OutboxEntry) }), errors: ['LOCKED'], access: 'analyst' }),

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
  /** The bytes of one verified image attachment; refused where the category forbids viewing. Recorded. */
  'reports.attachment': channel({ input: AttachmentInput, output: AttachmentContent, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN'], access: 'analyst' }),

  /** One page of the triage queue, with its total and the live count of every filter. */
  'queue.query': channel({ input: QueueQuery, output: QueuePage, errors: ['LOCKED'], access: 'analyst' }),
  'queue.views': channel({ input: None, output: z.array(SavedView), errors: ['LOCKED'], access: 'analyst' }),
  /** Saves (or replaces, by name) a view of the queue for the unlocked analyst. */
  'queue.saveView': channel({ input: SaveViewInput, output: SavedView, errors: ['LOCKED'], access: 'analyst' }),
  'queue.deleteView': channel({ input: z.object({ id: z.number().int().positive() }).strict(), output: Ok, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),

  'triage.settings': channel({ input: None, output: TriageSettings, errors: ['LOCKED'], access: 'analyst' }),
  'triage.updateSettings': channel({ input: TriageSettings, output: TriageSettings, errors: ['LOCKED', 'FORBIDDEN'], access: 'supervisor' }),

  'dashboard.get': channel({ input: DashboardQuery, output: Dashboard, errors: ['LOCKED'], access: 'analyst' }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** Events pushed from the core to the renderer. */
export const events = {
  /** The session changed without the renderer asking: idle lock, OS lock, suspend. */
  'session.changed': z.object({
    state: SessionState,
    reason: z.enum(['manual', 'idle', 'os-lock', 'suspend', 'unlock', 'setup']),
  }),
  /** Sync progress and outcome, pushed while a run goes on and when it ends. */
  'sync.progress': SyncStatus,
  /** The data under the queue changed (sync, a status set here): pages of an older generation are stale. */
  'queue.changed': z.object({ generation: z.number().int() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;


export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The single object the preload (or the browser test host's client) gives the renderer. */
export interface IblaghBridge {
  /** Calls a channel. Never rejects for application errors: they come back as `{ ok: false }`. */
  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Which host the renderer runs in. */
  readonly host: 'electron' | 'web';
}

/** Name of the global the preload exposes with `contextBridge.exposeInMainWorld`. */
export const BRIDGE_GLOBAL = 'iblagh';

/** The browser test host's HTTP protocol, shared by its server and its client. */
export const webHostProtocol = {
  invokePath: (channel: ChannelName) => `/api/invoke/${channel}`,
  eventsPath: '/api/events',
  /** Maximum size of a request body, in bytes. */
  maxBodyBytes: 1_048_576,
} as const;

/** The intake connection, the sync runs, and what they quarantined or wait to send. */
import { z } from 'zod';
import { IntakeHealth, IntakeSettingsInput, IntakeSettingsView, OutboxEntry, PageQuery, QuarantineItem, SyncStatus } from '../schemas.ts';
import { channel, None } from './channel.ts';

export const syncChannels = {
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
} as const;

export const syncEvents = {
  /** Sync progress and outcome, pushed while a run goes on and when it ends. */
  'sync.progress': SyncStatus,
} as const;

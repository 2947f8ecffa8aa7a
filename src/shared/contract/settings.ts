/** The workstation's settings (supervisors change them) and the audit journal. */
import { AuditPage, AuditQuery, SettingsInput, WorkstationSettings } from '../schemas.ts';
import { channel, None } from './channel.ts';

export const settingsChannels = {
  'settings.get': channel({ input: None, output: WorkstationSettings, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  'settings.update': channel({
    input: SettingsInput,
    output: WorkstationSettings,
    errors: ['LOCKED', 'FORBIDDEN'],
    access: 'supervisor',
  }),

  'audit.list': channel({ input: AuditQuery, output: AuditPage, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
} as const;

/** The triage queue, its saved views, priority settings and the dashboard. */
import { z } from 'zod';
import { Dashboard, DashboardQuery, QueuePage, QueueQuery, SavedView, SaveViewInput, TriageSettings } from '../triage.ts';
import { channel, None, Ok } from './channel.ts';

export const triageChannels = {
  /** One page of the triage queue, with its total and the live count of every filter. */
  'queue.query': channel({ input: QueueQuery, output: QueuePage, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  'queue.views': channel({ input: None, output: z.array(SavedView), errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  /** Saves (or replaces, by name) a view of the queue for the unlocked analyst. */
  'queue.saveView': channel({ input: SaveViewInput, output: SavedView, errors: ['LOCKED'], access: 'analyst' }),
  'queue.deleteView': channel({ input: z.object({ id: z.number().int().positive() }).strict(), output: Ok, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),

  'triage.settings': channel({ input: None, output: TriageSettings, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  'triage.updateSettings': channel({ input: TriageSettings, output: TriageSettings, errors: ['LOCKED', 'FORBIDDEN'], access: 'supervisor' }),

  'dashboard.get': channel({ input: DashboardQuery, output: Dashboard, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
} as const;

export const triageEvents = {
  /** The data under the queue changed (sync, a status set here): pages of an older generation are stale. */
  'queue.changed': z.object({ generation: z.number().int() }),
} as const;

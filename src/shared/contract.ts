/**
 * The one contract between the renderer and the core services: the index of
 * its fragments, one per feature, in `src/shared/contract/`:
 *
 *   channel.ts   error codes, the result envelope, `channel()`
 *   app.ts       app.info, store.status
 *   session.ts   session.*, passphrase.assess (and the session.changed event)
 *   profiles.ts  profiles.*, preferences.update
 *   settings.ts  settings.*, audit.list
 *   sync.ts      intake.*, sync.* (and sync.progress)
 *   reports.ts   reports.*
 *   triage.ts    queue.*, triage.*, dashboard.get (and queue.changed)
 *   cases.ts     cases.*, notes.*, observables.*, legal.*
 *   diagnostics.ts diagnostics.* (URL diagnostics)
 *   evidence.ts  evidence.*
 *   images.ts    images.*, hashlists.* (attachment analysis, known-hash lists)
 *   dossiers.ts  dossiers.* (referral dossiers, referral history, answers)
 *   signing.ts   signing.* (the PDF signing certificate, PKCS#12 import)
 *   audit.ts     audit.* (journal search, chain verification, export, anchoring)
 *   retention.ts retention.* (law 09-08 rules, their preview, applying them)
 *   backup.ts    backup.* (the recovery key of backups)
 *
 * Every channel is declared once, in its feature's fragment: its name, the zod
 * schema of its input, the zod schema of its output, the error codes it can
 * answer with, and who may call it (while locked, any unlocked analyst, or
 * supervisors only). The Electron IPC binding, the preload bridge, the browser
 * test host and the renderer client are all derived from the merged map below;
 * nothing else decides what crosses the process boundary. Each fragment's
 * handlers live in its core feature (`src/main/<feature>/handlers.ts`).
 *
 * Pure zod, so that it runs unchanged in the renderer, the preload, the core
 * and the CLI.
 */
import type { z } from 'zod';
import { appChannels } from './contract/app.ts';
import { auditChannels } from './contract/audit.ts';
import { casesChannels } from './contract/cases.ts';
import { diagnosticsChannels } from './contract/diagnostics.ts';
import { dossiersChannels } from './contract/dossiers.ts';
import { evidenceChannels } from './contract/evidence.ts';
import { imagesChannels } from './contract/images.ts';
import { profilesChannels } from './contract/profiles.ts';
import { reportsChannels } from './contract/reports.ts';
import { sessionChannels, sessionEvents } from './contract/session.ts';
import { settingsChannels } from './contract/settings.ts';
import { signingChannels } from './contract/signing.ts';
import { retentionChannels } from './contract/retention.ts';
import { backupChannels } from './contract/backup.ts';
import { syncChannels, syncEvents } from './contract/sync.ts';
import { triageChannels, triageEvents } from './contract/triage.ts';

import type { Result } from './contract/channel.ts';

export { AppErrorShape, ErrorCode, type Access, type ChannelDef, type Result } from './contract/channel.ts';

/** Every channel the renderer may call. */
export const channels = {
  ...appChannels,
  ...sessionChannels,
  ...profilesChannels,
  ...settingsChannels,
  ...syncChannels,
  ...reportsChannels,
  ...triageChannels,
  ...casesChannels,
  ...diagnosticsChannels,
  ...evidenceChannels,
  ...imagesChannels,
  ...dossiersChannels,
  ...signingChannels,
  ...auditChannels,
  ...retentionChannels,
  ...backupChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;

/** What runs a channel in the core: its input already validated and access-checked by the dispatcher. */
export type ChannelHandler<K extends ChannelName> = (input: z.output<Channels[K]['input']>) => Promise<ChannelOutput<K>> | ChannelOutput<K>;
/** A handler for every channel (the dispatcher's table). */
export type Handlers = { [K in ChannelName]: ChannelHandler<K> };
/** The handlers of one fragment's channels, e.g. `HandlersOf<typeof reportsChannels>`. */
export type HandlersOf<F> = { [K in keyof F & ChannelName]: ChannelHandler<K> };

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** Events pushed from the core to the renderer, merged from the fragments. */
export const events = {
  ...sessionEvents,
  ...syncEvents,
  ...triageEvents,
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

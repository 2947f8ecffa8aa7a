/**
 * The dispatcher's table: every feature's handlers merged (each feature
 * exports its own, next to its service: `src/main/<feature>/handlers.ts`),
 * plus the platform channels (app, store, settings, audit), whose services sit
 * below the session and so cannot take one. Here the features are wired to
 * each other through small callbacks, so that none imports another above it.
 */
import type { ChannelOutput, HandlersOf, Handlers } from '../../shared/contract.ts';
import type { appChannels } from '../../shared/contract/app.ts';
import type { settingsChannels } from '../../shared/contract/settings.ts';
import { listAudit, recordAudit } from '../audit/audit.ts';
import { auditHandlers } from './audit-handlers.ts';
import { profilesHandlers } from '../profiles/handlers.ts';
import type { ProfileService } from '../profiles/profiles.ts';
import { reportsHandlers } from '../reports/handlers.ts';
import { sessionHandlers } from '../session/handlers.ts';
import type { Session } from '../session/session.ts';
import { readSettings, writeSettings } from '../settings/settings.ts';
import { storeStatus } from '../store/store-status.ts';
import type { DemoIntake } from '../sync/demo-intake.ts';
import { syncHandlers } from '../sync/handlers.ts';
import type { SyncService } from '../sync/sync-service.ts';
import { triageHandlers } from '../triage/handlers.ts';
import { casesHandlers } from '../cases/handlers.ts';
import { countDemoCases, holdsCases, purgeDemoCases } from '../cases/purge.ts';
import { diagnosticsHandlers } from '../diagnostics/handlers.ts';
import { imagesHandlers } from '../diagnostics/images/handlers.ts';
import { signingHandlers } from '../dossiers/signing/handlers.ts';
import { dossiersHandlers, type DossiersHandlerDeps } from '../dossiers/handlers.ts';
import type { ImageAnalysisService } from '../diagnostics/images/service.ts';
import type { PageCapture } from '../diagnostics/screenshot/capture.ts';
import { evidenceHandlers } from '../evidence/handlers.ts';
import { countDemoEvidence, purgeDemoEvidence } from '../evidence/purge.ts';
import { retentionHandlers } from '../retention/handlers.ts';
import { backupHandlers } from '../backup/handlers.ts';
import type { QueueService } from '../triage/queue-service.ts';
import { reportTriageFacts } from '../triage/report-facts.ts';

export type { Handlers };

export interface Services {
  session: Session;
  profiles: ProfileService;
  sync: SyncService;
  demo: DemoIntake;
  queue: QueueService;
  now: () => number;
  appInfo: ChannelOutput<'app.info'>;
  images: ImageAnalysisService;
  /** The browser for page screenshots (plain Node's Chromium, or the Electron shell's twin). */
  pageCapture: PageCapture;
  /** The dossier's PDF renderer and what referring a case does to the queue and the outbox. */
  dossiers: Omit<DossiersHandlerDeps, 'session' | 'now'>;
}

function platformHandlers(session: Session, appInfo: ChannelOutput<'app.info'>): HandlersOf<typeof appChannels & typeof settingsChannels> {
  return {
    'app.info': () => appInfo,
    'store.status': () => storeStatus(session.unlocked().db),
    'settings.get': () => readSettings(session.unlocked().db),
    'settings.update': (changes) => {
      const { db, analyst } = session.requireSupervisor();
      // A key sent as undefined (the IPC keeps it) changes nothing, and has no JSON form for the journal.
      const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as typeof changes;
      // Nothing to change (every key unknown, so stripped by the schema): nothing written, nothing journaled.
      if (Object.keys(given).length === 0) return readSettings(db);
      return db.transaction(() => {
        const settings = writeSettings(db, given, analyst.id);
        recordAudit(db, analyst.id, 'settings.updated', { ...given });
        return settings;
      })();
    },
    'audit.list': (query) => listAudit(session.unlocked().db, query),
  };
}

export function createHandlers({ session, profiles, sync, demo, queue, now, appInfo, images, pageCapture, dossiers }: Services): Handlers {
  return {
    ...platformHandlers(session, appInfo),
    ...sessionHandlers(session),
    ...profilesHandlers(profiles),
    ...syncHandlers({
      session,
      sync,
      demo,
      reportsReplaced: () => queue.replaced(),
      demoPurged: (db) => {
        purgeDemoEvidence(db);
        purgeDemoCases(db);
      },
      demoWork: (db) => ({ ...countDemoCases(db), evidence: countDemoEvidence(db) }),
      holdsWork: (db) => holdsCases(db),
    }),
    ...reportsHandlers({
      session,
      triageFacts: async () => {
        const { db, index } = await queue.ready();
        const at = now();
        return { db, facts: (subject) => reportTriageFacts(db, index, subject, at) };
      },
      statusesSet: (rowids, status, workstationId) => queue.statusSet(rowids, status, workstationId),
      generation: () => queue.generation(),
      pushSoon: () => sync.start(),
      now,
    }),
    ...triageHandlers({ session, queue, now }),
    ...casesHandlers({
      session,
      now,
      statusesSet: ({ rowids, status, workstationId }) => {
        queue.statusSet(rowids, status, workstationId);
        sync.start();
      },
      casesChanged: () => queue.casesChanged(),
    }),
    ...diagnosticsHandlers({ session, pageCapture, decodeImage: (bytes) => images.decode(bytes) }),
    ...evidenceHandlers({ session, now }),
    ...imagesHandlers({ session, images, now, matched: () => queue.refreshNow() }),
    ...signingHandlers({ session, now }),
    ...auditHandlers({ session, now }),
    ...dossiersHandlers({ session, now, ...dossiers }),
    ...backupHandlers({ session, now }),
    ...retentionHandlers({
      session,
      now,
      reportsRemoved: () => {
        queue.replaced();
        sync.reportsChanged();
      },
      releaseReaders: () => queue.closeReader(),
    }),
  };
}

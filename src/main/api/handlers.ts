/**
 * What each channel of the contract does, in one table. Inputs arrive here
 * already validated and access-checked by the dispatcher.
 */
import type { z } from 'zod';
import type { ChannelName, ChannelOutput, Channels } from '../../shared/contract.ts';
import { listAudit } from '../audit/audit.ts';
import type { ProfileService } from '../profiles/profiles.ts';
import { assessPassphrase } from '../session/passphrase-policy.ts';
import type { Session } from '../session/session.ts';
import { readSettings, writeSettings } from '../settings/settings.ts';
import { recordAudit } from '../audit/audit.ts';
import { storeStatus } from '../store/store-status.ts';
import { AppError } from '../errors.ts';
import { findReportSummary } from '../reports/report-rows.ts';
import type { ReportStatus } from '../../shared/schemas.ts';
import { connectDemo, type DemoIntake } from '../sync/demo-intake.ts';
import { readIntakeConfig } from '../sync/intake-config.ts';
import { intakeView, testIntake, updateIntake } from '../sync/intake-settings.ts';
import { enqueueStatus } from '../sync/outbox.ts';
import { listOutbox, listQuarantine } from '../sync/review.ts';
import type { SyncService } from '../sync/sync-service.ts';
import { buildDashboard } from '../triage/dashboard.ts';
import { readTriageSettings, writeTriageSettings } from '../triage/priority.ts';
import type { QueueService } from '../triage/queue-service.ts';
import { attachmentContent, buildReportView, revealReporter } from '../triage/report-view.ts';
import { deleteView, listViews, saveView } from '../triage/saved-views.ts';

export type Handlers = {
  [K in ChannelName]: (input: z.output<Channels[K]['input']>) => Promise<ChannelOutput<K>> | ChannelOutput<K>;
};

export interface Services {
  session: Session;
  profiles: ProfileService;
  sync: SyncService;
  demo: DemoIntake;
  queue: QueueService;
  now: () => number;
  appInfo: ChannelOutput<'app.info'>;
}

export function createHandlers({ session, profiles, sync, demo, queue, now, appInfo }: Services): Handlers {
  /** Queues status changes for the intake service and shows them at once in the queue. */
  function setStatuses(reportIds: string[], status: ReportStatus, reference: string | undefined): void {
    const { db, analyst } = session.unlocked();
    const config = readIntakeConfig(db);
    if (!config) throw new AppError('INTAKE_NOT_CONFIGURED', 'No intake service is configured: the status could not be sent back.');
    const rowid = db.prepare('SELECT rowid FROM reports WHERE id = ?').pluck();
    const rowids = reportIds.map((reportId) => {
      const found = rowid.get(reportId) as number | undefined;
      if (found === undefined) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
      return found;
    });
    db.transaction(() => {
      for (const reportId of reportIds) {
        enqueueStatus(db, { reportId, status, reference, workstationId: config.workstationId, analystId: analyst.id });
        recordAudit(db, analyst.id, 'report.status_set', { reportId, status, reference: reference ?? null });
      }
    })();
    queue.statusSet(rowids, status, config.workstationId);
    // Send them now if the service is reachable; the outbox keeps them otherwise.
    sync.start();
  }

  return {
    'app.info': () => appInfo,

    'session.state': () => session.state(),
    'session.setup': (input) => session.setup(input),
    'session.unlock': (input) => session.unlock(input),
    'session.lock': (input) => session.lock(input?.reason ?? 'manual'),
    'session.activity': () => {
      session.activity();
      return null;
    },
    'session.lockScreenLocale': (locale) => session.setLockScreenLocale(locale),

    'passphrase.assess': ({ passphrase, context }) => assessPassphrase(passphrase, context),

    'profiles.list': () => profiles.list(),
    'profiles.create': (input) => profiles.create(input),
    'profiles.disable': ({ profileId }) => profiles.disable(profileId),
    'profiles.enable': ({ profileId, passphrase }) => profiles.enable(profileId, passphrase),
    'profiles.changePassphrase': ({ current, next }) => profiles.changePassphrase(current, next),

    'preferences.update': ({ locale }) => profiles.setLocale(locale),

    'settings.get': () => readSettings(session.unlocked().db),
    'settings.update': (changes) => {
      const { db, analyst } = session.requireSupervisor();
      return db.transaction(() => {
        const settings = writeSettings(db, changes, analyst.id);
        recordAudit(db, analyst.id, 'settings.updated', { ...changes });
        return settings;
      })();
    },

    'store.status': () => storeStatus(session.unlocked().db),

    'audit.list': (query) => listAudit(session.unlocked().db, query),

    'intake.get': () => intakeView(session.unlocked().db),
    'intake.update': (input) => {
      const { db, analyst } = session.requireSupervisor();
      // A run against the old settings must not write after them.
      sync.stop();
      updateIntake(db, input, analyst.id);
      // Demo data may be gone, the workstation id may have changed: the queue reads the store again.
      sync.reportsChanged();
      queue.replaced();
      sync.schedule();
      return intakeView(db);
    },
    'intake.test': () => testIntake(session.unlocked().db),
    'intake.startDemo': async () => {
      const { db, analyst } = session.requireSupervisor();
      const current = readIntakeConfig(db);
      if (current && !current.demo) throw new AppError('CONFLICT', 'A real intake service is configured; demo mode is only for a workstation without one.');
      await connectDemo(db, analyst.id, demo);
      queue.replaced();
      sync.schedule();
      sync.start();
      return intakeView(db);
    },

    'sync.status': () => sync.status(),
    'sync.start': () => sync.start(),
    'sync.cancel': () => sync.cancel(),
    'sync.quarantine': (page) => listQuarantine(session.unlocked().db, page),
    'sync.outbox': (page) => listOutbox(session.unlocked().db, page),

    'reports.setStatus': ({ reportId, status, reference }) => {
      setStatuses([reportId], status, reference);
      return findReportSummary(session.unlocked().db, reportId) as NonNullable<ReturnType<typeof findReportSummary>>;
    },
    'reports.setStatusBulk': async ({ reportIds, status, reference }) => {
      const unique = [...new Set(reportIds)];
      setStatuses(unique, status, reference);
      return { updated: unique.length, generation: await queue.generation() };
    },
    'reports.get': async ({ reportId }) => {
      const { db, index } = await queue.ready();
      return buildReportView(db, index, reportId, now());
    },
    'reports.revealReporter': ({ reportId, reason }) => revealReporter(session.unlocked(), reportId, reason),
    'reports.attachment': ({ reportId, attachmentId }) => attachmentContent(session.unlocked(), reportId, attachmentId),

    'queue.query': (query) => queue.query(query),
    'queue.views': () => {
      const { db, analyst } = session.unlocked();
      return listViews(db, analyst.id);
    },
    'queue.saveView': ({ name, state }) => {
      const { db, analyst } = session.unlocked();
      return saveView(db, analyst.id, name, state);
    },
    'queue.deleteView': ({ id }) => {
      const { db, analyst } = session.unlocked();
      deleteView(db, analyst.id, id);
      return null;
    },

    'triage.settings': () => readTriageSettings(session.unlocked().db),
    'triage.updateSettings': (settings) => {
      const { db, analyst } = session.requireSupervisor();
      db.transaction(() => {
        writeTriageSettings(db, settings, analyst.id);
        recordAudit(db, analyst.id, 'triage.settings_updated', {});
      })();
      queue.rescore();
      return readTriageSettings(db);
    },

    'dashboard.get': async ({ days }) => {
      const { db, index } = await queue.ready();
      return buildDashboard(db, index, days, now());
    },
  };
}

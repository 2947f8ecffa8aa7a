/** The sync fragment's channels (shared/contract/sync.ts): the intake connection and the runs. */
import type { HandlersOf } from '../../shared/contract.ts';
import type { syncChannels } from '../../shared/contract/sync.ts';
import { AppError } from '../errors.ts';
import { holdsRealReports } from '../reports/purge.ts';
import type { Session } from '../session/session.ts';
import type { Db } from '../store/database.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { connectDemo, type DemoIntake } from './demo-intake.ts';
import {
  deletesAnything,
  demoDeletion,
  intakeChange,
  intakeView,
  resolveIntakeSettings,
  testIntake,
  testIntakeSettings,
  updateIntake,
  type DemoWorkCount,
} from './intake-settings.ts';
import { listOutbox, listQuarantine } from './review.ts';
import type { SyncService } from './sync-service.ts';

export interface SyncHandlerDeps {
  session: Session;
  sync: SyncService;
  demo: DemoIntake;
  /** The store's reports were replaced (demo purged, another feed): whatever caches them reads them again. */
  reportsReplaced(): void;
  /** Inside the purge's transaction: removes what the features built on demo reports (cases). */
  demoPurged(db: Db): void;
  /** What `demoPurged` would remove, counted by the features that own it. */
  demoWork(db: Db): DemoWorkCount;
  /** Whether analysts built work in the store (cases) that leaving demo mode would purge with the demo's. */
  holdsWork(db: Db): boolean;
}

export function syncHandlers({ session, sync, demo, reportsReplaced, demoPurged, demoWork, holdsWork }: SyncHandlerDeps): HandlersOf<typeof syncChannels> {
  return {
    'intake.get': () => intakeView(session.unlocked().db),
    'intake.check': async (input) => {
      const { db } = session.requireSupervisor();
      const next = resolveIntakeSettings(db, input);
      const change = intakeChange(readIntakeConfig(db), next);
      const { outcome } = await testIntakeSettings(next);
      // Counted after the test: a demo sync may have added reports meanwhile.
      const after = session.requireSupervisor().db;
      const deletes = change.leavingDemo ? demoDeletion(after, demoWork) : null;
      return { test: outcome, anotherService: change.anotherService, feedRestarts: change.feedRestarts, deletes: deletes && deletesAnything(deletes) ? deletes : null };
    },
    'intake.update': async (input) => {
      const { db, analyst } = session.requireSupervisor();
      const { untested, confirmDeletion, ...settings } = input;
      // Settings that fail the test are not remembered, unless the supervisor insists (journaled with the reason).
      if (!untested) {
        const { error } = await testIntakeSettings(resolveIntakeSettings(db, settings));
        if (error) throw new AppError(error.code, `Connection test failed, nothing was saved: ${error.message}`);
      }
      // Still the same supervisor with the store open after the test's wait (a lock in between ends here).
      const { db: store, analyst: still } = session.requireSupervisor();
      if (still.id !== analyst.id) throw new AppError('FORBIDDEN', 'Another analyst unlocked the workstation during the connection test.');
      // A run against the old settings must not write after them.
      sync.stop();
      const { change } = updateIntake(store, settings, analyst.id, {
        onDemoPurged: demoPurged,
        countDemoWork: demoWork,
        ...(confirmDeletion ? { confirmDeletion } : {}),
        ...(untested ? { untested } : {}),
      });
      sync.settingsChanged(change);
      // Demo data may be gone, the workstation id may have changed: the queue reads the store again.
      sync.reportsChanged();
      reportsReplaced();
      sync.schedule();
      return intakeView(store);
    },
    'intake.test': () => testIntake(session.unlocked().db),
    'intake.startDemo': async () => {
      const { db, analyst } = session.requireSupervisor();
      const current = readIntakeConfig(db);
      // Demo reports never mix with real ones: a real service that brought reports (or refused changes) keeps the store.
      if (current && !current.demo && (holdsRealReports(db) || (db.prepare('SELECT 1 FROM quarantine LIMIT 1').get() as unknown) !== undefined)) {
        throw new AppError('CONFLICT', 'This store holds data from a real intake service; demo mode is only for a workstation without any.');
      }
      // Leaving demo mode purges every case as demo work: work made before it would go too.
      if (!current?.demo && holdsWork(db)) throw new AppError('CONFLICT', 'This store already holds cases; demo mode is only for a workstation without work of its own.');
      sync.stop();
      await connectDemo(db, analyst.id, demo);
      if (current && !current.demo) sync.settingsChanged({ anotherService: true, credentialsChanged: true });
      sync.reportsChanged();
      reportsReplaced();
      sync.schedule();
      sync.start();
      return intakeView(db);
    },

    'sync.status': () => sync.status(),
    'sync.start': () => sync.start(),
    'sync.cancel': () => sync.cancel(),
    'sync.quarantine': (page) => listQuarantine(session.unlocked().db, page),
    'sync.outbox': (page) => listOutbox(session.unlocked().db, page),
  };
}

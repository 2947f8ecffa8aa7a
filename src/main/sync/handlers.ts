/** The sync fragment's channels (shared/contract/sync.ts): the intake connection and the runs. */
import type { HandlersOf } from '../../shared/contract.ts';
import type { syncChannels } from '../../shared/contract/sync.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../session/session.ts';
import type { Db } from '../store/database.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { connectDemo, type DemoIntake } from './demo-intake.ts';
import { intakeView, testIntake, updateIntake } from './intake-settings.ts';
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
  /** Whether analysts built work in the store (cases) that leaving demo mode would purge with the demo's. */
  holdsWork(db: Db): boolean;
}

export function syncHandlers({ session, sync, demo, reportsReplaced, demoPurged, holdsWork }: SyncHandlerDeps): HandlersOf<typeof syncChannels> {
  return {
    'intake.get': () => intakeView(session.unlocked().db),
    'intake.update': (input) => {
      const { db, analyst } = session.requireSupervisor();
      // A run against the old settings must not write after them.
      sync.stop();
      updateIntake(db, input, analyst.id, { onDemoPurged: demoPurged });
      // Demo data may be gone, the workstation id may have changed: the queue reads the store again.
      sync.reportsChanged();
      reportsReplaced();
      sync.schedule();
      return intakeView(db);
    },
    'intake.test': () => testIntake(session.unlocked().db),
    'intake.startDemo': async () => {
      const { db, analyst } = session.requireSupervisor();
      const current = readIntakeConfig(db);
      if (current && !current.demo) throw new AppError('CONFLICT', 'A real intake service is configured; demo mode is only for a workstation without one.');
      // Leaving demo mode purges every case as demo work: work made before it would go too.
      if (!current?.demo && holdsWork(db)) throw new AppError('CONFLICT', 'This store already holds cases; demo mode is only for a workstation without work of its own.');
      await connectDemo(db, analyst.id, demo);
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

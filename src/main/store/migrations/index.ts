/**
 * The schema's history, in order, and the runner that applies it.
 *
 * Each migration runs in its own transaction together with the bump of
 * `PRAGMA user_version`, so a crash leaves the store at one version or the
 * next, never between. A store from a newer workstation is refused.
 */
import { AppError } from '../../errors.ts';
import type { Db } from '../database.ts';
import type { Migration, MigrationSteps } from './migration.ts';
import { migration0001 } from './0001-analysts-and-settings.ts';
import { migration0002 } from './0002-audit-events.ts';
import { migration0003 } from './0003-intake-sync.ts';
import { migration0004 } from './0004-triage.ts';
import { migration0005 } from './0005-cases.ts';
import { migration0006 } from './0006-observables-pending.ts';
import { migration0007 } from './0007-evidence.ts';
import { migration0008 } from './0008-image-analysis-and-hash-lists.ts';
import { migration0009 } from './0009-online-diagnostics.ts';
import { migration0010 } from './0010-signing-keys.ts';
import { migration0011 } from './0011-dossiers.ts';
import { migration0012 } from './0012-audit-chain.ts';
import { migration0013 } from './0013-must-change-passphrase.ts';
import { migration0014 } from './0014-status-accepted-at.ts';
import { migration0015 } from './0015-retention.ts';
import { migration0016 } from './0016-clusters-by-id.ts';

export type { Migration, MigrationSteps } from './migration.ts';

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016];

export const LATEST_VERSION = migrations.length;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Checks that versions run 1, 2, 3… with no gap or repeat. */
export function checkMigrationOrder(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}.`);
    }
  });
}

export function assertNotNewer(db: Db, latest: number = LATEST_VERSION): void {
  const version = schemaVersion(db);
  if (version > latest) {
    throw new AppError(
      'STORE_TOO_NEW',
      `This store has schema version ${version}, written by a newer Iblagh Workstation; this one knows up to ${latest}. Update the workstation.`,
    );
  }
}

/** Applies every pending migration (up to `target`); returns the versions applied. */
export function migrate(db: Db, steps: MigrationSteps, list: readonly Migration[] = migrations, target: number = list.length): number[] {
  checkMigrationOrder(list);
  assertNotNewer(db, list.length);
  const applied: number[] = [];
  for (const migration of list) {
    if (migration.version > target) break;
    if (migration.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      migration.up(db, steps);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}

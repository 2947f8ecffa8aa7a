import type { Migration } from './migration.ts';

/**
 * A profile a supervisor creates gets its first passphrase from the
 * supervisor: the analyst must replace it at first unlock, before anything
 * else works (session/session.ts). Kept in the encrypted database, not in the
 * keyring, so that editing the keyring cannot clear it. Profiles that exist
 * already keep working as they are.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'must-change-passphrase',
  up(db) {
    db.exec('ALTER TABLE analysts ADD COLUMN must_change_passphrase INTEGER NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1))');
  },
};

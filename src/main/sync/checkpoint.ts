/**
 * When the sync worker copies its write-ahead log into the database file.
 * Rarely while syncing: a page of the B-trees rewritten by a hundred commits
 * is then copied once, not a hundred times (measured: ~1.6x the apply rate).
 * And not inside a commit (SQLite's automatic checkpoint runs there) but
 * after the write gate is released: a checkpoint does not stop the main
 * thread's writes, the gate would.
 */
import { isDiskFull } from '../errors.ts';
import type { Db } from '../store/database.ts';

/** 64 MiB of WAL between checkpoints. */
export const SYNC_CHECKPOINT_PAGES = 16_384;

/** Turns SQLite's automatic checkpoint off on the sync's connection: `checkpointIfLarge` runs them. */
export function manualCheckpoints(db: Db): void {
  db.pragma('wal_autocheckpoint = 0');
}

/** A passive checkpoint once SYNC_CHECKPOINT_PAGES frames wait in the WAL (NOOP only reads its header). */
export function checkpointIfLarge(db: Db): void {
  const [wal] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
  if (wal && wal.log - Math.max(0, wal.checkpointed) >= SYNC_CHECKPOINT_PAGES) db.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * The run's last checkpoint. On a full disk the committed pages stay in the WAL and the next checkpoint copies
 * them; the run's own error (disk_full) was already told, and this one must not replace it with a crash.
 */
export function finalCheckpoint(db: Db): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    if (!isDiskFull(error)) throw error;
  }
}

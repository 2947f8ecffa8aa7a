/**
 * Leaving demo mode: evidence registered on demo reports or in demo work goes
 * with them (the triggers let only demo items be deleted). Runs inside the
 * purge's transaction, before the cases' purge (items refer to cases).
 */
import type { Db } from '../store/database.ts';

export function purgeDemoEvidence(db: Db): void {
  db.exec(`
    DELETE FROM evidence_custody WHERE item_id IN (SELECT id FROM evidence_items WHERE demo = 1);
    DELETE FROM evidence_blobs WHERE item_id IN (SELECT id FROM evidence_items WHERE demo = 1);
    DELETE FROM evidence_items WHERE demo = 1;
  `);
}

/** How many evidence items `purgeDemoEvidence` would remove. */
export function countDemoEvidence(db: Db): number {
  return db.prepare('SELECT count(*) FROM evidence_items WHERE demo = 1').pluck().get() as number;
}

/**
 * The retention's purge (law 09-08) of these items, with their bytes and
 * custody: the triggers let an item go only while it is listed in
 * `retention_release` (migration 15), filled and emptied here, inside the
 * retention's transaction. Returns how many items went.
 */
export function purgeEvidence(db: Db, itemIds: readonly string[]): number {
  if (itemIds.length === 0) return 0;
  const list = JSON.stringify(itemIds);
  db.prepare('INSERT OR IGNORE INTO retention_release (item_id) SELECT value FROM json_each(?)').run(list);
  try {
    db.prepare('DELETE FROM evidence_custody WHERE item_id IN (SELECT item_id FROM retention_release)').run();
    db.prepare('DELETE FROM evidence_blobs WHERE item_id IN (SELECT item_id FROM retention_release)').run();
    return db.prepare('DELETE FROM evidence_items WHERE id IN (SELECT item_id FROM retention_release)').run().changes;
  } finally {
    db.prepare('DELETE FROM retention_release').run();
  }
}

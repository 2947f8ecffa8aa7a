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

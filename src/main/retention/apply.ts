/**
 * Applying the retention rules (law 09-08): the preview, and the removal
 * itself, audited with counts only.
 *
 * The removal runs in one transaction with `secure_delete` on (SQLite zeroes
 * every deleted cell and freed page instead of leaving it in the file), each
 * feature removing its own rows (reports/, cases/, evidence/ purge.ts). After
 * it, a WAL checkpoint (TRUNCATE) moves the zeroed pages into the database
 * file and empties the WAL, VACUUM rebuilds the file without its free pages,
 * and a second checkpoint empties the WAL that VACUUM wrote: no page image
 * that held a removed identity is left in any file of the store folder.
 */
import type { RetentionApplyResult, RetentionPreview } from '../../shared/retention.ts';
import { recordAudit } from '../audit/audit.ts';
import { dropUnheldObservables, purgeCases } from '../cases/purge.ts';
import { purgeEvidence } from '../evidence/purge.ts';
import { eraseReporterIdentities, purgeReports } from '../reports/purge.ts';
import type { Db } from '../store/database.ts';
import { planRetention } from './plan.ts';
import { readRetentionSettings } from './settings.ts';

export function previewRetention(db: Db, at: Date): RetentionPreview {
  const settings = readRetentionSettings(db);
  const plan = planRetention(db, settings, at);
  return {
    settings,
    at: at.toISOString(),
    active: settings.identityMonths !== null || settings.purgeMonths !== null || settings.caseMonths !== null,
    identities: plan.identities.span,
    reports: plan.reports.span,
    cases: plan.cases.span,
    evidence: plan.evidence.span,
    heldByCases: plan.heldByCases,
  };
}

/**
 * Checkpoint, VACUUM, checkpoint. Returns false when another connection (a
 * sync run's) kept the WAL from being emptied: the cells are zeroed all the
 * same, and the next apply compacts (free pages left by this one make it
 * VACUUM even when it removes nothing).
 */
export function compactStore(db: Db, vacuum: boolean): boolean {
  const emptied = () => {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return row !== undefined && row.busy === 0;
  };
  if (!emptied()) return false;
  if (!vacuum) return true;
  try {
    db.exec('VACUUM');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return false;
    throw error;
  }
  return emptied();
}

/** Removes what the rules select now, then compacts the file. `analystId` null: the command line's run with no profile. */
export function applyRetention(db: Db, analystId: string | null, at: Date): RetentionApplyResult {
  const previous = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    const counts = db
      .transaction(() => {
        const settings = readRetentionSettings(db);
        const plan = planRetention(db, settings, at);
        const erased = eraseReporterIdentities(db, plan.identities.ids, at);
        const evidence = purgeEvidence(db, plan.evidence.ids);
        const cases = purgeCases(db, plan.cases.ids, plan.reports.ids);
        const reports = purgeReports(db, plan.reports.ids);
        dropUnheldObservables(db);
        if (erased.reports > 0) {
          recordAudit(db, analystId, 'retention.identities_erased', { reports: erased.reports, revisions: erased.revisions, identityMonths: settings.identityMonths }, at);
        }
        recordAudit(db, analystId, 'retention.purged', { reports, cases, evidence, purgeMonths: settings.purgeMonths, caseMonths: settings.caseMonths }, at);
        return { identitiesErased: erased.reports, revisionsErased: erased.revisions, reportsPurged: reports, casesPurged: cases, evidencePurged: evidence };
      })
      .immediate();
    const changed = counts.identitiesErased + counts.reportsPurged + counts.casesPurged + counts.evidencePurged > 0;
    const freePages = db.pragma('freelist_count', { simple: true }) as number;
    return { at: at.toISOString(), ...counts, compacted: compactStore(db, changed || freePages > 0) };
  } finally {
    db.pragma(`secure_delete = ${previous === 1 ? 'ON' : 'OFF'}`);
  }
}

/**
 * The supervisor's dossier settings, kept in the `settings` table under one
 * key: the issuing service and the classification marking the cover and every
 * page carry, how many days a referral may wait for an answer before it is
 * flagged, and the folder exports are written to.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DossierSettings } from '../../shared/dossiers.ts';
import type { Db } from '../store/database.ts';

const KEY = 'dossiers';

export const DEFAULT_DOSSIER_SETTINGS: DossierSettings = {
  issuingService: { fr: 'Direction générale de la sûreté nationale — Service de lutte contre la cybercriminalité', ar: 'المديرية العامة للأمن الوطني — مصلحة مكافحة الجريمة المعلوماتية' },
  classification: { fr: 'DIFFUSION RESTREINTE', ar: 'نشر محدود' },
  answerDays: 30,
  exportDir: join(homedir(), 'Documents', 'Iblagh', 'Dossiers'),
};

export function readDossierSettings(db: Db): DossierSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (row === undefined) return DEFAULT_DOSSIER_SETTINGS;
  const parsed = DossierSettings.safeParse({ ...DEFAULT_DOSSIER_SETTINGS, ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : DEFAULT_DOSSIER_SETTINGS;
}

export function writeDossierSettings(db: Db, settings: DossierSettings, analystId: string, at = new Date()): DossierSettings {
  const checked = DossierSettings.parse(settings);
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(KEY, JSON.stringify(checked), at.toISOString(), analystId);
  return checked;
}

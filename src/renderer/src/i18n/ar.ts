/**
 * The Arabic (Modern Standard Arabic) dictionary: one file per feature, each
 * typed against its French file, so that a missing or extra key, or a plural
 * message given as a plain string, fails type checking.
 */
import { shellAr } from './shell.ar.ts';
import { formsAr } from './forms.ar.ts';
import { errorsAr } from './errors.ar.ts';
import { setupAr } from './setup.ar.ts';
import { lockAr } from './lock.ar.ts';
import { labelsAr } from './labels.ar.ts';
import { queueAr } from './queue.ar.ts';
import { reportAr } from './report.ar.ts';
import { dashboardAr } from './dashboard.ar.ts';
import { syncAr } from './sync.ar.ts';
import { auditAr } from './audit.ar.ts';
import { settingsAr } from './settings.ar.ts';
import { signingAr } from './signing.ar.ts';
import { casesAr } from './cases.ar.ts';
import { evidenceAr } from './evidence.ar.ts';
import { diagnosticsAr } from './diagnostics.ar.ts';
import { dossiersAr } from './dossiers.ar.ts';
import { backupAr } from './backup.ar.ts';
import { retentionAr } from './retention.ar.ts';
import type { fr } from './fr.ts';
import type { ArabicMessages } from './translate.ts';

export const ar: ArabicMessages<typeof fr> = {
  ...shellAr,
  ...formsAr,
  ...errorsAr,
  ...setupAr,
  ...lockAr,
  ...labelsAr,
  ...queueAr,
  ...reportAr,
  ...dashboardAr,
  ...syncAr,
  ...auditAr,
  ...settingsAr,
  ...signingAr,
  ...casesAr,
  ...evidenceAr,
  ...diagnosticsAr,
  ...dossiersAr,
  ...backupAr,
  ...retentionAr,
};

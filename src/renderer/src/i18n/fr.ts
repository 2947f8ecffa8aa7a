/**
 * The French dictionary, the reference for the keys: one file of messages per
 * feature, merged here. Each Arabic file must define exactly the keys of its
 * French one (checked by its type, and by test/renderer/i18n.test.ts).
 *
 * Placeholders are written {name}; numbers passed as parameters are formatted
 * with the interface's locale. A message about a number is a plural message
 * (see translate.ts), chosen by its `count` parameter.
 */
import { shellFr } from './shell.fr.ts';
import { formsFr } from './forms.fr.ts';
import { errorsFr } from './errors.fr.ts';
import { setupFr } from './setup.fr.ts';
import { lockFr } from './lock.fr.ts';
import { labelsFr } from './labels.fr.ts';
import { queueFr } from './queue.fr.ts';
import { reportFr } from './report.fr.ts';
import { dashboardFr } from './dashboard.fr.ts';
import { syncFr } from './sync.fr.ts';
import { auditFr } from './audit.fr.ts';
import { settingsFr } from './settings.fr.ts';
import { signingFr } from './signing.fr.ts';
import { casesFr } from './cases.fr.ts';
import { evidenceFr } from './evidence.fr.ts';
import { diagnosticsFr } from './diagnostics.fr.ts';
import { dossiersFr } from './dossiers.fr.ts';
import { backupFr } from './backup.fr.ts';
import { retentionFr } from './retention.fr.ts';
import type { Translate as TranslateOf } from './translate.ts';

export const fr = {
  ...shellFr,
  ...formsFr,
  ...errorsFr,
  ...setupFr,
  ...lockFr,
  ...labelsFr,
  ...queueFr,
  ...reportFr,
  ...dashboardFr,
  ...syncFr,
  ...auditFr,
  ...settingsFr,
  ...signingFr,
  ...casesFr,
  ...evidenceFr,
  ...diagnosticsFr,
  ...dossiersFr,
  ...backupFr,
  ...retentionFr,
};

export type MessageKey = keyof typeof fr;

/** Whether a string built at run time (a code from the core) names a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}

/** The `t` of the interface: a key of these messages and its params. */
export type Translate = TranslateOf<MessageKey>;

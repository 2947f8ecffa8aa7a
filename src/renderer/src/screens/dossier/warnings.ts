/** The preview's warnings (codes from the core) in the interface's language. */
import { isMessageKey, type Translate } from '../../i18n/fr.ts';

/** A warning code in words; a code this interface does not know yet is shown as it is, never an error. */
export function warningText(t: Translate, code: string): string {
  const key = `dossier.warning.${code}`;
  return isMessageKey(key) && code !== 'unknown' ? t(key) : t('dossier.warning.unknown', { code });
}

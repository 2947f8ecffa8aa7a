/**
 * An audit event's detail as plain "key: value" text: known keys and values
 * translated, profile ids replaced by the profile's name when it is known.
 */
import type { AuditEvent, UiLocale } from '../../../../shared/schemas.ts';
import { formatNumber } from '../../format.ts';
import type { Translate } from '../../i18n/index.ts';
import { isMessageKey } from '../../i18n/fr.ts';

export interface DetailItem {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}


/** Keys whose string values are codes with a translation. */
const VALUE_PREFIXES: Readonly<Record<string, string | readonly string[] | undefined>> = {
  role: 'role.',
  reason: 'audit.reason.',
  locale: 'lang.name.',
  // A report's status, or a case's (case.status_set).
  status: ['report.status.', 'cases.status.'],
  undone: 'report.status.',
  decision: 'dossier.decision.',
  filterAction: 'audit.action.',
  mode: 'audit.value.mode.',
  as: 'audit.value.as.',
  lang: 'lang.name.',
};

function valueText(
  key: string,
  value: AuditEvent['detail'][string],
  t: Translate,
  locale: UiLocale,
  profileNames: ReadonlyMap<string, string>,
): string {
  if (value === null || value === undefined) return t('common.none');
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return formatNumber(value, locale);
  if (key === 'profileId' || key === 'filterAnalyst') return profileNames.get(value) ?? value;
  const prefixes = Object.hasOwn(VALUE_PREFIXES, key) ? VALUE_PREFIXES[key] : undefined;
  for (const prefix of typeof prefixes === 'string' ? [prefixes] : (prefixes ?? [])) {
    const translated = `${prefix}${value}`;
    if (isMessageKey(translated)) return t(translated);
  }
  return value;
}

export function detailItems(
  event: AuditEvent,
  t: Translate,
  locale: UiLocale,
  profileNames: ReadonlyMap<string, string>,
): DetailItem[] {
  return Object.entries(event.detail).map(([key, value]) => {
    const labelKey = `audit.detail.${key}`;
    return {
      key,
      label: isMessageKey(labelKey) ? t(labelKey) : key,
      value: valueText(key, value, t, locale, profileNames),
    };
  });
}

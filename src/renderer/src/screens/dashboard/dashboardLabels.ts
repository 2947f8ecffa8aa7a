/**
 * The dashboard's values as the analyst reads them. Known codes are
 * translated; anything else is shown verbatim (isolated) and marked as not
 * known: "online_gambling (catégorie inconnue)".
 */
import { isMessageKey } from '../../i18n/fr.ts';
import type { Translate } from '../../i18n/index.ts';
import { codeText, reportStatusLabel, unknownCodeText } from '../../i18n/labels.ts';
import { formatNumber } from '../../format.ts';
import type { UiLocale } from '../../../../shared/schemas.ts';
import { INTL_LOCALE } from './chartSetup.ts';


export function platformName(t: Translate, platform: string): string {
  return codeText(t, 'platform', platform);
}

/** Queue statuses: the intake ones, plus "in analysis at another workstation". */
export function statusName(t: Translate, status: string): string {
  const key = `dashboard.status.${status}`;
  if (isMessageKey(key)) return t(key);
  return reportStatusLabel(t, status) ?? unknownCodeText(t, 'status', status);
}

export function categoryName(t: Translate, category: string): string {
  return codeText(t, 'category', category);
}

export function regionName(t: Translate, region: string): string {
  if (region === '' || region === 'unknown' || region === 'none') return t('dashboard.region.none');
  return codeText(t, 'region', region);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A Casablanca calendar day ('YYYY-MM-DD'): short ("28 nov.") for axes, long ("samedi 28 novembre 2026") for tooltips and tables. */
export function formatDay(day: string, locale: UiLocale, style: 'short' | 'long'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const cacheKey = `${locale}/${style}`;
  let format = dayFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(
      INTL_LOCALE[locale],
      style === 'short' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
    );
    dayFormats.set(cacheKey, format);
  }
  return format.format(date);
}

/** "Facebook : 1 234, TikTok : 980" for the spoken summary of a chart. */
export function pairsText(t: Translate, locale: UiLocale, pairs: readonly { label: string; count: number }[]): string {
  return pairs.map(({ label, count }) => t('common.pair', { label, value: formatNumber(count, locale) })).join(t('dashboard.listSeparator'));
}

/**
 * Labels of the report view that labels.ts does not have: platforms, the
 * fields a revision changes, durations in days and hours, byte sizes. Known
 * codes are translated; unknown ones come back null, for the caller to show
 * verbatim in a <bdi>.
 */
import { formatNumber } from '../../format.ts';
import { isMessageKey } from '../../i18n/fr.ts';
import type { Translate } from '../../i18n/index.ts';
import type { UiLocale } from '../../../../shared/schemas.ts';


function lookup(t: Translate, prefix: string, value: string): string | null {
  const key = `${prefix}${value}`;
  return isMessageKey(key) ? t(key) : null;
}

export { platformLabel } from '../../i18n/labels.ts';

/**
 * A changed field's name in words, for the paths revisions name
 * (`content.description`, `urls`, `reporter_location.city`...): matched on
 * their last part, in either snake or camel case.
 */
export function fieldLabel(t: Translate, path: string): string | null {
  const last = path.split('.').pop() ?? path;
  const snake = last.replace(/\[[^\]]*\]$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return lookup(t, 'reportView.field.', snake);
}

/** A length of time, coarse: "3 j 4 h", "5 h 20 min", "12 min". */
export function formatSpan(t: Translate, ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const span = (key: 'time.days' | 'time.hours' | 'time.minutes', count: number): string => t(key, { count });
  const join = (first: string, second: string): string => t('reportView.span.join', { first, second });
  if (days > 0) return hours > 0 ? join(span('time.days', days), span('time.hours', hours)) : span('time.days', days);
  if (hours > 0) return mins > 0 ? join(span('time.hours', hours), span('time.minutes', mins)) : span('time.hours', hours);
  return minutes > 0 ? span('time.minutes', mins) : t('reportView.span.underMinute');
}

/** An age given in hours: "5 h", "3 j". */
export function formatHours(t: Translate, hours: number): string {
  if (hours < 1) return t('reportView.span.underHour');
  if (hours < 48) return t('time.hours', { count: hours });
  return t('time.days', { count: Math.floor(hours / 24) });
}

/** 1 234 o, 12,5 Ko, 3,2 Mo. */
export function formatBytes(t: Translate, locale: UiLocale, bytes: number): string {
  if (bytes < 1024) return t('reportView.size.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('reportView.size.kib', { n: formatNumber(bytes / 1024, locale, 1) });
  return t('reportView.size.mib', { n: formatNumber(bytes / (1024 * 1024), locale, 1) });
}

/**
 * A calendar day as the analyst types and reads it, in the interface's
 * language (day/month/year in French and Arabic, as the app writes dates
 * elsewhere), whatever the browser's own locale: `2026-12-06` ⇄ `06/12/2026`.
 */
import type { UiLocale } from '../../../shared/schemas.ts';
import { INTL_LOCALE } from '../format.ts';

const formats = new Map<UiLocale, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` in the interface's numeric form ('' for ''); the text as given when it is not a day. */
export function formatDay(iso: string, locale: UiLocale): string {
  const day = isoParts(iso);
  if (!day) return iso;
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
    formats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(day.year, day.month - 1, day.day)));
}

/**
 * What the analyst typed, as `YYYY-MM-DD`: day/month/year with `/`, `.` or `-`
 * (Arabic-Indic digits and direction marks accepted), or an ISO day; '' for
 * nothing typed; null when it is not a real day.
 */
export function parseDay(text: string): string | null {
  const plain = text
    .replace(/[\u200e\u200f\u061c\u2066-\u2069\s]/g, '')
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0));
  if (plain === '') return '';
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(plain);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(plain);
  const [year, month, day] = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : [];
  if (year === undefined || month === undefined || day === undefined) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isoParts(iso) ? iso : null;
}

function isoParts(iso: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1970 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { year, month, day };
}

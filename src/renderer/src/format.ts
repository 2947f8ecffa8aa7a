/**
 * Dates and numbers as the analyst reads them: Casablanca time, in the
 * interface's language, with the UTC form kept for the tooltip.
 */
import type { UiLocale } from '../../shared/schemas.ts';

export const DISPLAY_TIME_ZONE = 'Africa/Casablanca';

export const INTL_LOCALE: Record<UiLocale, string> = { fr: 'fr-MA', ar: 'ar-MA' };

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

type DateStyle = 'dateTime' | 'date';

function dateTimeFormat(locale: UiLocale, style: DateStyle): Intl.DateTimeFormat {
  const cacheKey = `${locale}/${style}`;
  let format = dateTimeFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      timeZone: DISPLAY_TIME_ZONE,
      dateStyle: 'medium',
      ...(style === 'dateTime' ? { timeStyle: 'medium' } : {}),
    });
    dateTimeFormats.set(cacheKey, format);
  }
  return format;
}

/** Parses an ISO timestamp; null when it is not a valid date. */
export function parseInstant(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The instant in Casablanca time, in the interface's language. */
export function formatDateTime(date: Date, locale: UiLocale, style: DateStyle = 'dateTime'): string {
  return dateTimeFormat(locale, style).format(date);
}

/** The instant in UTC, unambiguous and language-neutral: `2025-03-14 09:26:53`. */
export function formatUtc(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** A number in the interface's language; `fractionDigits` caps the decimals (rates, durations). */
export function formatNumber(value: number, locale: UiLocale, fractionDigits?: number): string {
  const cacheKey = `${locale}/${fractionDigits ?? ''}`;
  let format = numberFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], fractionDigits === undefined ? {} : { maximumFractionDigits: fractionDigits });
    numberFormats.set(cacheKey, format);
  }
  return format.format(value);
}

const regionNames = new Map<UiLocale, Intl.DisplayNames>();

/** A country's name from its ISO 3166-1 alpha-2 code, in the interface's language; null when unknown. */
export function countryName(code: string, locale: UiLocale): string | null {
  if (!/^[A-Z]{2}$/.test(code)) return null;
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([INTL_LOCALE[locale]], { type: 'region', fallback: 'none' });
    regionNames.set(locale, names);
  }
  try {
    return names.of(code) ?? null;
  } catch {
    return null;
  }
}

const languageNames = new Map<UiLocale, Intl.DisplayNames>();

/** A language's name from its BCP 47 tag ("en", "ar-MA"), in the interface's language; null when the tag is not one. */
export function languageName(tag: string, locale: UiLocale): string | null {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(tag)) return null;
  let names = languageNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([INTL_LOCALE[locale]], { type: 'language', fallback: 'none' });
    languageNames.set(locale, names);
  }
  try {
    return names.of(tag) ?? null;
  } catch {
    return null;
  }
}

/**
 * A signed number ("+45", "−3") that reads the same in Arabic: isolated left to
 * right (LRI … PDI), so that right-to-left text around it cannot move its sign
 * to the other end ("45+"). Zero has no sign.
 */
export function formatSigned(value: number, locale: UiLocale): string {
  const digits = formatNumber(Math.abs(value), locale);
  const sign = value > 0 ? '+' : value < 0 ? '-' : '';
  return `\u2066${sign}${digits}\u2069`;
}

/** Scripts written right to left (their letters are strong right-to-left characters). */
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const LETTER = /\p{L}/u;

/** The direction of a text as dir="auto" reads it: that of its first letter (left to right without one). */
export function textDirection(text: string): 'ltr' | 'rtl' {
  for (const ch of text) {
    if (LETTER.test(ch)) return RTL_LETTER.test(ch) ? 'rtl' : 'ltr';
  }
  return 'ltr';
}

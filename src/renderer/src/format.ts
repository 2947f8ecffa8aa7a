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

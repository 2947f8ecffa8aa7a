/**
 * Codes that come from the intake service, as the analyst reads them: known
 * values translated, unknown ones returned as null so that the caller shows
 * them verbatim (isolated in a <bdi>), as the intake API requires.
 */
import { fr, type MessageKey } from './fr.ts';
import type { Translate } from './index.ts';

function known(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}

function lookup(t: Translate, prefix: string, value: string): string | null {
  const key = `${prefix}${value}`;
  return known(key) ? t(key) : null;
}

/** The 12 categories of the public form, with the labels it shows. */
export function categoryLabel(t: Translate, category: string): string | null {
  return lookup(t, 'report.category.', category);
}

/** received, in_analysis, referred, closed_no_action, duplicate. */
export function reportStatusLabel(t: Translate, status: string): string | null {
  return lookup(t, 'report.status.', status);
}

/** anonymous or identified: never the reporter's name. */
export function reporterModeLabel(t: Translate, mode: string): string | null {
  return lookup(t, 'report.reporter.', mode);
}

/** The platforms the intake API names (others are shown verbatim). */
export function platformLabel(t: Translate, platform: string): string | null {
  return lookup(t, 'platform.', platform);
}

/** The 12 regions of Morocco (ISO 3166-2:MA). */
export function regionLabel(t: Translate, region: string): string | null {
  return lookup(t, 'region.', region);
}

/** A duration in seconds (numbers in the interface's language) as "1 h 5 min", "2 min 30 s" or "45 s". */
export function formatDuration(t: Translate, totalSeconds: number): string {
  if (totalSeconds > 0 && totalSeconds < 1) return t('time.underSecond');
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return t('time.hoursMinutes', { h, m });
  if (m > 0) return t('time.minutesSeconds', { m, s });
  return t('time.seconds', { s });
}

/**
 * The title a new case starts with, for the analyst to keep or change: the
 * reports' category and the host of their first URL when they share them
 * ("Fraude — example[.]com"), else "Dossier — 3 signalements". The host stays
 * defanged: a title travels to the dossier and elsewhere, where it must not
 * become a link.
 */
import { removeInvisible } from '../../../../shared/defang.ts';
import type { QueueRow } from '../../../../shared/triage.ts';
import type { Translate } from '../../i18n/index.ts';
import { categoryLabel } from './labels.ts';

/** What the core accepts as a title (src/shared/cases.ts). */
export const TITLE_MIN = 3;
export const TITLE_MAX = 200;

/** The host of a defanged URL as the queue rows carry it (`hxxps[://]www[.]example[.]com/…` → `example[.]com`). */
export function defangedHost(url: string | null): string | null {
  if (!url) return null;
  const match = /^[a-z][a-z0-9+.-]*\[:\/\/\]([^/?#\s\\]+)/i.exec(url.trim());
  const host = match?.[1]?.replace(/^(?:www|m|mobile)\[\.\]/i, '').toLowerCase();
  return host ? host : null;
}

/** The same value for every row, or null. */
function shared<T>(rows: readonly QueueRow[], pick: (row: QueueRow) => T | null): T | null {
  const first = rows[0];
  if (!first) return null;
  const value = pick(first);
  return value !== null && rows.every((row) => pick(row) === value) ? value : null;
}

/**
 * `rows`: the target rows the queue has loaded (a cluster's row for a cluster);
 * `count`: how many reports the case gets.
 */
export function suggestCaseTitle(t: Translate, rows: readonly QueueRow[], count: number): string {
  const code = rows.length > 0 ? shared(rows, (row) => row.category) : null;
  const category = code === null ? null : (categoryLabel(t, code) ?? code);
  const host = rows.length > 0 ? shared(rows, (row) => defangedHost(row.url)) : null;
  let title: string;
  if (category && host) title = t('queue.newCase.titleCategoryHost', { category, host });
  else if (category) title = t('queue.newCase.titleCategory', { category, count });
  else if (host) title = t('queue.newCase.titleHost', { host, count });
  else title = t('queue.newCase.titleReports', { count });
  return cleanTitle(title);
}

/** No control or direction characters (the core refuses them), trimmed, at most TITLE_MAX characters. */
export function cleanTitle(text: string): string {
  return [...removeInvisible(text).replace(/\s+/g, ' ').trim()].slice(0, TITLE_MAX).join('');
}

/** Whether the core would take this title: 3 to 200 characters once trimmed, no control or direction character. */
export function isCaseTitle(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length < TITLE_MIN || trimmed.length > TITLE_MAX) return false;
  return ![...trimmed].some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
  });
}

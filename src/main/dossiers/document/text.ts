/**
 * Untrusted text as inert HTML for the dossier, the way the app shows it:
 * each line isolated for direction (`dir="auto"`), every bidi control and
 * invisible character replaced by a visible mark (`⟦U+202E RLO⟧`: neutralised,
 * and counted), URLs inside the text defanged run by run. Ids, numbers,
 * hashes, dates and URLs kept left to right inside Arabic text (`<bdi dir="ltr">`).
 */
import { defangUrl } from '../../../shared/defang.ts';
import { defangLink } from '../../../shared/text/markdown.ts';
import { countInvisible, markLabel, revealInvisible, splitLines, type InvisibleCount } from '../../../shared/text/invisible.ts';
import { html, join, type Html } from './html.ts';
import type { DossierLabels } from './labels.ts';

/** A token (run of non-space) that reads as a URL or a domain: a scheme, `www.`, or a dot between a word and two letters. Fixed-length patterns: linear on hostile 5,000-character tokens. */
const URL_LIKE = /:\/\/|^www\.|[\p{L}\p{N}_-][.。．｡]\p{L}{2}/iu;

/** URL-looking tokens of a run defanged (`hxxps[://]x[.]com`); prose left as typed. */
export function defangInText(run: string): string {
  return run.replace(/\S+/g, (token) => (URL_LIKE.test(token) ? defangUrl(token) : token));
}

/** French no-break spaces are ordinary typography: neither marked nor counted (as in the app). */
function isTypographicSpace(codePoint: number): boolean {
  return codePoint === 0x00a0 || codePoint === 0x202f;
}

/** One line's runs and marks, as HTML. */
function markedRun(text: string, transform: (run: string) => string): Html {
  return join(
    revealInvisible(text, transform).map((segment) => {
      if (segment.kind === 'text') return segment.text;
      if (isTypographicSpace(segment.codePoint)) return String.fromCodePoint(segment.codePoint);
      return html`<span class="mark">${markLabel(segment)}</span>`;
    }),
  );
}

/** Inline untrusted text (a name, a label, a Markdown text run): marks shown, URLs defanged, isolated. */
export function inlineText(text: string, options: { defang?: boolean } = {}): Html {
  const transform = options.defang === false ? (run: string) => run : defangInText;
  return html`<bdi dir="auto">${markedRun(text, transform)}</bdi>`;
}

/** Inline text inside an element that already isolates it (a Markdown paragraph): no extra bdi. */
export function runText(text: string): Html {
  return markedRun(text, defangInText);
}

export interface UserBlock {
  html: Html;
  count: InvisibleCount;
}

/** A block of untrusted text (a report's content): one isolated line per line, 5,000-character runs wrap anywhere. */
export function userBlock(text: string): UserBlock {
  const lines = splitLines(text).map((line) => (line === '' ? html`<div class="ut-line ut-empty" dir="auto">&nbsp;</div>` : html`<div class="ut-line" dir="auto">${markedRun(line, defangInText)}</div>`));
  return { html: html`<div class="ut">${lines}</div>`, count: countInvisible(text) };
}

/** What a text held: "3 caractères de direction neutralisés", "2 caractères invisibles signalés". */
export function invisibleNotice(count: InvisibleCount, labels: DossierLabels): Html | null {
  if (count.total === 0) return null;
  const others = count.total - count.bidi;
  const parts = [count.bidi > 0 ? labels.bidiNeutralised(count.bidi) : null, others > 0 ? labels.invisibleMarked(others) : null].filter((part): part is string => part !== null);
  return html`<p class="notice">⚠ ${parts.join(' · ')}</p>`;
}

/** Left-to-right, never wrapped: ids, numbers, hashes, dates (any string, escaped; marks shown). */
export function ltr(value: string | number, className = ''): Html {
  const text = typeof value === 'number' ? String(value) : value;
  return html`<bdi dir="ltr" class="${`ltr nw ${className}`.trim()}">${markedRun(text, (run) => run)}</bdi>`;
}

/** A URL, defanged as the app's notes defang links (every scheme's colon bracketed too), left to right, wrapped only past the line's width. */
export function urlText(url: string): Html {
  return html`<bdi dir="ltr" class="ltr url">${markedRun(url, defangLink)}</bdi>`;
}

/** A path inside the package, as written (not a URL: not defanged), left to right. */
export function pathText(path: string): Html {
  return html`<bdi dir="ltr" class="ltr url">${markedRun(path, (run) => run)}</bdi>`;
}

const TIME_ZONE = 'Africa/Casablanca';

const LOCAL = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  numberingSystem: 'latn',
});

function parts(date: Date, format: Intl.DateTimeFormat): Record<string, string> {
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** `2026-01-15 14:32` in Casablanca time and `2026-01-15 13:32` in UTC (Latin digits in both languages). */
export function dateParts(iso: string): { local: string; utc: string } | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const p = parts(date, LOCAL);
  const local = `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
  const utc = `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)}`;
  return { local, utc };
}

/** A date shown in Casablanca time with UTC beside it, each kept left to right. */
export function dateTime(iso: string, labels: DossierLabels): Html {
  const d = dateParts(iso);
  if (!d) return ltr(iso);
  const utc = d.utc.slice(0, 10) === d.local.slice(0, 10) ? d.utc.slice(11) : d.utc;
  return html`<span class="date nw">${ltr(d.local)} <span class="tz">${labels.local}</span> · ${ltr(`${utc} UTC`)}</span>`;
}

/** A byte count: `1 234 567 octets` (Latin digits, narrow no-break spaces). */
export function byteCount(size: number, labels: DossierLabels): Html {
  const digits = String(Math.max(0, Math.trunc(size))).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return html`${ltr(digits)} ${labels.bytes}`;
}

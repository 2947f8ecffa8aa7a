/**
 * Phone numbers, normalised to E.164.
 *
 * Moroccan numbers in the ways Moroccans write them: "06 12 34 56 78",
 * "0612345678", "06.12.34.56.78", "06-12-34-56-78", "+212 6 12 34 56 78",
 * "+212 (0)6 12...", "+212 06...", "00212 6...", "212-6...", in Arabic-Indic or
 * Persian digits (folded before this runs, see text.ts), with Darija or any
 * other text around them. A national number is 0 + 9 digits with 5 (fixed),
 * 6/7 (mobile) or 8 (other services) first; it becomes +212 + the 9 digits.
 * International numbers are taken only when written with "+" or "00" and a
 * country code. Every candidate must pass libphonenumber-js `isValid()` (the
 * default "min" metadata; the "max" set is not installed).
 *
 * False positives avoided: dates ("06.12.2024 15:30", "2024-12-06"), report
 * ids ("IBL-2026-0000041": digits glued to letters), amounts (a currency
 * right before or after), 24-digit RIBs and long digit runs (groups are never
 * split, and a number has at most 15 digits), digits inside URLs (the caller
 * masks URL spans first), digits glued to Latin letters or "%".
 *
 * Linear: the run regex has one quantified group whose separator class and
 * digit class are disjoint; each run is then walked group by group with a
 * bounded look-ahead (at most 15 digits).
 */

import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { display, MAX_CANDIDATES, type Found, type Observable } from './types.ts';

/** Digits with at most 3 separators (space, dot, dash, parentheses) between them; an optional "+" first. */
const RUN = /\+?\d(?:[\s.\-()]{0,3}\d)*/g;
/** Dates and times, masked before runs are looked for. The look-arounds keep "06.12.34.56.78" (a phone) out. */
const DATES = [
  /(?<!\d[.-]?)\d{1,2}([.-])\d{1,2}\1(?:\d{4}|\d{2})(?![.-]?\d)/g,
  /(?<!\d[.-]?)\d{4}-\d{1,2}-\d{1,2}(?![.-]?\d)/g,
  /(?<!\d)\d{1,2}[:hH]\d{2}(?::\d{2})?(?!\d)/g,
];
/** Currency written right before an amount. */
const CURRENCY_BEFORE = /(?:\$|€|£|(?<![A-Za-z])(?:dh|dhs|mad|eur|usd)\.?|درهم)\s{0,2}$/i;
/** Currency or unit written right after an amount. */
const CURRENCY_AFTER = /^\s{0,2}(?:\$|€|£|%|(?:dh|dhs|dirhams?|mad|eur|euros?|usd|dollars?|درهم|دراهم|ريال)(?![A-Za-z]))/i;

const MAX_DIGITS = 15;
/** Inner-loop steps per text: about 40 per phone-like group, enough for thousands of real numbers. */
const MAX_STEPS = 60_000;

interface Group {
  start: number;
  end: number;
  digits: string;
  /** A "0" written in parentheses after a country code: "+212 (0)6...". */
  trunk: boolean;
  plus: boolean;
}

function blank(text: string, re: RegExp): string {
  return text.replace(re, (m) => ' '.repeat(m.length));
}

/** E.164 form of a digit string read as written, or null. `plus`: written with "+". */
function toE164(digits: string, plus: boolean, budget?: Budget): { e164: string; country: string } | null {
  let international: string | null = null;
  if (plus) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (/^0[5-8]\d{8}$/.test(digits)) international = `212${digits.slice(1)}`;
  else if (/^2120?[5-8]\d{8}$/.test(digits)) international = digits;
  if (international === null || international.length < 8 || international.length > MAX_DIGITS || international.startsWith('0')) return null;
  if (budget !== undefined) {
    const known = budget.seen.get(international);
    if (known !== undefined) return known;
    if (budget.left <= 0) return null;
    budget.left--;
  }
  const result = parseInternational(international);
  budget?.seen.set(international, result);
  return result;
}

/** Validation budget of one text: at most MAX_CANDIDATES libphonenumber parses, identical candidates parsed once. */
interface Budget {
  left: number;
  seen: Map<string, { e164: string; country: string } | null>;
}

function parseInternational(international: string): { e164: string; country: string } | null {
  const parsed = parsePhoneNumberFromString(`+${international}`);
  if (parsed === undefined || !parsed.isValid()) return null;
  return { e164: parsed.number, country: parsed.country ?? '' };
}

function groupsOf(text: string, start: number, end: number): Group[] {
  const groups: Group[] = [];
  const re = /\d+/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m !== null && m.index < end; m = re.exec(text)) {
    const gStart = m.index;
    const gEnd = gStart + m[0].length;
    groups.push({
      start: gStart,
      end: gEnd,
      digits: m[0],
      trunk: m[0] === '0' && text.charAt(gStart - 1) === '(' && text.charAt(gEnd) === ')',
      plus: text.charAt(gStart - 1) === '+',
    });
  }
  return groups;
}

/** Digits glued to a Latin letter (ids such as IBL-2026-0000041, "tel0612..."), a "#", "/" or "_", or to currency. */
function badContext(text: string, start: number, end: number): boolean {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if (/[A-Za-z_#/@]/.test(before) || /[A-Za-z_/@%]/.test(after)) return true;
  if (before === '-' || before === '.') {
    if (/[A-Za-z0-9_]/.test(text.charAt(start - 2))) return true;
  }
  if (CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 8), start))) return true;
  return CURRENCY_AFTER.test(text.slice(end, end + 10));
}

/**
 * Phone numbers in `text` (already prepared: digits folded, URL/RIB spans
 * masked). Overlapping candidates never happen: a run is consumed left to right.
 */
export function findPhones(text: string): Found[] {
  let scan = text;
  for (const re of DATES) scan = blank(scan, re);
  const found: Found[] = [];
  const budget: Budget = { left: MAX_CANDIDATES, seen: new Map() };
  RUN.lastIndex = 0;
  // Steps of the inner loop left for this text: a stuffed text ("0-0-0-…" over 100 kB) is cut short, real ones never are.
  let steps = MAX_STEPS;
  for (let run = RUN.exec(scan); run !== null && steps > 0; run = RUN.exec(scan)) {
    const runStart = run.index;
    const runEnd = runStart + run[0].length;
    const groups = groupsOf(scan, runStart, runEnd);
    let i = 0;
    while (i < groups.length && steps > 0) {
      const first = groups[i] as Group;
      let best: { j: number; e164: string; country: string } | null = null;
      if (/^[+02]/.test(first.plus ? '+' : first.digits) && !first.trunk) {
        let digits = '';
        for (let j = i; j < groups.length; j++) {
          steps -= 1;
          const g = groups[j] as Group;
          if (j > i && g.plus) break;
          if (!(g.trunk && j > i)) digits += g.digits;
          if (digits.length > MAX_DIGITS + 2) break;
          const e = toE164(digits, first.plus, budget);
          if (e !== null) best = { j, ...e };
        }
      }
      if (best === null) {
        i++;
        continue;
      }
      const last = groups[best.j] as Group;
      const start = first.plus ? first.start - 1 : first.start;
      const end = last.end;
      if (!badContext(scan, start, end)) {
        const observable: Observable = { type: 'phone', value: best.e164, detail: { country: best.country } };
        const shown = display(text.slice(start, end), best.e164);
        if (shown !== undefined) observable.display = shown;
        found.push({ observable, start, end });
      }
      i = best.j + 1;
    }
  }
  return found;
}

/**
 * One phone number typed by an analyst, in any of the forms above (a
 * Moroccan national number, or with "+"/"00" and a country code); null when
 * it is not a valid number.
 */
export function normalisePhone(raw: string): Observable | null {
  const text = raw.trim();
  if (text.length === 0 || text.length > 64) return null;
  if (!/^\+?[\d\s.\-()]+$/.test(text)) return null;
  let digits = text.replace(/\(0\)/g, '').replace(/\D/g, '');
  const plus = text.startsWith('+');
  if (!plus && digits.startsWith('00')) digits = digits.slice(2);
  const e = toE164(digits, plus || text.replace(/\s/g, '').startsWith('00'));
  if (e === null) return null;
  const observable: Observable = { type: 'phone', value: e.e164, detail: { country: e.country } };
  const shown = display(raw, e.e164);
  if (shown !== undefined) observable.display = shown;
  return observable;
}

/** A phone number given as digits only, e.g. from wa.me/212612345678 or t.me/+212612345678 (always international). */
export function phoneFromInternationalDigits(digits: string): Observable | null {
  if (!/^\d{8,15}$/.test(digits)) return null;
  const e = toE164(digits, true);
  return e === null ? null : { type: 'phone', value: e.e164, detail: { country: e.country } };
}

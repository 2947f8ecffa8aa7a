/**
 * E-mail addresses, lower-cased, including the obfuscated forms people use
 * to dodge address harvesters:
 *   name@domain.com, name @ domain . com, name[at]domain[dot]com,
 *   (spaces around "@" or "." count only on both sides: "name @Shop. Tel" is
 *   a mention and the end of a sentence, not "name@shop.tel"),
 *   name (at) domain (dot) com, name{at}domain{dot}com, name <at> domain,
 *   name [arobase] domain [point] com, Arabic "[آت]" / "[ات]" and "[نقطة]" /
 *   "[دوت]" in brackets, "name at domain dot com" (the bare word "at" only
 *   together with a bare or bracketed "dot", so that "meet at cafe.ma" is not
 *   an address), fullwidth "＠".
 * After de-obfuscation the address must be valid: local part of 1..64
 * characters without leading, trailing or doubled dots; a domain of 2..9
 * labels whose public suffix is known (tldts, ICANN or private section).
 * When the text runs on after the address ("write to a@b.com. Thanks"), the
 * longest valid domain is kept ("b.com").
 *
 * Linear: the pattern starts at a local-part boundary (look-behind) and every
 * quantifier is bounded (local ≤ 64, labels ≤ 63, ≤ 8 extra labels, ≤ 3
 * spaces around separators); separators and labels use disjoint characters.
 */

import { parse } from 'tldts';
import { display, MAX_CANDIDATES, type Found, type Observable } from './types.ts';

const SP = '[ \\t]';
const AT_WORD = '(?:at|arobase|arobas|@|＠|آت|ات)';
const DOT_WORD = '(?:dot|point|\\.|نقطة|دوت)';
const OPEN = '[\\[({<]';
const CLOSE = '[\\])}>]';
const AT_SEP = `(?:[@＠]|${SP}{1,3}[@＠]${SP}{1,3}|${SP}{0,3}${OPEN}${SP}{0,2}${AT_WORD}${SP}{0,2}${CLOSE}${SP}{0,3}|${SP}{1,3}at${SP}{1,3})`;
const DOT_SEP = `(?:\\.|${SP}{1,3}\\.${SP}{1,3}|${SP}{0,3}${OPEN}${SP}{0,2}${DOT_WORD}${SP}{0,2}${CLOSE}${SP}{0,3}|${SP}{1,3}(?:dot|نقطة)${SP}{1,3})`;
const LABEL = '[A-Za-z0-9-]{1,63}';
const EMAIL = new RegExp(`(?<![A-Za-z0-9._%+\\-])([A-Za-z0-9._%+\\-]{1,64})(${AT_SEP})(${LABEL}(?:${DOT_SEP}${LABEL}){1,8})`, 'gi');
const DOT_SEP_ALONE = new RegExp(DOT_SEP, 'gi');
/** What every match of EMAIL holds (one of its "at" separators): a text without it is not scanned. */
const EMAIL_HINT = new RegExp(`[@＠]|${OPEN}${SP}{0,2}${AT_WORD}${SP}{0,2}${CLOSE}|${SP}at${SP}`, 'i');
const BARE_AT = new RegExp(`^${SP}{1,3}at${SP}{1,3}$`, 'i');
const WORD_DOT = /dot|point|نقطة|دوت/i;

function validLocal(local: string): boolean {
  return local.length >= 1 && local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

function validLabel(label: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label);
}

/** The domain if it is a plausible mail domain (known public suffix, registrable), else null. */
function validDomain(labels: readonly string[]): string | null {
  if (labels.length < 2 || !labels.every(validLabel)) return null;
  const domain = labels.join('.');
  if (domain.length > 253) return null;
  const info = parse(domain, { allowPrivateDomains: true });
  if (info.isIp === true || info.publicSuffix === null || info.domain === null) return null;
  if (info.isIcann !== true && info.isPrivate !== true) return null;
  return domain;
}

interface Segment {
  label: string;
  /** End of the label in the matched domain text. */
  end: number;
  /** The separator before this label, or '' for the first. */
  separator: string;
}

function segments(domainText: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  let separator = '';
  DOT_SEP_ALONE.lastIndex = 0;
  for (let m = DOT_SEP_ALONE.exec(domainText); m !== null; m = DOT_SEP_ALONE.exec(domainText)) {
    if (m[0].length === 0) {
      DOT_SEP_ALONE.lastIndex++;
      continue;
    }
    out.push({ label: domainText.slice(at, m.index), end: m.index, separator });
    separator = m[0];
    at = m.index + m[0].length;
  }
  out.push({ label: domainText.slice(at), end: domainText.length, separator });
  return out;
}

/** E-mail addresses in `text`. */
export function findEmails(text: string): Found[] {
  const found: Found[] = [];
  if (!EMAIL_HINT.test(text)) return found;
  let left = MAX_CANDIDATES;
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m !== null && left-- > 0; m = EMAIL.exec(text)) {
    const local = (m[1] ?? '').toLowerCase();
    const atSep = m[2] ?? '';
    const domainText = m[3] ?? '';
    if (!validLocal(local)) continue;
    const segs = segments(domainText);
    let chosen: { domain: string; length: number } | null = null;
    for (let k = segs.length; k >= 2; k--) {
      const part = segs.slice(0, k);
      if (BARE_AT.test(atSep) && !part.slice(1).some((s) => WORD_DOT.test(s.separator))) continue;
      const domain = validDomain(part.map((s) => s.label.toLowerCase()));
      if (domain !== null) {
        chosen = { domain, length: (part[k - 1] as Segment).end };
        break;
      }
    }
    if (chosen === null) continue;
    const value = `${local}@${chosen.domain}`;
    const start = m.index;
    const end = start + (m[1] ?? '').length + atSep.length + chosen.length;
    const observable: Observable = { type: 'email', value };
    const shown = display(text.slice(start, end), value);
    if (shown !== undefined) observable.display = shown;
    found.push({ observable, start, end });
    // Resume right after the address kept (the rest of a longer match may hold another one).
    EMAIL.lastIndex = end;
  }
  return found;
}

/** One address typed by an analyst, obfuscated or not; null unless the whole input is one valid address. */
export function normaliseEmail(raw: string): Observable | null {
  const text = raw.trim().replace(/^mailto:/i, '');
  if (text.length === 0 || text.length > 512) return null;
  const found = findEmails(text);
  const only = found[0];
  if (found.length !== 1 || only === undefined || only.start !== 0 || only.end !== text.length) return null;
  const observable: Observable = { type: 'email', value: only.observable.value };
  const shown = display(raw, observable.value);
  if (shown !== undefined) observable.display = shown;
  return observable;
}

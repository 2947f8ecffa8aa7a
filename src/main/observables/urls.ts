/**
 * URLs, in the report's URL list and in its description, and what each one
 * yields: the canonical URL (canonicaliseUrl), the registrable domain (or the
 * IP address of an IP host), the invite link, the account handle, the phone
 * number of wa.me / t.me/+ links; mailto: and tel: links give an e-mail or a
 * phone.
 *
 * In free text a token is read as a URL when it has a scheme ("://", also
 * defanged "[://]"), starts with "www.", or is a bare host name with a known
 * public suffix (then, without a path, it yields only the domain: "see
 * example.com" is a domain mention, not a link). Bare names whose last label
 * is also a common file extension ("notes.zip", "readme.md", "run.sh") are
 * taken only with a path.
 *
 * Linear: tokens are cut at white space by a single character class; each
 * token is at most MAX_URL_INPUT_LENGTH long (longer ones are skipped) and is
 * tested with anchored patterns without nested quantifiers.
 */

import { canonicaliseUrl, MAX_URL_INPUT_LENGTH } from '../urls/canonical-url.ts';
import { domainObservable, registrableDomain } from './domains.ts';
import { normaliseEmail } from './emails.ts';
import { handleFromUrl } from './handles.ts';
import { inviteFromCanonical } from './invites.ts';
import { ipObservable } from './ips.ts';
import { normalisePhone, phoneFromInternationalDigits } from './phones.ts';
import { display, MAX_CANDIDATES, type Found, type Observable } from './types.ts';

const TOKEN = /[^\s<>"«»“”]+/g;
const HAS_SCHEME = /:\/\/|\[:\/\/\]|\(:\/\/\)|\{:\/\/\}/;
const STARTS_WWW = /^[^\p{L}\p{N}]{0,8}www\d?(?:\.|\[\.\]|\(\.\))/iu;
const BARE_HOST = /^[^\p{L}\p{N}]{0,8}[\p{L}\p{N}-]{1,63}(?:(?:\.|\[\.\]|\(\.\)|\[dot\]|\(dot\))[\p{L}\p{N}-]{1,63}){1,8}(?<rest>[/?#:].*)?$/iu;
const FILE_LIKE_TLDS = new Set(['zip', 'mov', 'md', 'sh', 'py', 'pl', 'rs', 'ps', 'cs', 'ts', 'js', 'php', 'exe', 'pdf', 'doc', 'txt', 'png', 'jpg', 'mp4', 'mp3', 'so', 'in', 'ai']);

/** Everything a URL yields. `raw` is how it was written; `withUrl`: also the url observable. */
export function observablesFromUrl(raw: string, withUrl = true): Observable[] {
  const text = raw.trim();
  if (/^mailto:/i.test(text)) {
    const email = normaliseEmail(text.replace(/^mailto:/i, '').split('?')[0] ?? '');
    return email === null ? [] : [email];
  }
  if (/^tel:/i.test(text)) {
    const phone = normalisePhone(decodeURIComponentSafe(text.slice(4)));
    return phone === null ? [] : [phone];
  }
  const canonical = canonicaliseUrl(text);
  if (canonical === null) return [];
  const out: Observable[] = [];
  if (withUrl) {
    const url: Observable = { type: 'url', value: canonical.canonical, detail: { host: canonical.host, platform: canonical.platform, contentKey: canonical.contentKey } };
    const shown = display(text, canonical.canonical);
    if (shown !== undefined) url.display = shown;
    out.push(url);
  }
  const host = canonical.host.replace(/:\d+$/, '');
  const ip = ipObservable(host);
  if (ip !== null) {
    out.push(ip);
  } else {
    const domain = domainObservable(host);
    if (domain !== null) out.push(domain);
  }
  const invite = inviteFromCanonical(canonical, text);
  if (invite !== null) out.push(invite);
  const account = canonical.account;
  if (account !== null) {
    const digits = /^\+?(\d{8,15})$/.exec(account)?.[1];
    const phone = digits !== undefined && (canonical.platform === 'whatsapp' || canonical.platform === 'telegram') ? phoneFromInternationalDigits(digits) : null;
    if (phone !== null) out.push(phone);
    else {
      const handle = handleFromUrl(canonical.platform, account, text);
      if (handle !== null) out.push(handle);
    }
  }
  return out;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function looksLikeBareHost(token: string): { withPath: boolean } | null {
  if (token.includes('@')) return null;
  const m = BARE_HOST.exec(token.replace(/[.,;:!?)\]}»"'…،؛]{1,16}$/u, ''));
  if (m === null) return null;
  const withPath = (m.groups?.rest ?? '') !== '';
  const canonical = canonicaliseUrl(token);
  if (canonical === null) return null;
  const domain = registrableDomain(canonical.host.replace(/:\d+$/, ''));
  if (domain === null || !domain.knownSuffix) return null;
  const tld = domain.ascii.slice(domain.ascii.lastIndexOf('.') + 1);
  if (!withPath && FILE_LIKE_TLDS.has(tld)) return null;
  return { withPath };
}

/**
 * URLs (and bare host names) in free text. With `schemeOnly`, only tokens with
 * a scheme are read (the first pass, before e-mail addresses are looked for,
 * so that "https://user@host/" is a URL and "name@host.com" an address).
 */
export function findUrls(text: string, schemeOnly: boolean): Found[] {
  const found: Found[] = [];
  // The first pass reads only tokens with a scheme: a text without one has none.
  if (schemeOnly && !HAS_SCHEME.test(text) && !/mailto:|tel:/i.test(text)) return found;
  let left = MAX_CANDIDATES;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null && left > 0; m = TOKEN.exec(text)) {
    const token = m[0];
    if (token.length > MAX_URL_INPUT_LENGTH || token.length < 4 || !token.includes('.') && !token.includes(':')) continue;
    left--;
    const start = m.index;
    const end = start + token.length;
    if (HAS_SCHEME.test(token) || /^mailto:|^tel:/i.test(token)) {
      for (const observable of observablesFromUrl(token)) found.push({ observable, start, end });
      continue;
    }
    if (schemeOnly) continue;
    if (STARTS_WWW.test(token)) {
      for (const observable of observablesFromUrl(token)) found.push({ observable, start, end });
      continue;
    }
    const bare = looksLikeBareHost(token);
    if (bare !== null) for (const observable of observablesFromUrl(token, bare.withPath)) found.push({ observable, start, end });
  }
  return found;
}

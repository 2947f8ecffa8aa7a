/**
 * Account handles: "<platform>:<account>".
 *
 * Three sources: the account canonicaliseUrl finds in a URL (its spelling is
 * kept: "facebook:id:1000123", "facebook:group:name", "youtube:@name",
 * "youtube:UC...", "telegram:c/123"), the report's accountHandle field, and
 * "@name" mentions in the description, read with the report's platform.
 * Handles are lower-cased on the platforms where they are case-insensitive
 * (all the known ones, except YouTube channel ids "UC..." which the
 * canonicaliser already keeps as written); on an unknown platform the
 * spelling is kept and the prefix is "unknown:".
 *
 * Phone-shaped accounts (wa.me/212..., t.me/+212...) are phones, not
 * handles: the caller turns them into phone observables.
 *
 * Linear: the mention pattern has one bounded quantifier after a look-behind.
 */

import { canonicaliseUrl } from '../urls/canonical-url.ts';
import { display, type Found, type Observable } from './types.ts';

export const HANDLE_PLATFORMS = ['facebook', 'instagram', 'tiktok', 'youtube', 'x', 'telegram', 'snapchat', 'whatsapp'] as const;
export type HandlePlatform = (typeof HANDLE_PLATFORMS)[number];

const PLATFORM_ALIASES: Readonly<Record<string, HandlePlatform>> = {
  facebook: 'facebook',
  fb: 'facebook',
  messenger: 'facebook',
  instagram: 'instagram',
  ig: 'instagram',
  insta: 'instagram',
  tiktok: 'tiktok',
  'tik tok': 'tiktok',
  youtube: 'youtube',
  yt: 'youtube',
  x: 'x',
  twitter: 'x',
  telegram: 'telegram',
  tg: 'telegram',
  snapchat: 'snapchat',
  snap: 'snapchat',
  whatsapp: 'whatsapp',
  wa: 'whatsapp',
};

/** Account names as each platform allows them (as loose as canonical-url.ts, so both agree). */
const ACCOUNT: Readonly<Record<HandlePlatform, RegExp>> = {
  facebook: /^[A-Za-z0-9][A-Za-z0-9.\-_]{0,99}$/,
  instagram: /^[A-Za-z0-9._]{1,30}$/,
  tiktok: /^[A-Za-z0-9._]{1,30}$/,
  youtube: /^[\p{L}\p{N}._-]{1,100}$/u,
  x: /^[A-Za-z0-9_]{1,50}$/,
  telegram: /^[A-Za-z][A-Za-z0-9_]{2,64}$/,
  snapchat: /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/,
  whatsapp: /^$/,
};
const UNKNOWN_ACCOUNT = /^[\p{L}\p{N}._-]{1,64}$/u;

/** "@name" not glued to a word or an address (e-mails are masked before this runs anyway). */
const MENTION = /(?<![\p{L}\p{N}_.@/\\+-])@([\p{L}\p{N}_.-]{1,100})/gu;

/** The known platform a free-text platform name designates, or null ("website", "other", unknown names). */
export function normalisePlatform(platform: string | null | undefined): HandlePlatform | null {
  if (typeof platform !== 'string') return null;
  return PLATFORM_ALIASES[platform.trim().toLowerCase()] ?? null;
}

function handleObservable(platform: HandlePlatform | null, account: string, raw: string, source: 'url' | 'description' | 'account_handle'): Observable {
  const value = `${platform ?? 'unknown'}:${account}`;
  const observable: Observable = { type: 'handle', value, detail: { platform, account, source } };
  const shown = display(raw, value);
  if (shown !== undefined) observable.display = shown;
  return observable;
}

/** The handle observable for a bare account name on a platform (leading "@" allowed); null when the name is not valid there. */
export function handleFromName(platform: HandlePlatform | null, rawName: string, source: 'description' | 'account_handle'): Observable | null {
  let name = rawName.trim();
  if (name.startsWith('@')) name = name.slice(1);
  while (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '') return null;
  if (platform === null) return UNKNOWN_ACCOUNT.test(name) ? handleObservable(null, name, rawName, source) : null;
  if (!ACCOUNT[platform].test(name)) return null;
  const account = platform === 'youtube' ? `@${name.toLowerCase()}` : name.toLowerCase();
  return handleObservable(platform, account, rawName, source);
}

/** The handle of a canonical URL's account, unless the account is a phone number. */
export function handleFromUrl(platform: string | null, account: string | null, raw: string): Observable | null {
  const known = normalisePlatform(platform);
  if (known === null || account === null || account === '') return null;
  if (known === 'whatsapp' || /^\+?\d{5,15}$/.test(account)) return null;
  return handleObservable(known, account, raw, 'url');
}

/**
 * The report's accountHandle field: a URL (its account is taken), "@name" or
 * "name" on the report's platform. Phone numbers given as the handle of a
 * WhatsApp or Telegram account are returned by the caller as phones.
 */
export function handleFromField(accountHandle: string, platform: string | null | undefined): Observable | null {
  const raw = accountHandle.trim();
  if (raw === '' || raw.length > 512) return null;
  if (/[/.]/.test(raw) && !raw.startsWith('@')) {
    const canonical = canonicaliseUrl(raw);
    if (canonical !== null && canonical.account !== null) return handleFromUrl(canonical.platform, canonical.account, raw);
  }
  const known = normalisePlatform(platform);
  if (known === 'whatsapp') return null;
  return handleFromName(known, raw, 'account_handle');
}

/** "@name" mentions in `text`, read as accounts of `platform` (the report's). */
export function findMentions(text: string, platform: string | null | undefined): Found[] {
  const found: Found[] = [];
  if (!text.includes('@')) return found;
  const known = normalisePlatform(platform);
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(text); m !== null; m = MENTION.exec(text)) {
    let name = m[1] ?? '';
    while (name.endsWith('.') || name.endsWith('-')) name = name.slice(0, -1);
    if (name === '' || /^\d+$/.test(name)) continue;
    const observable = handleFromName(known === 'whatsapp' ? null : known, name, 'description');
    if (observable !== null) found.push({ observable, start: m.index, end: m.index + 1 + name.length });
  }
  return found;
}

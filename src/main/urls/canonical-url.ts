/**
 * URL canonicalisation: "same content, many reports".
 *
 * Citizens type URLs as they please (no scheme, m./www. hosts, short and
 * alias hosts, tracking parameters, defanged forms, quotes and punctuation
 * around them). Reports that point at the same content must get the same
 * `contentKey` so that they group into one cluster.
 *
 * Security: this is pure string work. Nothing is ever fetched or resolved
 * (short links stay short links), nothing throws, and the work is bounded:
 * inputs longer than MAX_URL_INPUT_LENGTH are refused before any regex runs,
 * every regex here is linear (no nested or overlapping quantifiers), and
 * redirect unwrapping is bounded in depth.
 */

import { removeInvisible } from '../../shared/defang.ts';

export interface CanonicalUrl {
  /** Normalised absolute URL, e.g. "https://facebook.com/some.page/posts/123" */
  canonical: string;
  /** Host after folding (lowercase, no www./m./mobile. etc, alias hosts mapped), e.g. "facebook.com" */
  host: string;
  /** 'facebook' | 'instagram' | 'tiktok' | 'youtube' | 'x' | 'telegram' | 'whatsapp' | 'snapchat' | null (other sites) */
  platform: string | null;
  /** Account/handle/channel where the URL shape says so (lowercased where the platform is case-insensitive), else null */
  account: string | null;
  /** Post/video/status/message id where the URL shape says so, else null */
  postId: string | null;
  /** The "same content" key: e.g. "youtube:video:dQw4w9WgXcQ", "facebook:post:123", "facebook:account:some.page", otherwise "url:" + canonical */
  contentKey: string;
}

/** Longer inputs (in UTF-16 code units) are refused outright. */
export const MAX_URL_INPUT_LENGTH = 4096;

/** How many redirectors (l.facebook.com/l.php?u=..., google.com/url?q=...) are unwrapped one inside the other. */
const MAX_UNWRAP_DEPTH = 3;
/** How many layers of quotes, brackets and trailing punctuation are peeled off. */
const MAX_PEEL = 32;

/** Never throws; returns null when the text is not a usable http(s) URL (non-http schemes such as javascript:, data:, file:, mailto: → null; empty; no host; spaces inside host; etc). */
export function canonicaliseUrl(raw: string): CanonicalUrl | null {
  try {
    return canonicalise(raw, 0);
  } catch {
    // Nothing below is meant to throw; this is the last line of the "never throws" promise.
    return null;
  }
}

// ---------------------------------------------------------------------------
// Text clean-up: invisible characters, wrapping, defanging.

/** Invisible characters (bidi, zero-width, controls...) and also tab, line feed, carriage return, which URL parsing drops too. */
function stripInvisible(text: string): string {
  return removeInvisible(text).replace(/[\t\n\r]/g, '');
}

const CLOSER: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '`': '`',
  '“': '”',
  '”': '”',
  '„': '“',
  '‘': '’',
  '«': '»',
  '‹': '›',
  '<': '>',
  '(': ')',
  '[': ']',
  '{': '}',
};
const OPENER_OF: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
/** Leading characters that are never part of a typed URL. */
const LEADING_JUNK = new Set(['"', "'", '`', '“', '”', '„', '‘', '’', '«', '»', '‹', '›', '<', '>', ',', ';', '!', '?', '•', '*', '-', '–', '—']);
/** Trailing characters that are sentence punctuation, not URL (Latin and Arabic). */
const TRAILING_JUNK = new Set(['.', ',', ';', ':', '!', '?', '»', '«', '›', '"', "'", '`', '”', '“', '’', '‘', '>', '<', '…', '،', '؛', '؟', '۔', '*', '|']);

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** "[2001:db8::1]" alone: an IPv6 literal, not a bracketed URL. */
function looksLikeIpv6(inner: string): boolean {
  return inner.includes(':') && /^[0-9A-Fa-f:.]+$/.test(inner);
}

/** Trims, then peels wrapping quotes/brackets and trailing punctuation, a bounded number of times. */
function peel(input: string): string {
  let text = input.trim();
  for (let round = 0; round < MAX_PEEL && text.length > 0; round++) {
    const first = text.charAt(0);
    const last = text.charAt(text.length - 1);
    const inner = text.slice(1, -1);
    if (text.length >= 2 && CLOSER[first] === last && !(first === '[' && looksLikeIpv6(inner))) {
      text = inner.trim();
      continue;
    }
    if (LEADING_JUNK.has(first)) {
      text = text.slice(1).trim();
      continue;
    }
    if ((first === '(' || first === '{' || first === '[') && count(text, first) > count(text, CLOSER[first] ?? first)) {
      text = text.slice(1).trim();
      continue;
    }
    if (TRAILING_JUNK.has(last)) {
      text = text.slice(0, -1).trim();
      continue;
    }
    const opener = OPENER_OF[last];
    if (opener !== undefined && count(text, last) > count(text, opener)) {
      text = text.slice(0, -1).trim();
      continue;
    }
    break;
  }
  return text;
}

/** Undoes the usual defanging: "[.]", "(.)", "{.}", "[dot]", "[:]", "[://]", "[/]" (the scheme and " dot " are handled later). */
function refang(text: string): string {
  return text
    .replace(/\[:\/\/\]|\(:\/\/\)|\{:\/\/\}/g, '://')
    .replace(/\[:\]|\(:\)|\{:\}/g, ':')
    .replace(/\[\/\]|\(\/\)|\{\/\}/g, '/')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}/gi, '.');
}

// ---------------------------------------------------------------------------
// Splitting the typed text into scheme, authority and the rest.

/** http, https and their defanged or mistyped spellings: hxxp, hXXps, h**p, htps, ttps, hhttps... */
const HTTP_LIKE = /^h{0,2}[tx*]{1,3}p{1,2}s?$/;
/** "host.tld:443/..." is a host and a port, not a scheme. */
const PORT_AFTER_COLON = /^\d{0,5}(?:[/?#\\]|$)/;

function isWhitespace(char: string): boolean {
  return char !== '' && char.trim() === '';
}

/** Removes whitespace runs that touch one of `glue` (e.g. "facebook.com/ page" → "facebook.com/page"); keeps the others. */
function glueWhitespace(text: string, glue: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    if (!isWhitespace(char)) {
      out += char;
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && isWhitespace(text.charAt(j))) j++;
    const before = out.charAt(out.length - 1);
    const after = text.charAt(j);
    if (before === '' || after === '' || glue.includes(before) || glue.includes(after)) {
      // dropped
    } else {
      out += ' ';
    }
    i = j;
  }
  return out;
}

/** The authority with " dot " and spaces around dots undone; null when spaces remain inside it. */
function fixAuthority(authority: string): string | null {
  const trimmed = authority.trim();
  if (trimmed === '') return null;
  const tokens = trimmed.split(/\s+/);
  let out = tokens[0] ?? '';
  for (let i = 1; i < tokens.length; i++) {
    let token = tokens[i] ?? '';
    if (i < tokens.length - 1 && token.toLowerCase() === 'dot') token = '.';
    if (out.endsWith('.') || token.startsWith('.')) out += token;
    else return null;
  }
  return out;
}

/** Scheme checked and dropped, leading slashes dropped, authority split from the rest. */
function splitTyped(text: string): { authority: string; rest: string } | null {
  let rest = text;
  const scheme = /^([A-Za-z][A-Za-z0-9+.*-]{0,31}):/.exec(text);
  const schemeName = scheme?.[1];
  if (scheme && schemeName !== undefined && !(schemeName.includes('.') && PORT_AFTER_COLON.test(text.slice(scheme[0].length)))) {
    if (!HTTP_LIKE.test(schemeName.toLowerCase())) return null;
    rest = text.slice(scheme[0].length);
  } else {
    // "https//host" (colon forgotten)
    const typo = /^([A-Za-z*]{2,8})\/\//.exec(text);
    const word = typo?.[1];
    if (word !== undefined && HTTP_LIKE.test(word.toLowerCase())) rest = text.slice(word.length);
  }
  let start = 0;
  while (start < rest.length && ('/\\:'.includes(rest.charAt(start)) || isWhitespace(rest.charAt(start)))) start++;
  rest = rest.slice(start);
  let end = 0;
  while (end < rest.length && !'/?#\\'.includes(rest.charAt(end))) end++;
  const authority = fixAuthority(rest.slice(0, end));
  if (authority === null) return null;
  // A host needs a dot (or is an IPv6 literal): "0661234567" or "localhost" are not sites,
  // even though URL would read the first as an IPv4 number.
  const hostPart = authority.slice(authority.lastIndexOf('@') + 1);
  if (!hostPart.startsWith('[') && !/[.。．｡]|%2e/i.test(hostPart)) return null;
  return { authority, rest: glueWhitespace(rest.slice(end), '/.?&=#').trimEnd() };
}

/** Lowercase (URL did it), punycode (URL did it), no trailing dot, at least two non-empty labels, or an IPv6 literal. */
function usableHost(hostname: string): string | null {
  if (hostname.startsWith('[')) return hostname;
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (host.length === 0 || host.length > 253 || !host.includes('.')) return null;
  for (const label of host.split('.')) if (label.length === 0 || label.length > 63) return null;
  return host;
}

// ---------------------------------------------------------------------------
// Host folding.

const GENERIC_PREFIXES = new Set(['www', 'www1', 'www2', 'www3', 'm', 'mobile', 'mbasic', 'web', 'touch', 'amp']);
/** Sub-domains that are the same site, per registrable domain, on top of the generic ones. */
const EXTRA_PREFIXES: Readonly<Record<string, ReadonlySet<string>>> = {
  'facebook.com': new Set(['l', 'lm', 'free', 'd', 'x', 'iphone', 'h', '0', 'zero', 'p', 'upload', 'business']),
  'instagram.com': new Set(['l']),
  'messenger.com': new Set(['l']),
  'youtube.com': new Set(['music', 'gaming']),
};
const HOST_ALIASES: Readonly<Record<string, string>> = {
  'fb.com': 'facebook.com',
  'fb.me': 'facebook.com',
  'facebookwkhpilnemxj7asaniu7vnjjbiltxjqhye3mhbshg7kx5tfyd.onion': 'facebook.com',
  'instagr.am': 'instagram.com',
  'twitter.com': 'x.com',
  'fxtwitter.com': 'x.com',
  'vxtwitter.com': 'x.com',
  'fixupx.com': 'x.com',
  'fixvx.com': 'x.com',
  'twittpr.com': 'x.com',
  'telegram.me': 't.me',
  'telegram.dog': 't.me',
  'youtube-nocookie.com': 'youtube.com',
  'threads.net': 'threads.com',
};

function isIpv4(host: string): boolean {
  return /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function foldHost(hostname: string): string {
  if (hostname.startsWith('[') || isIpv4(hostname)) return hostname;
  let host = hostname;
  for (let round = 0; round < 4; round++) {
    const dot = host.indexOf('.');
    const first = host.slice(0, dot);
    const remainder = host.slice(dot + 1);
    if (!remainder.includes('.')) break;
    const folds = GENERIC_PREFIXES.has(first) || EXTRA_PREFIXES[remainder]?.has(first) === true || (remainder === 'facebook.com' && /^[a-z]{2}-[a-z]{2}$/.test(first));
    if (!folds) break;
    host = remainder;
  }
  return HOST_ALIASES[host] ?? host;
}

const PLATFORM_HOSTS: Readonly<Record<string, string>> = {
  'facebook.com': 'facebook',
  'fb.watch': 'facebook',
  'instagram.com': 'instagram',
  'tiktok.com': 'tiktok',
  'vm.tiktok.com': 'tiktok',
  'vt.tiktok.com': 'tiktok',
  'youtube.com': 'youtube',
  'youtu.be': 'youtube',
  'x.com': 'x',
  't.co': 'x',
  't.me': 'telegram',
  'wa.me': 'whatsapp',
  'whatsapp.com': 'whatsapp',
  'api.whatsapp.com': 'whatsapp',
  'chat.whatsapp.com': 'whatsapp',
  'snapchat.com': 'snapchat',
  'story.snapchat.com': 'snapchat',
  't.snapchat.com': 'snapchat',
};

// ---------------------------------------------------------------------------
// Path and query.

interface Param {
  key: string;
  /** null: the parameter had no "=" ("?foo"). */
  value: string | null;
}

/** Percent-decodes what decodes as UTF-8 and leaves (uppercased) what does not. Never throws. */
function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run.toUpperCase();
      }
    });
  }
}

function encodeComponent(text: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // Lone surrogates: replace them, as URL does.
    encoded = encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
  return encoded.replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%40/g, '@').replace(/%2C/g, ',');
}

/** %41 → "A" for unreserved characters, other escapes in uppercase hex. */
function normalisePercent(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_all, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /^[A-Za-z0-9\-._~]$/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** Duplicate slashes collapsed, escapes normalised, no trailing slash; the root path is "". */
function normalisePath(pathname: string): string {
  let path = normalisePercent(pathname.replace(/\/{2,}/g, '/'));
  if (path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

function parseQuery(search: string): Param[] {
  const params: Param[] = [];
  if (search.length <= 1) return params;
  for (const part of search.slice(1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? null : safeDecode(part.slice(eq + 1).replace(/\+/g, ' '));
    params.push({ key, value });
  }
  return params;
}

function serialiseQuery(params: readonly Param[]): string {
  const sorted = [...params].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : (a.value ?? '') < (b.value ?? '') ? -1 : (a.value ?? '') > (b.value ?? '') ? 1 : 0));
  return sorted.map((p) => (p.value === null ? encodeComponent(p.key) : `${encodeComponent(p.key)}=${encodeComponent(p.value)}`)).join('&');
}

function param(params: readonly Param[], key: string): string | null {
  for (const p of params) if (p.key === key) return p.value;
  return null;
}

const TRACKING = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'twclid', 'ttclid', 'li_fat_id', 'yclid', 'igshid', 'igsh', 'mibextid',
  'si', 'feature', 'ref', 'ref_src', 'ref_url', '__tn__', '_rdr', 'rdid', 'share_url', 'sfnsn', 'app', 'is_from_webapp', 'sender_device',
  '_t', '_r', 'hl', '_ga', '_gl', 'mc_cid', 'mc_eid', 'wt_mc', 'wt.mc_id', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'spm',
]);
const PLATFORM_TRACKING: Readonly<Record<string, ReadonlySet<string>>> = {
  facebook: new Set(['eav', 'fref', 'pnref', 'hc_ref', 'hc_location', 'refsrc', 'refid', '_ft_', 'acontext', 'notif_id', 'notif_t', 'ref_component', 'ref_page', 'paipv', 'comment_tracking', 'extid', 'rdc', 'hrc', 'wtsid', 'lst', 'paid', 'eid']),
  instagram: new Set(['utm_medium', 'img_index_ref']),
  tiktok: new Set([
    'lang', 'language', 'is_copy_url', 'sender_web_id', 'web_id', 'u_code', 'preview_pb', 'timestamp', 'user_id', 'sec_uid', 'sec_user_id', 'share_app_id',
    'share_link_id', 'share_item_id', 'share_iid', 'social_sharing', 'source', 'tt_from', 'checksum', 'enter_method', 'embed_source', 'refer', 'referer_url',
    'referer_video_id', '_d', '_svg', 'item_author_type', 'region',
  ]),
  youtube: new Set(['pp', 'ab_channel', 'embeds_referring_euri', 'embeds_referring_origin', 'source_ve_path', 'cbrd', 'ucbcb']),
  x: new Set(['s', 't', 'src', 'cxt', 'lang']),
  snapchat: new Set(['share_id', 'locale', 'sc_referrer', 'sc_ua', 'sender_web_id', 'device_type', 'is_copy_url', 'link_type']),
};

function isTracking(key: string, platform: string | null): boolean {
  const k = key.toLowerCase();
  if (k.startsWith('utm_') || k.startsWith('__cft__') || k.startsWith('__xts__')) return true;
  if (TRACKING.has(k)) return true;
  return platform !== null && PLATFORM_TRACKING[platform]?.has(k) === true;
}

// ---------------------------------------------------------------------------
// Redirectors: unwrapped, never followed.

const GOOGLE_HOST = /^google\.(?:com|[a-z]{2}|com?\.[a-z]{2})$/;

/** The URL a redirector wraps, when this is one. */
function redirectTarget(originalHost: string, host: string, path: string, rawPath: string, rawSearch: string, params: readonly Param[]): string | null {
  const lower = path.toLowerCase();
  if ((host === 'facebook.com' || host === 'messenger.com') && lower === '/l.php') return param(params, 'u');
  if (originalHost === 'l.instagram.com') return param(params, 'u');
  if (GOOGLE_HOST.test(host)) {
    if (lower === '/url') return param(params, 'q') ?? param(params, 'url');
    if (lower.startsWith('/amp/s/')) return `https://${rawPath.slice('/amp/s/'.length)}${rawSearch}`;
  }
  if (host === 'youtube.com') {
    if (lower === '/redirect') return param(params, 'q');
    if (lower === '/attribution_link') {
      const target = param(params, 'u');
      return target !== null && target.startsWith('/') ? `https://youtube.com${target}` : null;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Platform shapes.

interface Identity {
  account: string | null;
  postId: string | null;
  /** null: no content key from the shape, "url:" + canonical is used. */
  key: string | null;
}

const NONE: Identity = { account: null, postId: null, key: null };

function accountOnly(platform: string, account: string, withKey: boolean): Identity {
  return { account, postId: null, key: withKey ? `${platform}:account:${account}` : null };
}

const DIGITS = /^\d{1,25}$/;
const FB_ID = /^\d{1,25}$/;
const FB_POST_ID = /^(?:\d{1,25}|pfbid[0-9A-Za-z]{10,90})$/;
const FB_NAME = /^[A-Za-z0-9][A-Za-z0-9.\-_]{0,99}$/;
const SHORT_CODE = /^[A-Za-z0-9_-]{3,64}$/;
const IG_USER = /^[A-Za-z0-9._]{1,30}$/;
const IG_CODE = /^[A-Za-z0-9_-]{5,64}$/;
const TT_USER = /^[A-Za-z0-9._]{1,30}$/;
const YT_ID = /^[A-Za-z0-9_-]{11}$/;
const YT_CHANNEL = /^UC[A-Za-z0-9_-]{22}$/;
const YT_NAME = /^[\p{L}\p{N}._-]{1,100}$/u;
const YT_LIST = /^[A-Za-z0-9_-]{10,64}$/;
const X_USER = /^[A-Za-z0-9_]{1,50}$/;
const TG_USER = /^[A-Za-z][A-Za-z0-9_]{2,64}$/;
const TG_INVITE = /^[A-Za-z0-9_-]{5,64}$/;
const SC_USER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;
const WA_INVITE = /^[A-Za-z0-9]{10,40}$/;

const FB_RESERVED = new Set([
  'watch', 'groups', 'events', 'marketplace', 'pages', 'people', 'pg', 'photo', 'photos', 'reel', 'reels', 'share', 'sharer', 'login', 'help', 'privacy',
  'policies', 'policy', 'settings', 'messages', 'notifications', 'search', 'hashtag', 'gaming', 'stories', 'business', 'ads', 'dialog', 'plugins', 'legal',
  'about', 'fundraisers', 'donate', 'live', 'media', 'notes', 'public', 'saved', 'bookmarks', 'friends', 'memories', 'developers', 'careers', 'terms',
  'recover', 'checkpoint', 'reg', 'ajax', 'api', 'tr', 'home', 'feed', 'story', 'permalink', 'profile', 'video', 'l', 'dating', 'games', 'jobs',
  'messenger', 'places', 'pages_reaction_units', 'lite', 'mobile', 'zero', 'campaign', 'ad_campaign', 'business_help', 'instantgames', 'latest', 'me',
]);
const FB_TABS = new Set(['about', 'photos', 'videos', 'posts', 'reels', 'community', 'reviews', 'events', 'friends', 'followers', 'following', 'mentions', 'live', 'groups', 'photos_by', 'about_profile_transparency', 'shop']);
const IG_RESERVED = new Set([
  'p', 'reel', 'reels', 'tv', 'stories', 'explore', 'accounts', 'direct', 'about', 'legal', 'developer', 'web', 'emails', 'challenge', 'privacy', 'session',
  'oauth', 'graphql', 'api', 'static', 'ar', 'topics', 'locations', 's', 'invites', 'lite', 'create', 'nametag', 'your_activity', 'directory', 'help', 'u',
]);
const IG_TABS = new Set(['tagged', 'reels', 'saved', 'guides', 'channel', 'feed', 'followers', 'following']);
const YT_RESERVED = new Set([
  'watch', 'shorts', 'embed', 'live', 'v', 'e', 'channel', 'c', 'user', 'playlist', 'results', 'feed', 'redirect', 'attribution_link', 'account', 'premium',
  'gaming', 'about', 't', 'hashtag', 'source', 'post', 'signin', 'logout', 'upload', 'music', 'kids', 'oembed', 'howyoutubeworks', 'creators', 'ads', 'new',
]);
const YT_TABS = new Set(['videos', 'shorts', 'streams', 'featured', 'playlists', 'community', 'posts', 'about', 'live', 'channels', 'podcasts', 'releases', 'store']);
const X_RESERVED = new Set([
  'home', 'i', 'search', 'explore', 'settings', 'intent', 'share', 'hashtag', 'messages', 'notifications', 'login', 'logout', 'signup', 'tos', 'privacy',
  'compose', 'account', 'about', 'download', 'jobs', 'rules', 'who_to_follow', 'statuses', 'status', 'help', 'en', 'web', 'oauth', 'search-advanced',
]);
const X_TABS = new Set(['with_replies', 'media', 'likes', 'highlights', 'followers', 'following', 'verified_followers', 'articles', 'superfollows']);
const TG_RESERVED = new Set(['share', 'addstickers', 'addemoji', 'addtheme', 'proxy', 'socks', 'iv', 'login', 'setlanguage', 'bg', 'boost', 'confirmphone', 'contact', 'addlist', 'invoice', 'joinchat', 'm', 's', 'c']);

type Parser = (host: string, segments: readonly string[], params: readonly Param[]) => Identity;

const facebook: Parser = (host, segs, params) => {
  const [a, b, c, d] = segs;
  if (host === 'fb.watch') return a !== undefined && b === undefined && SHORT_CODE.test(a) ? { account: null, postId: a, key: `facebook:video:${a}` } : NONE;
  if (a === undefined) return NONE;
  const la = a.toLowerCase();
  const lb = b?.toLowerCase();
  const video = (id: string | null | undefined, account: string | null = null): Identity | null => (id && FB_ID.test(id) ? { account, postId: id, key: `facebook:video:${id}` } : null);
  switch (la) {
    case 'watch':
    case 'video.php':
      return video(param(params, 'v')) ?? NONE;
    case 'reel':
    case 'reels':
      return video(b) ?? NONE;
    case 'story.php':
    case 'permalink.php': {
      const post = param(params, 'story_fbid');
      const owner = param(params, 'id');
      const account = owner !== null && FB_ID.test(owner) ? `id:${owner}` : null;
      return post !== null && FB_POST_ID.test(post) ? { account, postId: post, key: `facebook:post:${post}` } : { account, postId: null, key: null };
    }
    case 'photo.php':
    case 'photo': {
      const id = param(params, 'fbid');
      return id !== null && FB_ID.test(id) ? { account: null, postId: id, key: `facebook:photo:${id}` } : NONE;
    }
    case 'profile.php': {
      const id = param(params, 'id');
      return id !== null && FB_ID.test(id) ? accountOnly('facebook', `id:${id}`, true) : NONE;
    }
    case 'groups': {
      if (b === undefined || lb === undefined || !FB_NAME.test(b)) return NONE;
      const account = `group:${lb}`;
      if (c === undefined) return { account, postId: null, key: `facebook:group:${lb}` };
      const lc = c.toLowerCase();
      if ((lc === 'posts' || lc === 'permalink') && d !== undefined && FB_POST_ID.test(d)) return { account, postId: d, key: `facebook:post:${d}` };
      return { account, postId: null, key: null };
    }
    case 'events':
      return b !== undefined && FB_ID.test(b) ? { account: null, postId: b, key: `facebook:event:${b}` } : NONE;
    case 'marketplace':
      return lb === 'item' && c !== undefined && FB_ID.test(c) ? { account: null, postId: c, key: `facebook:marketplace:${c}` } : NONE;
    case 'share': {
      const code = lb === 'p' || lb === 'v' || lb === 'r' ? c : d === undefined && c === undefined ? b : undefined;
      return code !== undefined && SHORT_CODE.test(code) ? { account: null, postId: code, key: `facebook:share:${code}` } : NONE;
    }
    case 'pages':
    case 'people':
      return c !== undefined && FB_ID.test(c) ? accountOnly('facebook', `id:${c}`, d === undefined) : NONE;
    case 'pg':
      return b !== undefined && lb !== undefined && FB_NAME.test(b) ? accountOnly('facebook', lb, true) : NONE;
    default:
      break;
  }
  if (FB_RESERVED.has(la) || la.endsWith('.php') || !FB_NAME.test(a)) return NONE;
  const account = /^\d+$/.test(a) ? `id:${a}` : la;
  if (lb === undefined) return accountOnly('facebook', account, true);
  if ((lb === 'posts' || lb === 'activity' || lb === 'permalink') && c !== undefined && FB_POST_ID.test(c)) return { account, postId: c, key: `facebook:post:${c}` };
  if (lb === 'videos' && c !== undefined) return video(d !== undefined && FB_ID.test(d) ? d : c, account) ?? accountOnly('facebook', account, false);
  if (lb === 'photos' && c !== undefined) {
    const id = d !== undefined && FB_ID.test(d) ? d : c;
    return FB_ID.test(id) ? { account, postId: id, key: `facebook:photo:${id}` } : accountOnly('facebook', account, false);
  }
  return accountOnly('facebook', account, FB_TABS.has(lb) && c === undefined);
};

const instagram: Parser = (_host, segs) => {
  const [a, b, c] = segs;
  if (a === undefined) return NONE;
  const la = a.toLowerCase();
  const isPost = (kind: string | undefined): boolean => kind === 'p' || kind === 'reel' || kind === 'reels' || kind === 'tv';
  if (isPost(la)) return b !== undefined && IG_CODE.test(b) ? { account: null, postId: b, key: `instagram:post:${b}` } : NONE;
  if (la === 'stories') {
    if (b?.toLowerCase() === 'highlights') return c !== undefined && DIGITS.test(c) ? { account: null, postId: c, key: `instagram:highlight:${c}` } : NONE;
    if (b === undefined || !IG_USER.test(b)) return NONE;
    const account = b.toLowerCase();
    if (c === undefined) return accountOnly('instagram', account, true);
    return DIGITS.test(c) ? { account, postId: c, key: `instagram:story:${c}` } : accountOnly('instagram', account, false);
  }
  if (IG_RESERVED.has(la) || !IG_USER.test(a)) return NONE;
  const lb = b?.toLowerCase();
  if (lb === undefined) return accountOnly('instagram', la, true);
  if (isPost(lb) && c !== undefined && IG_CODE.test(c)) return { account: la, postId: c, key: `instagram:post:${c}` };
  return accountOnly('instagram', la, IG_TABS.has(lb) && c === undefined);
};

const tiktok: Parser = (host, segs) => {
  const [a, b, c] = segs;
  if (a === undefined) return NONE;
  const short = (code: string | undefined): Identity => (code !== undefined && SHORT_CODE.test(code) ? { account: null, postId: code, key: `tiktok:short:${code}` } : NONE);
  const video = (id: string | undefined, account: string | null = null): Identity | null => (id !== undefined && /^\d{8,25}$/.test(id) ? { account, postId: id, key: `tiktok:video:${id}` } : null);
  if (host !== 'tiktok.com') return b === undefined ? short(a) : NONE;
  const la = a.toLowerCase();
  if (la.startsWith('@')) {
    const user = la.slice(1);
    if (!TT_USER.test(user)) return NONE;
    if (b === undefined) return accountOnly('tiktok', user, true);
    const lb = b.toLowerCase();
    return ((lb === 'video' || lb === 'photo') && video(c, user)) || accountOnly('tiktok', user, false);
  }
  if (la === 't') return c === undefined ? short(b) : NONE;
  if (la === 'v') return video(b?.replace(/\.html$/i, '')) ?? NONE;
  if (la === 'embed') return video(b?.toLowerCase() === 'v2' ? c : b) ?? NONE;
  if (la === 'share' && b?.toLowerCase() === 'video') return video(c) ?? NONE;
  if (la === 'video') return video(b) ?? NONE;
  return NONE;
};

const youtube: Parser = (host, segs, params) => {
  const [a, b, c] = segs;
  const video = (id: string | null | undefined): Identity | null => (id && YT_ID.test(id) ? { account: null, postId: id, key: `youtube:video:${id}` } : null);
  if (host === 'youtu.be') return NONE; // a youtu.be path that is not a video id
  if (a === undefined) return NONE;
  const la = a.toLowerCase();
  const channelAccount = (account: string): Identity => accountOnly('youtube', account, c === undefined || YT_TABS.has(c.toLowerCase()));
  switch (la) {
    case 'watch':
      return video(param(params, 'v')) ?? video(b) ?? NONE;
    case 'shorts':
    case 'embed':
    case 'live':
    case 'v':
    case 'e':
      return video(b) ?? NONE;
    case 'playlist': {
      const list = param(params, 'list');
      return list !== null && YT_LIST.test(list) ? { account: null, postId: list, key: `youtube:playlist:${list}` } : NONE;
    }
    case 'post':
      return b !== undefined && SHORT_CODE.test(b) ? { account: null, postId: b, key: `youtube:post:${b}` } : NONE;
    case 'channel':
      return b !== undefined && YT_CHANNEL.test(b) ? channelAccount(b) : NONE;
    case 'c':
    case 'user':
      return b !== undefined && YT_NAME.test(b) ? channelAccount(`${la}/${b.toLowerCase()}`) : NONE;
    default:
      break;
  }
  if (la.startsWith('@')) {
    if (!YT_NAME.test(la.slice(1))) return NONE;
    const tab = b?.toLowerCase();
    return accountOnly('youtube', la, tab === undefined || (YT_TABS.has(tab) && c === undefined));
  }
  // Legacy custom URL at the root: youtube.com/<name> is youtube.com/c/<name>.
  if (!YT_RESERVED.has(la) && YT_NAME.test(a) && (b === undefined || (YT_TABS.has(b.toLowerCase()) && c === undefined))) return accountOnly('youtube', `c/${la}`, true);
  return NONE;
};

const x: Parser = (host, segs) => {
  const [a, b, c, d] = segs;
  if (a === undefined) return NONE;
  if (host === 't.co') return b === undefined && SHORT_CODE.test(a) ? { account: null, postId: a, key: `x:short:${a}` } : NONE;
  const la = a.toLowerCase();
  const lb = b?.toLowerCase();
  const status = (id: string | undefined, account: string | null): Identity | null => (id !== undefined && DIGITS.test(id) ? { account, postId: id, key: `x:status:${id}` } : null);
  if (la === 'i') {
    if (lb === 'web' && c?.toLowerCase() === 'status') return status(d, null) ?? NONE;
    if (lb === 'status') return status(c, null) ?? NONE;
    return NONE;
  }
  if (X_RESERVED.has(la) || !X_USER.test(a)) return NONE;
  if (lb === undefined) return accountOnly('x', la, true);
  if (lb === 'status' || lb === 'statuses') return status(c, la) ?? accountOnly('x', la, false);
  return accountOnly('x', la, X_TABS.has(lb) && c === undefined);
};

const telegram: Parser = (_host, segs) => {
  const [a, b, c, d] = segs;
  if (a === undefined) return NONE;
  const la = a.toLowerCase();
  const invite = (code: string | undefined): Identity => (code !== undefined && TG_INVITE.test(code) ? { account: null, postId: null, key: `telegram:invite:${code}` } : NONE);
  if (a.startsWith('+')) {
    const rest = a.slice(1);
    if (/^\d{5,15}$/.test(rest)) return { account: `+${rest}`, postId: null, key: `telegram:phone:${rest}` };
    return b === undefined ? invite(rest) : NONE;
  }
  if (la === 'joinchat') return c === undefined ? invite(b) : NONE;
  if (la === 'c') {
    if (b === undefined || !DIGITS.test(b)) return NONE;
    const account = `c/${b}`;
    const message = d !== undefined && DIGITS.test(d) ? d : c;
    if (message === undefined) return accountOnly('telegram', account, true);
    return DIGITS.test(message) ? { account, postId: message, key: `telegram:post:${account}/${message}` } : accountOnly('telegram', account, false);
  }
  const channelAt = (name: string | undefined, first: string | undefined, second: string | undefined): Identity => {
    if (name === undefined || !TG_USER.test(name)) return NONE;
    const account = name.toLowerCase();
    if (first === undefined) return accountOnly('telegram', account, true);
    const message = second !== undefined && DIGITS.test(second) && DIGITS.test(first) ? second : first;
    return DIGITS.test(message) ? { account, postId: message, key: `telegram:post:${account}/${message}` } : accountOnly('telegram', account, false);
  };
  if (la === 's') return channelAt(b, c, d);
  if (TG_RESERVED.has(la)) return NONE;
  return channelAt(a, b, c);
};

/** Digits only, without "+" or "00"; null unless 6 to 15 digits remain. */
function phoneNumber(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.length > 40) return null;
  let digits = raw.replace(/[\s+\-().]/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  return /^\d{6,15}$/.test(digits) ? digits : null;
}

const whatsapp: Parser = (host, segs, params) => {
  const [a, b] = segs;
  const phone = (raw: string | null | undefined): Identity => {
    const number = phoneNumber(raw);
    return number === null ? NONE : { account: number, postId: null, key: `whatsapp:phone:${number}` };
  };
  const la = a?.toLowerCase();
  if (host === 'chat.whatsapp.com') {
    const code = la === 'invite' ? b : a;
    return code !== undefined && WA_INVITE.test(code) ? { account: null, postId: null, key: `whatsapp:group:${code}` } : NONE;
  }
  if (host === 'wa.me') {
    if (a === undefined) return NONE;
    if (la === 'message') return b !== undefined && SHORT_CODE.test(b) ? { account: null, postId: b, key: `whatsapp:message:${b}` } : NONE;
    return b === undefined ? phone(a) : NONE;
  }
  if (la === 'send' || la === undefined) return phone(param(params, 'phone'));
  if (la === 'channel') return b !== undefined && SHORT_CODE.test(b) ? { account: null, postId: null, key: `whatsapp:channel:${b}` } : NONE;
  return NONE;
};

const snapchat: Parser = (host, segs) => {
  const [a, b] = segs;
  if (a === undefined) return NONE;
  const short = (code: string | undefined): Identity => (code !== undefined && SHORT_CODE.test(code) ? { account: null, postId: code, key: `snapchat:short:${code}` } : NONE);
  if (host === 't.snapchat.com') return b === undefined ? short(a) : NONE;
  const la = a.toLowerCase();
  const user = (name: string | undefined): Identity => (name !== undefined && SC_USER.test(name) ? accountOnly('snapchat', name.toLowerCase(), true) : NONE);
  if (la.startsWith('@')) return b === undefined ? user(a.slice(1)) : NONE;
  if (la === 'add' || (host === 'story.snapchat.com' && la === 's')) return user(b);
  if (la === 't') return short(b);
  if (la === 'spotlight') return b !== undefined && SHORT_CODE.test(b) ? { account: null, postId: b, key: `snapchat:spotlight:${b}` } : NONE;
  return NONE;
};

const PARSERS: Readonly<Record<string, Parser>> = { facebook, instagram, tiktok, youtube, x, telegram, whatsapp, snapchat };

// ---------------------------------------------------------------------------

function canonicalise(raw: unknown, depth: number): CanonicalUrl | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_INPUT_LENGTH) return null;
  const text = refang(peel(stripInvisible(raw)));
  if (text === '') return null;
  const parts = splitTyped(text);
  if (parts === null) return null;
  let url: URL;
  try {
    url = new URL(`https://${parts.authority}${parts.rest}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const originalHost = usableHost(url.hostname);
  if (originalHost === null) return null;
  let host = foldHost(originalHost);
  const port = url.port === '80' || url.port === '443' ? '' : url.port;

  let rawPath = url.pathname;
  let rawSearch = url.search;
  // Old "#!" links: twitter.com/#!/user/status/1, facebook.com/#!/page.
  if ((rawPath === '/' || rawPath === '') && url.hash.startsWith('#!/') && !url.hash.startsWith('#!//') && (host === 'x.com' || host === 'facebook.com')) {
    const inner = new URL(url.hash.slice(2), 'https://host.invalid');
    rawPath = inner.pathname;
    rawSearch = inner.search;
  }
  let path = normalisePath(rawPath);
  let params = parseQuery(rawSearch);

  const target = redirectTarget(originalHost, host, path, rawPath, rawSearch, params);
  if (target !== null && depth < MAX_UNWRAP_DEPTH) {
    const unwrapped = canonicalise(target, depth + 1);
    if (unwrapped !== null) return unwrapped;
  }

  // <name>.t.me is t.me/<name>.
  if (host.endsWith('.t.me')) {
    const name = host.slice(0, -'.t.me'.length);
    if (TG_USER.test(name)) {
      host = 't.me';
      path = `/${name}${path}`;
    }
  }
  // youtu.be/<id> is youtube.com/watch?v=<id>.
  if (host === 'youtu.be' && port === '') {
    const id = safeDecode(path.slice(1));
    if (YT_ID.test(id)) {
      host = 'youtube.com';
      path = '/watch';
      params = [...params.filter((p) => p.key !== 'v'), { key: 'v', value: id }];
    }
  }

  const platform = port === '' ? (PLATFORM_HOSTS[host] ?? null) : null;
  params = params.filter((p) => !isTracking(p.key, platform));
  // wa.me and api.whatsapp.com take the number with or without "+" (which form decoding turns into a space).
  if (platform === 'whatsapp') params = params.map((p) => (p.key === 'phone' ? { key: p.key, value: phoneNumber(p.value) ?? p.value } : p));
  const query = serialiseQuery(params);
  const canonical = `https://${host}${port === '' ? '' : `:${port}`}${path === '' && query !== '' ? '/' : path}${query === '' ? '' : `?${query}`}`;

  const parser = platform === null ? undefined : PARSERS[platform];
  const segments = path === '' ? [] : path.slice(1).split('/').map(safeDecode);
  const identity = parser === undefined ? NONE : parser(host, segments, params);
  return {
    canonical,
    host,
    platform,
    account: identity.account,
    postId: identity.postId,
    contentKey: identity.key ?? `url:${canonical}`,
  };
}

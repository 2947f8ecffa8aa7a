/**
 * Content items (the post, video, account or site being reported) and the URLs
 * citizens type for them. Many reports point at the same item through
 * different strings: with or without scheme, m. and www. hosts, short links,
 * tracking parameters, defanged, or not a URL at all. Telling that they are the
 * same content is the workstation's job.
 */
import { BASE62, type Rng } from './prng.ts';
import { HANDLE_WORDS, NOT_URLS, SITE_TLDS, SITE_WORDS } from './corpus.ts';

/** Something on the internet that one or more reports are about. */
export interface ContentItem {
  /** Ground truth of which reports are about the same content; never sent. */
  key?: number;
  platform: string;
  handle?: string;
  /** Full URLs that all lead to this content. */
  forms: string[];
  /** The account's own page, which reporters often add. */
  accountUrl?: string;
  category: string;
  /** How many reports this item will get in the generated feed. */
  remaining: number;
}

export const UNKNOWN_PLATFORMS = ['threads', 'discord', 'bigo_live', 'kick'] as const;

const PLATFORM_WEIGHTS: readonly (readonly [string, number])[] = [
  ['facebook', 28], ['tiktok', 18], ['instagram', 14], ['whatsapp', 8], ['youtube', 8], ['telegram', 6], ['x', 4], ['snapchat', 4],
  ['website', 7], ['other', 2], ['unknown', 1.5],
];

const B64URL = `${BASE62}-_`;

function handleFor(rng: Rng, separator: string): string {
  const first = rng.pick(HANDLE_WORDS);
  const second = rng.pick(HANDLE_WORDS);
  const tail = rng.chance(0.5) ? String(rng.int(1, 2026)) : '';
  return `${first}${separator}${second}${tail}`;
}

function siteDomain(rng: Rng): string {
  const name = rng.chance(0.6) ? `${rng.pick(SITE_WORDS)}-${rng.pick(SITE_WORDS)}` : `${rng.pick(SITE_WORDS)}${rng.pick(SITE_WORDS)}${rng.int(1, 99)}`;
  return `${name}${rng.pick(SITE_TLDS)}`;
}

/** Forms for one platform; the first is the canonical one. */
function formsFor(rng: Rng, platform: string): { forms: string[]; handle?: string; accountUrl?: string } {
  switch (platform) {
    case 'facebook': {
      const handle = handleFor(rng, '.');
      const pageId = rng.digits(15);
      const accountUrl = `https://www.facebook.com/${handle}`;
      const kind = rng.weighted([['post', 5], ['video', 3], ['profile', 2], ['group', 1]] as const);
      if (kind === 'post') {
        const post = rng.digits(16);
        return {
          handle,
          accountUrl,
          forms: [
            `https://www.facebook.com/${handle}/posts/${post}`,
            `https://m.facebook.com/story.php?story_fbid=${post}&id=${pageId}`,
            `https://web.facebook.com/${handle}/posts/${post}`,
            `https://www.facebook.com/permalink.php?story_fbid=${post}&id=${pageId}`,
          ],
        };
      }
      if (kind === 'video') {
        const video = rng.digits(16);
        return { handle, accountUrl, forms: [`https://www.facebook.com/${handle}/videos/${video}/`, `https://fb.watch/${rng.chars(BASE62, 10)}/`, `https://m.facebook.com/watch/?v=${video}`] };
      }
      if (kind === 'group') {
        const group = rng.digits(15);
        return { forms: [`https://www.facebook.com/groups/${group}/`, `https://m.facebook.com/groups/${group}?ref=share`, `https://web.facebook.com/groups/${group}`] };
      }
      return { handle, accountUrl, forms: [accountUrl, `https://m.facebook.com/${handle}`, `https://www.facebook.com/profile.php?id=${pageId}`, `https://fb.com/${handle}`] };
    }
    case 'instagram': {
      const handle = handleFor(rng, rng.chance(0.5) ? '.' : '_');
      const code = rng.chars(B64URL, 11);
      const accountUrl = `https://www.instagram.com/${handle}/`;
      if (rng.chance(0.2)) return { handle, accountUrl, forms: [accountUrl, `https://instagram.com/${handle}`, `https://m.instagram.com/${handle}/`] };
      const path = rng.chance(0.5) ? 'p' : 'reel';
      return { handle, accountUrl, forms: [`https://www.instagram.com/${path}/${code}/`, `https://instagram.com/${path}/${code}`, `https://instagr.am/p/${code}/`, `https://www.instagram.com/${handle}/${path}/${code}/`] };
    }
    case 'tiktok': {
      const handle = handleFor(rng, rng.chance(0.5) ? '.' : '_');
      const video = rng.digits(19);
      const accountUrl = `https://www.tiktok.com/@${handle}`;
      if (rng.chance(0.15)) return { handle, accountUrl, forms: [accountUrl, `https://m.tiktok.com/@${handle}`] };
      return {
        handle,
        accountUrl,
        forms: [`https://www.tiktok.com/@${handle}/video/${video}`, `https://vm.tiktok.com/ZM${rng.chars(BASE62, 7)}/`, `https://m.tiktok.com/v/${video}.html`, `https://vt.tiktok.com/ZS${rng.chars(BASE62, 7)}/`],
      };
    }
    case 'youtube': {
      const handle = handleFor(rng, '');
      const id = rng.chars(B64URL, 11);
      const accountUrl = `https://www.youtube.com/@${handle}`;
      if (rng.chance(0.3)) return { handle, accountUrl, forms: [`https://www.youtube.com/shorts/${id}`, `https://youtube.com/shorts/${id}`, `https://youtu.be/${id}`] };
      return { handle, accountUrl, forms: [`https://www.youtube.com/watch?v=${id}`, `https://youtu.be/${id}`, `https://m.youtube.com/watch?v=${id}`, `https://youtube.com/watch?v=${id}&feature=share`] };
    }
    case 'x': {
      const handle = handleFor(rng, '_');
      const status = rng.digits(19);
      const accountUrl = `https://x.com/${handle}`;
      return { handle, accountUrl, forms: [`https://x.com/${handle}/status/${status}`, `https://twitter.com/${handle}/status/${status}`, `https://mobile.twitter.com/${handle}/status/${status}`, `https://x.com/${handle}/status/${status}/photo/1`] };
    }
    case 'telegram': {
      const handle = handleFor(rng, '_');
      const accountUrl = `https://t.me/${handle}`;
      if (rng.chance(0.25)) {
        const invite = rng.chars(B64URL, 16);
        return { forms: [`https://t.me/+${invite}`, `https://t.me/joinchat/${invite}`] };
      }
      const message = rng.int(2, 90000);
      return { handle, accountUrl, forms: [`https://t.me/${handle}/${message}`, `https://t.me/s/${handle}/${message}`, `https://telegram.me/${handle}/${message}`] };
    }
    case 'whatsapp': {
      const kind = rng.weighted([['group', 5], ['number', 4], ['channel', 1]] as const);
      if (kind === 'group') {
        const invite = rng.chars(BASE62, 22);
        return { forms: [`https://chat.whatsapp.com/${invite}`, `https://chat.whatsapp.com/invite/${invite}`] };
      }
      if (kind === 'channel') return { forms: [`https://whatsapp.com/channel/${rng.chars(BASE62, 24)}`] };
      const number = `212${rng.pick(['6', '7'])}${rng.digits(8)}`;
      return { forms: [`https://wa.me/${number}`, `https://api.whatsapp.com/send?phone=${number}`, `https://wa.me/+${number}`] };
    }
    case 'snapchat': {
      const handle = handleFor(rng, rng.chance(0.5) ? '.' : '_');
      const accountUrl = `https://www.snapchat.com/add/${handle}`;
      return { handle, accountUrl, forms: [accountUrl, `https://snapchat.com/add/${handle}?share_id=${rng.chars(BASE62, 11)}&locale=fr-MA`, `https://t.snapchat.com/${rng.chars(BASE62, 8)}`, `https://story.snapchat.com/@${handle}`] };
    }
    case 'website': {
      const domain = siteDomain(rng);
      const path = rng.pick(['/', `/offre?id=${rng.int(1, 9999)}`, '/login.php', '/inscription', `/produit/${rng.int(10, 999)}`, '/index.html#form']);
      return { forms: [`https://${domain}${path}`, `http://${domain}${path}`, `https://www.${domain}${path}`, `https://bit.ly/${rng.chars(BASE62, 7)}`, `https://cutt.ly/${rng.chars(BASE62, 7)}`] };
    }
    case 'threads': {
      const handle = handleFor(rng, '.');
      const code = rng.chars(B64URL, 11);
      return { handle, accountUrl: `https://www.threads.net/@${handle}`, forms: [`https://www.threads.net/@${handle}/post/${code}`, `https://www.threads.com/@${handle}/post/${code}`] };
    }
    case 'discord':
      return { forms: [`https://discord.gg/${rng.chars(BASE62, 8)}`, `https://discord.com/invite/${rng.chars(BASE62, 8)}`] };
    case 'bigo_live':
      return { forms: [`https://www.bigo.tv/${rng.digits(9)}`, `https://bigo.tv/${rng.digits(9)}`] };
    case 'kick': {
      const handle = handleFor(rng, '_');
      return { handle, accountUrl: `https://kick.com/${handle}`, forms: [`https://kick.com/${handle}`] };
    }
    default: {
      const handle = handleFor(rng, '_');
      return {
        forms: [
          rng.pick([
            `https://www.reddit.com/r/${handle}/comments/${rng.chars('0123456789abcdefghijklmnopqrstuvwxyz', 6)}/`,
            `https://ok.ru/video/${rng.digits(13)}`,
            `https://play.google.com/store/apps/details?id=com.${rng.pick(HANDLE_WORDS)}.${rng.pick(HANDLE_WORDS)}`,
            `https://www.twitch.tv/${handle}`,
            `https://vk.com/${handle}`,
          ]),
        ],
      };
    }
  }
}

/** A new item: its platform, URLs, and how many reports it will get (Zipf-like, 1..maxReports). */
export function createContentItem(rng: Rng, category: string, maxReports: number): ContentItem {
  let platform = rng.weighted(PLATFORM_WEIGHTS);
  if (platform === 'unknown') platform = rng.pick(UNKNOWN_PLATFORMS);
  const { forms, handle, accountUrl } = formsFor(rng, platform);
  // P(size >= k) ~ k^-1.2: most content is reported once, a few items by hundreds.
  const size = Math.min(maxReports, Math.floor(Math.pow(1 - rng.next(), -1 / 1.2)));
  const item: ContentItem = { platform, forms, category, remaining: Math.max(1, size) };
  if (handle !== undefined) item.handle = handle;
  if (accountUrl !== undefined) item.accountUrl = accountUrl;
  return item;
}

function tracking(rng: Rng, platform: string): string {
  switch (platform) {
    case 'facebook':
      return rng.pick([`fbclid=IwAR${rng.chars(B64URL, 40)}`, 'mibextid=Zxz2cZ', `rdid=${rng.chars(BASE62, 16)}`]);
    case 'instagram':
      return rng.pick([`igshid=${rng.chars(BASE62, 16)}`, `igsh=${rng.chars(BASE62, 16)}`, 'utm_source=ig_web_copy_link']);
    case 'youtube':
      return rng.pick([`si=${rng.chars(B64URL, 16)}`, 'feature=shared', `pp=${rng.chars(BASE62, 8)}`]);
    case 'tiktok':
      return rng.pick(['is_from_webapp=1&sender_device=pc', `_t=8${rng.chars(BASE62, 10)}&_r=1`, 'lang=fr']);
    case 'x':
      return rng.pick(['s=20', `s=46&t=${rng.chars(B64URL, 22)}`]);
    default:
      return rng.pick([
        'utm_source=facebook&utm_medium=social&utm_campaign=promo',
        `utm_source=whatsapp&utm_medium=share`,
        `fbclid=IwAR${rng.chars(B64URL, 40)}`,
        'ref=share',
      ]);
  }
}
function withQuery(url: string, query: string): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const fragment = hash >= 0 ? url.slice(hash) : '';
  return `${base}${base.includes('?') ? '&' : '?'}${query}${fragment}`;
}

function defang(url: string, rng: Rng): string {
  let out = url.replace(/^http/, 'hxxp');
  const match = /^(?:hxxps?:\/\/)?([^/?#]+)/.exec(out);
  if (match?.[1]) {
    const host = match[1];
    const defangedHost = rng.chance(0.7) ? host.replaceAll('.', '[.]') : host.replace('.', '(.)');
    out = out.replace(host, defangedHost);
  }
  return out;
}

/** One URL as a citizen types or pastes it. */
export function typedUrl(rng: Rng, form: string, platform: string): string {
  let url = form;
  if (rng.chance(0.3)) url = withQuery(url, tracking(rng, platform));
  const scheme = rng.next();
  if (url.startsWith('https://')) {
    if (scheme < 0.4) url = url.slice('https://'.length);
    else if (scheme < 0.45) url = `http://${url.slice('https://'.length)}`;
  }
  if (rng.chance(0.12)) url = url.replace(/^((?:https?:\/\/)?)www\./, '$1');
  if (rng.chance(0.08)) url = url.endsWith('/') ? url.slice(0, -1) : /[?#]/.test(url) ? url : `${url}/`;
  if (rng.chance(0.03)) url = defang(url, rng);
  if (rng.chance(0.02)) url = url.replace(/^((?:[a-z]+:\/\/)?)([^/?#]+)/, (_all, scheme: string, host: string) => `${scheme}${host.toUpperCase()}`);
  if (rng.chance(0.02)) url = rng.pick([` ${url}`, `${url} `, `${url}\n`]);
  return url;
}

/** Something that is not a URL, where the form expected one. */
export function notAUrl(rng: Rng, handle: string): string {
  return rng.pick(NOT_URLS).replace('{handle}', handle).replace('{digits}', rng.digits(6));
}

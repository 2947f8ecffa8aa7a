/** Facebook: pages, profiles, groups, posts, photos, videos, reels, events, marketplace items, share links and fb.watch. */

import { param } from '../query.ts';
import { accountOnly, type Identity, NONE, type Parse, type PlatformParser, SHORT_CODE } from './parser.ts';

/** Sub-domains of facebook.com that are the same site, on top of www./m./mobile. etc, and locale ones such as "ar-ar.". */
const FB_SUBDOMAINS = new Set(['l', 'lm', 'free', 'd', 'x', 'iphone', 'h', '0', 'zero', 'p', 'upload', 'business']);
const FB_LOCALE = /^[a-z]{2}-[a-z]{2}$/;

const FB_ID = /^\d{1,25}$/;
const FB_POST_ID = /^(?:\d{1,25}|pfbid[0-9A-Za-z]{10,90})$/;
const FB_NAME = /^[A-Za-z0-9][A-Za-z0-9.\-_]{0,99}$/;
const FB_RESERVED = new Set([
  'watch', 'groups', 'events', 'marketplace', 'pages', 'people', 'pg', 'photo', 'photos', 'reel', 'reels', 'share', 'sharer', 'login', 'help', 'privacy',
  'policies', 'policy', 'settings', 'messages', 'notifications', 'search', 'hashtag', 'gaming', 'stories', 'business', 'ads', 'dialog', 'plugins', 'legal',
  'about', 'fundraisers', 'donate', 'live', 'media', 'notes', 'public', 'saved', 'bookmarks', 'friends', 'memories', 'developers', 'careers', 'terms',
  'recover', 'checkpoint', 'reg', 'ajax', 'api', 'tr', 'home', 'feed', 'story', 'permalink', 'profile', 'video', 'l', 'dating', 'games', 'jobs',
  'messenger', 'places', 'pages_reaction_units', 'lite', 'mobile', 'zero', 'campaign', 'ad_campaign', 'business_help', 'instantgames', 'latest', 'me',
]);
const FB_TABS = new Set(['about', 'photos', 'videos', 'posts', 'reels', 'community', 'reviews', 'events', 'friends', 'followers', 'following', 'mentions', 'live', 'groups', 'photos_by', 'about_profile_transparency', 'shop']);

const parse: Parse = (host, segs, params) => {
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

export const facebook: PlatformParser = {
  platform: 'facebook',
  hosts: ['facebook.com', 'fb.watch'],
  aliases: ['fb.com', 'fb.me', 'facebookwkhpilnemxj7asaniu7vnjjbiltxjqhye3mhbshg7kx5tfyd.onion'],
  sameSite: (label, parent) => parent === 'facebook.com' && (FB_SUBDOMAINS.has(label) || FB_LOCALE.test(label)),
  hashBangHosts: ['facebook.com'],
  tracking: new Set(['eav', 'fref', 'pnref', 'hc_ref', 'hc_location', 'refsrc', 'refid', '_ft_', 'acontext', 'notif_id', 'notif_t', 'ref_component', 'ref_page', 'paipv', 'comment_tracking', 'extid', 'rdc', 'hrc', 'wtsid', 'lst', 'paid', 'eid']),
  parse,
};

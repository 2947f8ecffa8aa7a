/** YouTube: videos, shorts, playlists, posts and channels; youtu.be links become youtube.com/watch links. */

import { param, safeDecode } from '../query.ts';
import { accountOnly, type Identity, NONE, type Parse, type PlatformParser, SHORT_CODE } from './parser.ts';

const YT_ID = /^[A-Za-z0-9_-]{11}$/;
const YT_CHANNEL = /^UC[A-Za-z0-9_-]{22}$/;
const YT_NAME = /^[\p{L}\p{N}._-]{1,100}$/u;
const YT_LIST = /^[A-Za-z0-9_-]{10,64}$/;
const YT_RESERVED = new Set([
  'watch', 'shorts', 'embed', 'live', 'v', 'e', 'channel', 'c', 'user', 'playlist', 'results', 'feed', 'redirect', 'attribution_link', 'account', 'premium',
  'gaming', 'about', 't', 'hashtag', 'source', 'post', 'signin', 'logout', 'upload', 'music', 'kids', 'oembed', 'howyoutubeworks', 'creators', 'ads', 'new',
]);
const YT_TABS = new Set(['videos', 'shorts', 'streams', 'featured', 'playlists', 'community', 'posts', 'about', 'live', 'channels', 'podcasts', 'releases', 'store']);

const parse: Parse = (host, segs, params) => {
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

export const youtube: PlatformParser = {
  platform: 'youtube',
  hosts: ['youtube.com', 'youtu.be'],
  aliases: ['youtube-nocookie.com'],
  sameSite: (label, parent) => parent === 'youtube.com' && (label === 'music' || label === 'gaming'),
  tracking: new Set(['pp', 'ab_channel', 'embeds_referring_euri', 'embeds_referring_origin', 'source_ve_path', 'cbrd', 'ucbcb']),
  rewrite: (url) => {
    // youtu.be/<id> is youtube.com/watch?v=<id>.
    if (url.host !== 'youtu.be' || url.port !== '') return url;
    const id = safeDecode(url.path.slice(1));
    if (!YT_ID.test(id)) return url;
    return { ...url, host: 'youtube.com', path: '/watch', params: [...url.params.filter((p) => p.key !== 'v'), { key: 'v', value: id }] };
  },
  parse,
};

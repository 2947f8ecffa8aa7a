/** TikTok: accounts, videos and photo posts, and vm./vt. short links. */

import { accountOnly, type Identity, NONE, type Parse, type PlatformParser, SHORT_CODE } from './parser.ts';

const TT_USER = /^[A-Za-z0-9._]{1,30}$/;

const parse: Parse = (host, segs) => {
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

export const tiktok: PlatformParser = {
  platform: 'tiktok',
  hosts: ['tiktok.com', 'vm.tiktok.com', 'vt.tiktok.com'],
  tracking: new Set([
    'lang', 'language', 'is_copy_url', 'sender_web_id', 'web_id', 'u_code', 'preview_pb', 'timestamp', 'user_id', 'sec_uid', 'sec_user_id', 'share_app_id',
    'share_link_id', 'share_item_id', 'share_iid', 'social_sharing', 'source', 'tt_from', 'checksum', 'enter_method', 'embed_source', 'refer', 'referer_url',
    'referer_video_id', '_d', '_svg', 'item_author_type', 'region',
  ]),
  parse,
};

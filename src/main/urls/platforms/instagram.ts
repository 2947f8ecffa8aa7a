/** Instagram: accounts, posts, reels and stories. */

import { accountOnly, DIGITS, NONE, type Parse, type PlatformParser } from './parser.ts';

const IG_USER = /^[A-Za-z0-9._]{1,30}$/;
const IG_CODE = /^[A-Za-z0-9_-]{5,64}$/;
const IG_RESERVED = new Set([
  'p', 'reel', 'reels', 'tv', 'stories', 'explore', 'accounts', 'direct', 'about', 'legal', 'developer', 'web', 'emails', 'challenge', 'privacy', 'session',
  'oauth', 'graphql', 'api', 'static', 'ar', 'topics', 'locations', 's', 'invites', 'lite', 'create', 'nametag', 'your_activity', 'directory', 'help', 'u',
]);
const IG_TABS = new Set(['tagged', 'reels', 'saved', 'guides', 'channel', 'feed', 'followers', 'following']);

const parse: Parse = (_host, segs) => {
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

export const instagram: PlatformParser = {
  platform: 'instagram',
  hosts: ['instagram.com'],
  aliases: ['instagr.am'],
  sameSite: (label, parent) => parent === 'instagram.com' && label === 'l',
  tracking: new Set(['utm_medium', 'img_index_ref']),
  parse,
};

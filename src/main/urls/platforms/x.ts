/** X (Twitter): accounts and statuses, and t.co short links. */

import { accountOnly, DIGITS, type Identity, NONE, type Parse, type PlatformParser, SHORT_CODE } from './parser.ts';

const X_USER = /^[A-Za-z0-9_]{1,50}$/;
const X_RESERVED = new Set([
  'home', 'i', 'search', 'explore', 'settings', 'intent', 'share', 'hashtag', 'messages', 'notifications', 'login', 'logout', 'signup', 'tos', 'privacy',
  'compose', 'account', 'about', 'download', 'jobs', 'rules', 'who_to_follow', 'statuses', 'status', 'help', 'en', 'web', 'oauth', 'search-advanced',
]);
const X_TABS = new Set(['with_replies', 'media', 'likes', 'highlights', 'followers', 'following', 'verified_followers', 'articles', 'superfollows']);

const parse: Parse = (host, segs) => {
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

export const x: PlatformParser = {
  platform: 'x',
  hosts: ['x.com', 't.co'],
  aliases: ['twitter.com', 'fxtwitter.com', 'vxtwitter.com', 'fixupx.com', 'fixvx.com', 'twittpr.com'],
  hashBangHosts: ['x.com'],
  tracking: new Set(['s', 't', 'src', 'cxt', 'lang']),
  parse,
};

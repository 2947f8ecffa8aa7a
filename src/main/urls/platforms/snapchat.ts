/** Snapchat: accounts, Spotlight posts and short links. */

import { accountOnly, type Identity, NONE, type Parse, type PlatformParser, SHORT_CODE } from './parser.ts';

const SC_USER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;

const parse: Parse = (host, segs) => {
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

export const snapchat: PlatformParser = {
  platform: 'snapchat',
  hosts: ['snapchat.com', 'story.snapchat.com', 't.snapchat.com'],
  tracking: new Set(['share_id', 'locale', 'sc_referrer', 'sc_ua', 'sender_web_id', 'device_type', 'is_copy_url', 'link_type']),
  parse,
};

/** Telegram: channels, groups, messages, invite links and phone links. */

import { accountOnly, DIGITS, type Identity, NONE, type Parse, type PlatformParser } from './parser.ts';

const TG_USER = /^[A-Za-z][A-Za-z0-9_]{2,64}$/;
const TG_INVITE = /^[A-Za-z0-9_-]{5,64}$/;
const TG_RESERVED = new Set(['share', 'addstickers', 'addemoji', 'addtheme', 'proxy', 'socks', 'iv', 'login', 'setlanguage', 'bg', 'boost', 'confirmphone', 'contact', 'addlist', 'invoice', 'joinchat', 'm', 's', 'c']);

const parse: Parse = (_host, segs) => {
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

export const telegram: PlatformParser = {
  platform: 'telegram',
  hosts: ['t.me'],
  aliases: ['telegram.me', 'telegram.dog'],
  rewrite: (url) => {
    // <name>.t.me is t.me/<name>.
    if (!url.host.endsWith('.t.me')) return url;
    const name = url.host.slice(0, -'.t.me'.length);
    return TG_USER.test(name) ? { ...url, host: 't.me', path: `/${name}${url.path}` } : url;
  },
  parse,
};

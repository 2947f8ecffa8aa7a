/** WhatsApp: phone links, group invites, channels and message links. */

import { param } from '../query.ts';
import { type Identity, NONE, type Parse, type PlatformParser, SHORT_CODE } from './parser.ts';

const WHATSAPP_HOSTS: readonly string[] = ['wa.me', 'whatsapp.com', 'api.whatsapp.com', 'chat.whatsapp.com'];
const WA_INVITE = /^[A-Za-z0-9]{10,40}$/;

/** Digits only, without "+" or "00"; null unless 6 to 15 digits remain. */
function phoneNumber(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.length > 40) return null;
  let digits = raw.replace(/[\s+\-().]/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  return /^\d{6,15}$/.test(digits) ? digits : null;
}

const parse: Parse = (host, segs, params) => {
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

export const whatsapp: PlatformParser = {
  platform: 'whatsapp',
  hosts: WHATSAPP_HOSTS,
  rewrite: (url) => {
    // wa.me and api.whatsapp.com take the number with or without "+" (which form decoding turns into a space).
    if (url.port !== '' || !WHATSAPP_HOSTS.includes(url.host)) return url;
    return { ...url, params: url.params.map((p) => (p.key === 'phone' ? { key: p.key, value: phoneNumber(p.value) ?? p.value } : p)) };
  },
  parse,
};

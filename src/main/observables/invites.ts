/**
 * Group invite links: Telegram (t.me/joinchat/CODE, t.me/+CODE,
 * telegram.me/..., CODE.t.me is a channel, not an invite) and WhatsApp
 * (chat.whatsapp.com/CODE, chat.whatsapp.com/invite/CODE).
 *
 * The value is the link in one spelling per service:
 *   https://t.me/+CODE   and   https://chat.whatsapp.com/CODE
 * Codes are case-sensitive and kept exactly as written. Recognition is
 * canonicaliseUrl's (its content keys "telegram:invite:CODE" and
 * "whatsapp:group:CODE"), so a link is an invite here exactly when the URL
 * canonicaliser says so.
 */

import { canonicaliseUrl, type CanonicalUrl } from '../urls/canonical-url.ts';
import { display, type Observable } from './types.ts';

/** The invite link observable of a canonical URL, or null when it is not an invite. */
export function inviteFromCanonical(canonical: CanonicalUrl, raw: string): Observable | null {
  const key = canonical.contentKey;
  let value: string;
  let platform: string;
  let code: string;
  if (key.startsWith('telegram:invite:')) {
    code = key.slice('telegram:invite:'.length);
    value = `https://t.me/+${code}`;
    platform = 'telegram';
  } else if (key.startsWith('whatsapp:group:')) {
    code = key.slice('whatsapp:group:'.length);
    value = `https://chat.whatsapp.com/${code}`;
    platform = 'whatsapp';
  } else {
    return null;
  }
  const observable: Observable = { type: 'invite_link', value, detail: { platform, code } };
  const shown = display(raw, value);
  if (shown !== undefined) observable.display = shown;
  return observable;
}

/** One invite link typed by an analyst; null when the URL is not a Telegram or WhatsApp invite. */
export function normaliseInvite(raw: string): Observable | null {
  const canonical = canonicaliseUrl(raw);
  return canonical === null ? null : inviteFromCanonical(canonical, raw);
}

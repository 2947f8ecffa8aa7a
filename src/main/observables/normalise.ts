/**
 * normaliseObservable: the value of an observable an analyst adds by hand,
 * normalised exactly as extraction normalises it, so that the hand-made one
 * and the extracted one are the same (type, value).
 */

import { normaliseCryptoAddress } from './crypto.ts';
import { domainObservable } from './domains.ts';
import { normaliseEmail } from './emails.ts';
import { handleFromField, handleFromName, HANDLE_PLATFORMS, type HandlePlatform } from './handles.ts';
import { normaliseInvite } from './invites.ts';
import { ipObservable } from './ips.ts';
import { normalisePhone } from './phones.ts';
import { normaliseBankAccount } from './rib.ts';
import { foldDigits } from './text.ts';
import { MAX_RAW_VALUE, OBSERVABLE_TYPES, ObservableError, type Observable, type ObservableType } from './types.ts';
import { canonicaliseUrl } from '../urls/canonical-url.ts';
import { removeInvisible } from '../../shared/defang.ts';

function normaliseHandle(raw: string): Observable | null {
  // "platform:name" (the stored form), a profile URL, or "@name" / "name" on no known platform.
  const prefixed = /^([a-z]+):(.+)$/i.exec(raw);
  if (prefixed !== null && !raw.includes('://')) {
    const platform = (prefixed[1] ?? '').toLowerCase();
    const name = prefixed[2] ?? '';
    if (platform === 'unknown') return handleFromName(null, name, 'account_handle');
    if ((HANDLE_PLATFORMS as readonly string[]).includes(platform) && platform !== 'whatsapp') {
      // Accounts canonicaliseUrl spells with a kind prefix ("id:123", "group:x", "c/x") are kept as given, lower-cased.
      if (/^(?:id:\d{1,25}|group:[a-z0-9.\-_]{1,100}|c\/[\w.-]{1,100}|user\/[\w.-]{1,100}|UC[A-Za-z0-9_-]{22})$/i.test(name)) {
        const account = name.startsWith('UC') ? name : name.toLowerCase();
        return { type: 'handle', value: `${platform}:${account}`, detail: { platform, account, source: 'account_handle' } };
      }
      return handleFromName(platform as HandlePlatform, name, 'account_handle');
    }
  }
  return handleFromField(raw, null);
}

const NORMALISERS: Readonly<Record<ObservableType, { code: ObservableError['code']; run: (raw: string) => Observable | null }>> = {
  url: {
    code: 'observable.invalid_url',
    run: (raw) => {
      const c = canonicaliseUrl(raw);
      return c === null ? null : { type: 'url', value: c.canonical, detail: { host: c.host, platform: c.platform, contentKey: c.contentKey } };
    },
  },
  domain: {
    code: 'observable.invalid_domain',
    run: (raw) => {
      if (raw.includes('@')) return null;
      const c = canonicaliseUrl(raw);
      const host = c === null ? raw : c.host.replace(/:\d+$/, '');
      return /[\s/@]/.test(host) ? null : domainObservable(host);
    },
  },
  ip: { code: 'observable.invalid_ip', run: (raw) => ipObservable(raw) },
  email: { code: 'observable.invalid_email', run: (raw) => normaliseEmail(raw) },
  phone: { code: 'observable.invalid_phone', run: (raw) => normalisePhone(foldDigits(raw)) },
  handle: { code: 'observable.invalid_handle', run: normaliseHandle },
  crypto_address: { code: 'observable.invalid_crypto_address', run: (raw) => normaliseCryptoAddress(raw) },
  bank_account: { code: 'observable.invalid_bank_account', run: (raw) => normaliseBankAccount(foldDigits(raw)) },
  invite_link: { code: 'observable.invalid_invite_link', run: (raw) => normaliseInvite(raw) },
};

/**
 * The normalised value of an observable of `type` typed by an analyst.
 * Throws ObservableError with code 'observable.unknown_type', 'observable.empty',
 * 'observable.too_long' or 'observable.invalid_<type>' (e.g.
 * 'observable.invalid_phone' for "12345", 'observable.invalid_crypto_address'
 * for a wallet with a bad checksum).
 */
export function normaliseObservable(type: string, rawValue: string): string {
  return normaliseObservableFull(type, rawValue).value;
}

/** normaliseObservable, with the whole observable (detail included). */
export function normaliseObservableFull(type: string, rawValue: string): Observable {
  if (!(OBSERVABLE_TYPES as readonly string[]).includes(type)) throw new ObservableError('observable.unknown_type', `Unknown observable type: ${String(type).slice(0, 40)}`);
  if (typeof rawValue !== 'string') throw new ObservableError('observable.empty', 'The value is empty.');
  if (rawValue.length > MAX_RAW_VALUE) throw new ObservableError('observable.too_long', `The value is longer than ${MAX_RAW_VALUE} characters.`);
  const raw = removeInvisible(rawValue).trim();
  if (raw === '') throw new ObservableError('observable.empty', 'The value is empty.');
  const normaliser = NORMALISERS[type as ObservableType];
  const observable = normaliser.run(raw);
  if (observable === null || observable.type !== type) throw new ObservableError(normaliser.code, `Not a valid ${type.replace('_', ' ')}.`);
  return observable;
}

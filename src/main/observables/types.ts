/**
 * Observables: the technical identifiers found in a report's content (URLs,
 * domains, IP addresses, e-mail addresses, phone numbers, account handles,
 * cryptocurrency addresses, Moroccan bank accounts, group invite links).
 *
 * An observable is identified by (type, value): `value` is the normalised
 * form, the same whichever way the citizen wrote it, so that the same wallet
 * or phone number found in many reports is one observable.
 */

export const OBSERVABLE_TYPES = ['url', 'domain', 'ip', 'email', 'phone', 'handle', 'crypto_address', 'bank_account', 'invite_link'] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

/** Optional facts about an observable; which keys are set depends on the type (see each finder). */
export interface ObservableDetail {
  /** url: the canonical host; domain: the host it was seen on. */
  host?: string;
  /** url, handle, invite_link: 'facebook' | 'instagram' | ... as canonicaliseUrl names them. */
  platform?: string | null;
  /** url: canonicaliseUrl's content key. */
  contentKey?: string;
  /** domain: ASCII (punycode) form of the registrable domain. */
  ascii?: string;
  /** domain: the public suffix ("co.uk", "gov.ma", "blogspot.com"). */
  publicSuffix?: string;
  /** domain: true when the suffix comes from the private section of the Public Suffix List (blogspot.com, github.io...). */
  privateSuffix?: boolean;
  /** domain: true when the value is an internationalised domain name. */
  idn?: boolean;
  /** ip: 4 or 6. */
  version?: number;
  /** phone: ISO country of the number (libphonenumber-js), e.g. 'MA'. */
  country?: string;
  /** crypto_address: 'bitcoin' | 'bitcoin-testnet' | 'ethereum' | 'tron'. */
  chain?: string;
  /** crypto_address: 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'witness_v<n>' | 'account'. */
  kind?: string;
  /** bank_account: RIB parts. */
  bankCode?: string;
  cityCode?: string;
  accountNumber?: string;
  key?: string;
  /** bank_account: the IBAN form (MA + 2 check digits + RIB). */
  iban?: string;
  /** handle: the account name without the platform prefix. */
  account?: string;
  /** invite_link: the case-sensitive invite code. */
  code?: string;
  /** Where the observable came from: 'url', 'description', 'account_handle'. */
  source?: 'url' | 'description' | 'account_handle';
}

export interface Observable {
  type: ObservableType;
  /** Normalised value; (type, value) identifies the observable. */
  value: string;
  /** How it was written, when that differs from `value` (trimmed, at most 200 characters). */
  display?: string;
  detail?: ObservableDetail;
}

/** An observable with the span [start, end) of the scanned text it was found at. */
export interface Found {
  observable: Observable;
  start: number;
  end: number;
}

export type ObservableErrorCode =
  | 'observable.unknown_type'
  | 'observable.empty'
  | 'observable.too_long'
  | 'observable.invalid_url'
  | 'observable.invalid_domain'
  | 'observable.invalid_ip'
  | 'observable.invalid_email'
  | 'observable.invalid_phone'
  | 'observable.invalid_handle'
  | 'observable.invalid_crypto_address'
  | 'observable.invalid_bank_account'
  | 'observable.invalid_invite_link';

/** Thrown by normaliseObservable: `code` is stable and meant for translation. */
export class ObservableError extends Error {
  readonly code: ObservableErrorCode;

  constructor(code: ObservableErrorCode, message: string) {
    super(message);
    this.name = 'ObservableError';
    this.code = code;
  }
}

/** Text longer than this (UTF-16 units) is truncated before extraction. */
export const MAX_EXTRACT_TEXT = 100_000;
/** At most this many URLs of a report are looked at. */
export const MAX_URLS = 500;
/** Raw values longer than this are refused by normaliseObservable. */
export const MAX_RAW_VALUE = 4096;
/**
 * At most this many candidates of one kind are validated per text (a phone number costs ~0.1 ms to
 * validate, a URL ~0.1 ms); the rest of a text stuffed with thousands of them is ignored for that kind.
 */
export const MAX_CANDIDATES = 1000;
/** Longest `display` kept. */
export const MAX_DISPLAY = 200;

export function display(raw: string, value: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === value || trimmed === '') return undefined;
  return trimmed.length > MAX_DISPLAY ? `${trimmed.slice(0, MAX_DISPLAY - 1)}…` : trimmed;
}

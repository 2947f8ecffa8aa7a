/**
 * Registrable domains ("eTLD+1"), from the Public Suffix List through tldts.
 *
 * Private-section suffixes count (allowPrivateDomains): on blogspot.com,
 * github.io, herokuapp.com... each customer sub-domain belongs to someone
 * else, so "someone.blogspot.com" is the registrable domain, not
 * "blogspot.com" (which is what the ICANN rules alone would give). A host that
 * is itself a private suffix (plain "blogspot.com") falls back to the ICANN
 * reading (urls/public-suffix.ts). Multi-level ICANN suffixes are honoured: "a.b.gov.ma" → "b.gov.ma",
 * "www.x.co.uk" → "x.co.uk".
 *
 * IDN choice: the value is the Unicode form, lower-cased (what the analyst
 * and the citizen read: "bücher.de", "موقع.المغرب"), and detail.ascii keeps
 * the punycode form ("xn--bcher-kva.de"). Both are derived from the ASCII
 * form the WHATWG URL parser produces (UTS #46 mapping), so the value is the
 * same whether the URL was written in Unicode, in punycode or in upper case.
 */

import { domainToASCII, domainToUnicode } from 'node:url';
import { suffixInfo } from '../urls/public-suffix.ts';
import type { Observable } from './types.ts';

export interface RegistrableDomain {
  /** Unicode, lower case. */
  value: string;
  /** Punycode (ASCII), lower case. */
  ascii: string;
  publicSuffix: string;
  privateSuffix: boolean;
  /** The suffix is known to the Public Suffix List (ICANN or private), not just the "*" default rule. */
  knownSuffix: boolean;
}

/** The registrable domain of a host name (any case, Unicode or punycode); null for IPs, single labels and hosts that are a public suffix. */
const domainMemo = new Map<string, Readonly<RegistrableDomain> | null>();

/** The registrable domain of a host (see registrableDomainOf); recent hosts are remembered (bounded). */
export function registrableDomain(host: string): RegistrableDomain | null {
  const cached = domainMemo.get(host);
  if (cached !== undefined) return cached;
  const result = registrableDomainOf(host);
  if (host.length <= 253) {
    if (domainMemo.size >= 4096) domainMemo.clear();
    domainMemo.set(host, result === null ? null : Object.freeze(result));
  }
  return result;
}

function registrableDomainOf(host: string): RegistrableDomain | null {
  const trimmed = host.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.length > 253 || trimmed.startsWith('[')) return null;
  const ascii = domainToASCII(trimmed);
  if (ascii === '' || !ascii.includes('.')) return null;
  const info = suffixInfo(ascii);
  if (info.isIp === true) return null;
  if (info.domain === null || info.publicSuffix === null) return null;
  const domainAscii = info.domain;
  const unicode = domainToUnicode(domainAscii) || domainAscii;
  return {
    value: unicode.toLowerCase(),
    ascii: domainAscii,
    publicSuffix: domainToUnicode(info.publicSuffix) || info.publicSuffix,
    privateSuffix: info.isPrivate === true,
    knownSuffix: info.isIcann === true || info.isPrivate === true,
  };
}

/** The domain observable of a host, or null. */
export function domainObservable(host: string): Observable | null {
  const domain = registrableDomain(host);
  if (domain === null) return null;
  const observable: Observable = {
    type: 'domain',
    value: domain.value,
    detail: { ascii: domain.ascii, publicSuffix: domain.publicSuffix, privateSuffix: domain.privateSuffix, idn: domain.value !== domain.ascii },
  };
  const unicodeHost = domainToUnicode(host) || host;
  if (unicodeHost !== domain.value && observable.detail !== undefined) observable.detail.host = unicodeHost;
  return observable;
}

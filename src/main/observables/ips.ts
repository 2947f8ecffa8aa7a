/**
 * IP addresses: valid IPv4 (dotted quad, no leading zeros: node:net isIP)
 * and IPv6 (normalised by the WHATWG URL parser to its compressed lower-case
 * form, RFC 5952 style: "2001:DB8:0:0::1" → "2001:db8::1"). Defanged dots
 * "1[.]2[.]3[.]4" are read too. The unspecified address "::" is ignored.
 *
 * Linear: both patterns start at a token boundary (look-behind) and have
 * bounded quantifiers.
 */

import { isIP } from 'node:net';
import { display, type Found, type Observable } from './types.ts';

const IPV4 = /(?<![0-9A-Za-z.])\d{1,3}(?:(?:\.|\[\.\]|\(\.\))\d{1,3}){3}(?![0-9A-Za-z]|\.\d)/g;
const IPV6 = /(?<![0-9A-Za-z:.])[0-9A-Fa-f:.]{2,45}(?![0-9A-Za-z:])/g;

/** The normalised form of an IP address, with its version, or null. */
export function normaliseIpText(raw: string): { value: string; version: 4 | 6 } | null {
  let text = raw.trim().replace(/\[\.\]|\(\.\)/g, '.');
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const version = isIP(text);
  if (version === 4) return { value: text, version: 4 };
  if (version !== 6 || text.includes('%')) return null;
  let value: string;
  try {
    value = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  if (value === '::') return null;
  return { value, version: 6 };
}

export function ipObservable(raw: string): Observable | null {
  const ip = normaliseIpText(raw);
  if (ip === null) return null;
  const observable: Observable = { type: 'ip', value: ip.value, detail: { version: ip.version } };
  const shown = display(raw, ip.value);
  if (shown !== undefined) observable.display = shown;
  return observable;
}

/** IPv4 and IPv6 addresses in `text`. */
export function findIps(text: string): Found[] {
  const found: Found[] = [];
  IPV6.lastIndex = 0;
  for (let m = IPV6.exec(text); m !== null; m = IPV6.exec(text)) {
    let candidate = m[0];
    while (candidate.endsWith('.')) candidate = candidate.slice(0, -1);
    if ((candidate.match(/:/g) ?? []).length < 2) continue;
    const observable = ipObservable(candidate);
    if (observable !== null) found.push({ observable, start: m.index, end: m.index + candidate.length });
  }
  const v6 = found.length;
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(text); m !== null; m = IPV4.exec(text)) {
    const start = m.index;
    // The IPv4 tail of an IPv4-mapped IPv6 address is part of that address.
    if (found.slice(0, v6).some((f) => start >= f.start && start < f.end)) continue;
    const observable = ipObservable(m[0]);
    if (observable !== null) found.push({ observable, start, end: start + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

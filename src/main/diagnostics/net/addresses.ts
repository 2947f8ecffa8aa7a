/**
 * Classifier of IP addresses for online URL diagnostics (issue #11).
 *
 * The threat: a URL in an untrusted report must never become a request into
 * the police's own network. A report can name an internal address directly
 * (http://10.1.2.3/), hide it in a notation that some parser reads differently
 * (http://0177.0.0.1/, http://2130706433/, http://[::ffff:127.0.0.1]/), or
 * use a name whose DNS answers point inside (DNS rebinding). This module only
 * answers "what is this address?"; destination-policy.ts decides.
 *
 * Ranges come from the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (https://www.iana.org/assignments/iana-ipv4-special-registry,
 * https://www.iana.org/assignments/iana-ipv6-special-registry; RFC 6890 and
 * RFC 8190), plus the multicast blocks (RFC 5771, RFC 4291), the deprecated
 * IPv6 site-local block (RFC 3879) and, for IPv6, everything outside the
 * global unicast block 2000::/3 (IANA IPv6 Address Space: "Reserved by IETF").
 * `public` follows the registry's "Globally Reachable" column, with two
 * stricter choices: ORCHID/DET identifiers (2001:20::/28, 2001:30::/28) are
 * identifiers, not locators, and IPv4-compatible addresses (::a.b.c.d) are
 * deprecated; neither is ever public.
 *
 * Addresses that carry an IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo) are
 * judged by the IPv4 they carry: ::ffff:127.0.0.1 and 64:ff9b::10.0.0.1 are
 * not public.
 *
 * Parsing is strict: node:net isIP must accept the text, zone identifiers
 * (fe80::1%eth0, which isIP accepts) are refused, and so are the IPv4 forms
 * that inet_aton and browsers accept but isIP does not (0177.0.0.1, 0x7f.1,
 * 127.1, 2130706433). The input comes from DNS answers and untrusted reports:
 * a URL's host is normalised by destination-policy.ts with the WHATWG URL
 * parser first, which turns those forms into dotted decimal.
 */

import { isIP } from 'node:net';

export type AddressRange =
  | 'global'
  | 'anycast'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'this-network'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'ietf-protocol'
  | 'reserved'
  | 'ipv4-mapped'
  | 'ipv4-compatible'
  | 'nat64'
  | '6to4'
  | 'teredo'
  | 'unique-local'
  | 'site-local'
  | 'discard-only'
  | 'orchid';

export interface AddressClass {
  family: 4 | 6;
  range: AddressRange;
  /** True when a diagnostic request may go there without the lab setting. */
  public: boolean;
  /** The RFC the registry cites, e.g. "RFC 1122". */
  rfc: string;
  /** The IPv4 address an IPv6 form carries, with its own class. */
  embedded?: { ip: string; class: AddressClass };
}

/** An address text refused by the strict parser (odd notation, zone id, not an IP). */
export class AddressFormatError extends Error {
  readonly input: string;

  constructor(input: string, message: string) {
    super(message);
    this.name = 'AddressFormatError';
    this.input = input;
  }
}

interface Row {
  /** Network address bytes (4 or 16) and prefix length. */
  readonly net: readonly number[];
  readonly bits: number;
  readonly range: AddressRange;
  readonly public: boolean;
  readonly rfc: string;
  /** How the IPv4 address is carried, for the IPv6 forms that carry one. */
  readonly carries?: 'last32' | '6to4' | 'teredo';
}

function splitCidr(cidr: string): [ip: string, bits: number] {
  const slash = cidr.indexOf('/');
  return [cidr.slice(0, slash), Number(cidr.slice(slash + 1))];
}

function v4(cidr: string, range: AddressRange, isPublic: boolean, rfc: string): Row {
  const [ip, bits] = splitCidr(cidr);
  return { net: ipv4Bytes(ip), bits, range, public: isPublic, rfc };
}

function v6(cidr: string, range: AddressRange, isPublic: boolean, rfc: string, carries?: Row['carries']): Row {
  const [ip, bits] = splitCidr(cidr);
  const row: Row = { net: ipv6Bytes(ip), bits, range, public: isPublic, rfc };
  return carries === undefined ? row : { ...row, carries };
}

/** Most specific first: the first matching row wins. */
const IPV4_ROWS: readonly Row[] = [
  v4('0.0.0.0/32', 'unspecified', false, 'RFC 1122'), // "This host on this network"; connecting to it reaches the local host
  v4('0.0.0.0/8', 'this-network', false, 'RFC 791'),
  v4('10.0.0.0/8', 'private', false, 'RFC 1918'),
  v4('100.64.0.0/10', 'cgnat', false, 'RFC 6598'),
  v4('127.0.0.0/8', 'loopback', false, 'RFC 1122'),
  v4('169.254.0.0/16', 'link-local', false, 'RFC 3927'),
  v4('172.16.0.0/12', 'private', false, 'RFC 1918'),
  v4('192.0.0.0/29', 'ietf-protocol', false, 'RFC 7335'), // IPv4 Service Continuity Prefix (DS-Lite)
  v4('192.0.0.8/32', 'ietf-protocol', false, 'RFC 7600'), // IPv4 dummy address
  v4('192.0.0.9/32', 'anycast', true, 'RFC 7723'), // Port Control Protocol anycast: globally reachable
  v4('192.0.0.10/32', 'anycast', true, 'RFC 8155'), // TURN anycast: globally reachable
  v4('192.0.0.170/31', 'ietf-protocol', false, 'RFC 8880'), // NAT64/DNS64 discovery (.170 and .171)
  v4('192.0.0.0/24', 'ietf-protocol', false, 'RFC 6890'),
  v4('192.0.2.0/24', 'documentation', false, 'RFC 5737'),
  v4('192.31.196.0/24', 'anycast', true, 'RFC 7535'), // AS112-v4
  v4('192.52.193.0/24', 'anycast', true, 'RFC 7450'), // AMT
  v4('192.88.99.0/24', 'reserved', false, 'RFC 7526'), // deprecated 6to4 relay anycast
  v4('192.168.0.0/16', 'private', false, 'RFC 1918'),
  v4('192.175.48.0/24', 'anycast', true, 'RFC 7534'), // AS112 direct delegation
  v4('198.18.0.0/15', 'benchmarking', false, 'RFC 2544'),
  v4('198.51.100.0/24', 'documentation', false, 'RFC 5737'),
  v4('203.0.113.0/24', 'documentation', false, 'RFC 5737'),
  v4('224.0.0.0/4', 'multicast', false, 'RFC 5771'),
  v4('255.255.255.255/32', 'broadcast', false, 'RFC 919'),
  v4('240.0.0.0/4', 'reserved', false, 'RFC 1112'),
];

const IPV6_ROWS: readonly Row[] = [
  v6('::/128', 'unspecified', false, 'RFC 4291'),
  v6('::1/128', 'loopback', false, 'RFC 4291'),
  v6('::ffff:0:0/96', 'ipv4-mapped', false, 'RFC 4291', 'last32'),
  v6('::/96', 'ipv4-compatible', false, 'RFC 4291', 'last32'), // deprecated (section 2.5.5.1): never public
  v6('64:ff9b::/96', 'nat64', false, 'RFC 6052', 'last32'),
  // Local-use translation prefix: where the IPv4 sits depends on the operator's prefix length; never public.
  v6('64:ff9b:1::/48', 'nat64', false, 'RFC 8215'),
  v6('100::/64', 'discard-only', false, 'RFC 6666'),
  v6('2001::/32', 'teredo', false, 'RFC 4380', 'teredo'),
  v6('2001:1::1/128', 'anycast', true, 'RFC 7723'), // PCP anycast
  v6('2001:1::2/128', 'anycast', true, 'RFC 8155'), // TURN anycast
  v6('2001:1::3/128', 'anycast', true, 'RFC 9665'), // DNS-SD SRP anycast
  v6('2001:2::/48', 'benchmarking', false, 'RFC 5180'),
  v6('2001:3::/32', 'anycast', true, 'RFC 7450'), // AMT
  v6('2001:4:112::/48', 'anycast', true, 'RFC 7535'), // AS112-v6
  v6('2001:10::/28', 'orchid', false, 'RFC 4843'), // deprecated ORCHID
  v6('2001:20::/28', 'orchid', false, 'RFC 7343'), // ORCHIDv2: identifiers, not locators
  v6('2001:30::/28', 'orchid', false, 'RFC 9374'), // Drone Remote ID entity tags (ORCHIDv2 format)
  v6('2001::/23', 'ietf-protocol', false, 'RFC 2928'),
  v6('2001:db8::/32', 'documentation', false, 'RFC 3849'),
  v6('2002::/16', '6to4', false, 'RFC 3056', '6to4'),
  v6('2620:4f:8000::/48', 'anycast', true, 'RFC 7534'), // AS112 direct delegation
  v6('3fff::/20', 'documentation', false, 'RFC 9637'),
  v6('2000::/3', 'global', true, 'RFC 4291'),
  v6('5f00::/16', 'reserved', false, 'RFC 9602'), // SRv6 segment identifiers
  v6('fc00::/7', 'unique-local', false, 'RFC 4193'),
  v6('fe80::/10', 'link-local', false, 'RFC 4291'),
  v6('fec0::/10', 'site-local', false, 'RFC 3879'),
  v6('ff00::/8', 'multicast', false, 'RFC 4291'),
  v6('::/0', 'reserved', false, 'RFC 4291'), // everything outside 2000::/3 not listed above
];

const GLOBAL_V4: Omit<Row, 'net' | 'bits'> = { range: 'global', public: true, rfc: 'RFC 791' };

/**
 * Classifies one IP address written in a standard textual form: dotted
 * decimal IPv4, or IPv6 (with or without an embedded dotted IPv4, no zone
 * id, no brackets). Throws AddressFormatError for anything else.
 */
export function classifyAddress(ip: string): AddressClass {
  const family = strictFamily(ip);
  if (family === 4) return classifyV4Bytes(ipv4Bytes(ip));
  const bytes = ipv6Bytes(ip);
  const row = match(IPV6_ROWS, bytes);
  const base: AddressClass = { family: 6, range: row.range, public: row.public, rfc: row.rfc };
  if (row.carries === undefined) return base;
  if (row.carries === 'teredo') {
    // RFC 4380 section 4: server IPv4 in bits 32-63, client IPv4 (bit-inverted) in bits 96-127.
    // Packets reach the client's address; the server must not be internal either.
    const server = bytes.slice(4, 8);
    const client = bytes.slice(12, 16).map((b) => b ^ 0xff);
    const clientClass = classifyV4Bytes(client);
    const serverClass = classifyV4Bytes(server);
    return {
      ...base,
      public: clientClass.public && serverClass.public,
      embedded: clientClass.public && !serverClass.public ? { ip: server.join('.'), class: serverClass } : { ip: client.join('.'), class: clientClass },
    };
  }
  const carried = row.carries === '6to4' ? bytes.slice(2, 6) : bytes.slice(12, 16);
  const carriedClass = classifyV4Bytes(carried);
  // IPv4-compatible addresses are deprecated and never public, whatever they carry.
  const isPublic = row.range === 'ipv4-compatible' ? false : carriedClass.public;
  return { ...base, public: isPublic, embedded: { ip: carried.join('.'), class: carriedClass } };
}

function classifyV4Bytes(bytes: readonly number[]): AddressClass {
  const row = matchOrNull(IPV4_ROWS, bytes) ?? GLOBAL_V4;
  return { family: 4, range: row.range, public: row.public, rfc: row.rfc };
}

function match(rows: readonly Row[], bytes: readonly number[]): Row {
  const row = matchOrNull(rows, bytes);
  if (row === null) throw new Error('unreachable: ::/0 matches every IPv6 address');
  return row;
}

function matchOrNull(rows: readonly Row[], bytes: readonly number[]): Row | null {
  for (const row of rows) if (inPrefix(bytes, row.net, row.bits)) return row;
  return null;
}

function inPrefix(bytes: readonly number[], net: readonly number[], bits: number): boolean {
  if (bytes.length !== net.length) return false;
  let left = bits;
  for (let i = 0; left > 0; i += 1, left -= 8) {
    const mask = left >= 8 ? 0xff : (0xff << (8 - left)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((net[i] ?? 0) & mask)) return false;
  }
  return true;
}

const MAX_ADDRESS_TEXT = 64;

/** The family node:net isIP gives, after refusing zone ids; throws with the reason otherwise. */
function strictFamily(ip: unknown): 4 | 6 {
  if (typeof ip !== 'string') throw new AddressFormatError(String(ip), 'An IP address must be a string.');
  const shown = ip.length > MAX_ADDRESS_TEXT ? `${JSON.stringify(ip.slice(0, MAX_ADDRESS_TEXT))}…` : JSON.stringify(ip);
  if (ip.length > MAX_ADDRESS_TEXT) throw new AddressFormatError(ip, `${shown} is too long to be an IP address.`);
  const family = isIP(ip);
  if (ip.includes('%')) {
    // isIP accepts "fe80::1%eth0": the zone names an interface of this machine.
    throw new AddressFormatError(ip, `${shown} carries a zone identifier (the part after "%"), which names a local network interface: refused.`);
  }
  if (family === 4 || family === 6) return family;
  throw new AddressFormatError(ip, `${shown} is not an IP address in standard notation${oddFormHint(ip)}.`);
}

/** Why a text that isIP refused was refused, for the message (never used to accept anything). */
function oddFormHint(text: string): string {
  const t = text.trim().toLowerCase();
  if (t !== text.toLowerCase()) return ' (it has spaces around it)';
  if (t.startsWith('[') || t.endsWith(']')) return ' (give the address without brackets)';
  if (/^\d+$/.test(t)) return ' (an integer form of an IPv4 address is refused: write a.b.c.d)';
  if (/^[0-9a-fx.]+$/.test(t) && !t.includes(':')) {
    if (t.includes('0x')) return ' (hexadecimal IPv4 parts are refused: write decimal a.b.c.d)';
    const parts = t.split('.');
    if (parts.some((p) => p.length > 1 && p.startsWith('0'))) return ' (IPv4 parts with leading zeros are read as octal by some systems: refused)';
    if (parts.length < 4) return ' (shortened IPv4 forms are refused: write all four parts a.b.c.d)';
  }
  return '';
}

/** Bytes of a dotted-decimal IPv4 address that isIP accepted. */
function ipv4Bytes(ip: string): [number, number, number, number] {
  const bytes = ip.split('.').map((p) => Number(p));
  const [a, b, c, d] = bytes;
  if (bytes.length !== 4 || a === undefined || b === undefined || c === undefined || d === undefined || bytes.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) {
    throw new AddressFormatError(ip, `${JSON.stringify(ip)} is not a dotted-decimal IPv4 address.`);
  }
  return [a, b, c, d];
}

/** The 16 bytes of an IPv6 address that isIP accepted (no zone id). */
function ipv6Bytes(ip: string): number[] {
  const bad = (): AddressFormatError => new AddressFormatError(ip, `${JSON.stringify(ip)} is not an IPv6 address in standard notation.`);
  const words = (text: string, last: boolean): number[] => {
    if (text === '') return [];
    const parts = text.split(':');
    const out: number[] = [];
    parts.forEach((part, i) => {
      if (part.includes('.')) {
        if (!last || i !== parts.length - 1 || isIP(part) !== 4) throw bad();
        const [a, b, c, d] = ipv4Bytes(part);
        out.push((a << 8) | b, (c << 8) | d);
        return;
      }
      // isIP already checked the whole text; this only guards the conversion.
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) throw bad();
      out.push(Number.parseInt(part, 16));
    });
    return out;
  };
  const gap = ip.indexOf('::');
  let all: number[];
  if (gap < 0) {
    all = words(ip, true);
  } else {
    if (ip.indexOf('::', gap + 1) >= 0) throw bad();
    const left = words(ip.slice(0, gap), false);
    const right = words(ip.slice(gap + 2), true);
    const fill = 8 - left.length - right.length;
    if (fill < 1) throw bad();
    all = [...left, ...new Array<number>(fill).fill(0), ...right];
  }
  if (all.length !== 8) throw bad();
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

/** Plain-English name of a range, with its article: "a loopback address". */
export function describeRange(range: AddressRange): string {
  return RANGE_WORDS[range];
}

const RANGE_WORDS: Readonly<Record<AddressRange, string>> = {
  global: 'a public address',
  anycast: 'a public anycast service address',
  loopback: 'a loopback address',
  private: 'a private-use address',
  'link-local': 'a link-local address',
  cgnat: 'a shared (carrier-grade NAT) address',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  'this-network': 'a "this network" address',
  broadcast: 'the limited broadcast address',
  documentation: 'a documentation-only address',
  benchmarking: 'a benchmarking address',
  'ietf-protocol': 'an IETF protocol assignment address',
  reserved: 'a reserved address',
  'ipv4-mapped': 'an IPv4-mapped address',
  'ipv4-compatible': 'a deprecated IPv4-compatible address',
  nat64: 'a NAT64 translation address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
  'unique-local': 'a unique-local (private) address',
  'site-local': 'a deprecated site-local address',
  'discard-only': 'a discard-only address',
  orchid: 'an ORCHID identifier (not a routable address)',
};

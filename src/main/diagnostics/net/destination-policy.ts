/**
 * Destination policy for online URL diagnostics (issue #11): may a request
 * for a reported URL go to this host, and by which route?
 *
 * The threat: the URL comes from an untrusted report, and the workstation
 * sits inside the police network. Without this check a report could make the
 * workstation fetch an internal page (http://10.0.0.5/admin), its own
 * services (http://127.0.0.1:8080/), a cloud metadata endpoint
 * (http://169.254.169.254/), or a name such as printer.local.
 *
 * - Every address a name resolves to must be public: one private answer
 *   refuses the whole destination (DNS rebinding answers mix a public
 *   address with an internal one, or change between check and connect).
 * - IP literals in URLs are judged the same way, after the WHATWG URL parser
 *   has turned the notations browsers accept (http://2130706433/,
 *   http://0x7f000001/, http://0177.0.0.1/, http://127.1/) into dotted
 *   decimal; IPv6 forms carrying an IPv4 address are judged by that address.
 * - localhost and names under .localhost, .local, .internal, .home.arpa and
 *   .lan, and names without a dot (completed with the local search domains by
 *   the resolver), are refused as private without resolving them.
 * - Only a supervisor's lab setting (allowPrivate) lets private destinations
 *   through, and even then the traffic leaves through the configured proxy
 *   unless direct connections are allowed explicitly (allowDirect).
 * - guardedConnect checks the exact address handed to the connection
 *   factory, so a second DNS answer cannot slip in between check and connect.
 *   A fetcher going through a proxy must make the proxy connect to the
 *   checked address (CONNECT 203.0.113.7:443, SOCKS5 with an IPv4/IPv6
 *   address type), never to the name, or the proxy's own resolver decides.
 *
 * This module decides; it sends nothing and resolves nothing.
 */

import { isIP } from 'node:net';
import { AddressFormatError, classifyAddress, describeRange, type AddressClass } from './addresses.ts';

/** The outgoing proxy the supervisor configured. */
export interface ProxyConfig {
  protocol: 'http' | 'https' | 'socks5';
  host: string;
  port: number;
}

export interface DestinationPolicy {
  /** Lab setting: private, loopback and reserved destinations are allowed. */
  allowPrivate: boolean;
  /** Connections that bypass the proxy are allowed. */
  allowDirect: boolean;
  proxy: ProxyConfig | null;
}

export type RefusalCode = 'PRIVATE_DESTINATION' | 'DIRECT_NOT_ALLOWED' | 'NO_ADDRESS' | 'BAD_HOST';

export type DestinationVerdict = { ok: true; route: 'proxy' | 'direct' } | { ok: false; code: RefusalCode; message: string };

/** A refusal raised by guardedConnect, before the connection factory is called. */
export class DestinationRefusedError extends Error {
  readonly code: RefusalCode;

  constructor(code: RefusalCode, message: string) {
    super(message);
    this.name = 'DestinationRefusedError';
    this.code = code;
  }
}

const LAB = 'refused unless a supervisor allows private destinations for a test lab';

/** Names that only ever mean something inside a local network, with why. */
const LOCAL_SUFFIXES: readonly (readonly [suffix: string, why: string])[] = [
  ['localhost', 'this machine, RFC 6761'],
  ['local', 'multicast DNS on the local link, RFC 6762'],
  ['internal', 'private networks, reserved by ICANN'],
  ['home.arpa', 'home networks, RFC 8375'],
  ['lan', 'local networks by common convention'],
];

const MAX_HOST_INPUT = 1024;

type Host = { kind: 'ip'; ip: string; input: string } | { kind: 'name'; name: string } | { kind: 'bad'; message: string };

/**
 * Judges a destination: `host` as found in a URL (name, dotted IPv4, any
 * IPv4 notation the WHATWG URL parser accepts, bracketed or bare IPv6),
 * `addresses` the answers its name resolved to (for an IP literal, extra
 * addresses are judged too).
 */
export function checkDestination(host: string, addresses: readonly string[], policy: DestinationPolicy): DestinationVerdict {
  const parsed = normaliseHost(host);
  if (parsed.kind === 'bad') return refuse('BAD_HOST', parsed.message);

  const given: readonly string[] = Array.isArray(addresses) ? addresses : [];
  if (parsed.kind === 'name') {
    const local = localName(parsed.name);
    if (local !== null && !policy.allowPrivate) return refuse('PRIVATE_DESTINATION', `${local}: ${LAB}.`);
    if (given.length === 0) return refuse('NO_ADDRESS', `${parsed.name} resolved to no address.`);
  }

  const judged = parsed.kind === 'ip' ? [parsed.ip, ...given.filter((a) => a !== parsed.ip)] : given;
  for (const address of judged) {
    let cls: AddressClass;
    try {
      cls = classifyAddress(address);
    } catch (error) {
      if (!(error instanceof AddressFormatError)) throw error;
      const whose = parsed.kind === 'name' ? `An address given for ${parsed.name}` : 'An address given';
      return refuse('BAD_HOST', `${whose} is not usable: ${error.message}`);
    }
    if (cls.public || policy.allowPrivate) continue;
    return refuse('PRIVATE_DESTINATION', privateMessage(parsed, address, cls, judged.length));
  }

  if (policy.proxy !== null) return { ok: true, route: 'proxy' };
  if (policy.allowDirect) return { ok: true, route: 'direct' };
  return refuse(
    'DIRECT_NOT_ALLOWED',
    'No proxy is configured, and direct connections are refused unless a supervisor allows them: configure an HTTP(S) or SOCKS5 proxy.',
  );
}

/**
 * Wraps a connection factory so that every connection is checked against the
 * policy at connect time, on the exact address the factory receives. Only IP
 * addresses in standard notation are accepted (a name would be resolved again
 * by the factory, after the check). A refusal throws DestinationRefusedError
 * and the factory is not called.
 */
export function guardedConnect<S, R extends unknown[]>(
  factory: (address: string, port: number, ...rest: R) => S,
  policy: DestinationPolicy,
): (address: string, port: number, ...rest: R) => S {
  return (address: string, port: number, ...rest: R): S => {
    if (typeof address !== 'string' || isIP(address) === 0) {
      throw new DestinationRefusedError('BAD_HOST', `Refusing to connect to ${JSON.stringify(String(address))}: a connection needs a checked IP address in standard notation, not a name or another notation.`);
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new DestinationRefusedError('BAD_HOST', `Refusing to connect to ${address}: ${String(port)} is not a TCP port.`);
    }
    const verdict = checkDestination(address, [], policy);
    if (!verdict.ok) throw new DestinationRefusedError(verdict.code, verdict.message);
    return factory(address, port, ...rest);
  };
}

function refuse(code: RefusalCode, message: string): DestinationVerdict {
  return { ok: false, code, message };
}

function privateMessage(host: Host, address: string, cls: AddressClass, count: number): string {
  let desc = `${describeRange(cls.range)} (${cls.rfc})`;
  if (cls.embedded !== undefined) {
    desc += ` carrying ${cls.embedded.ip}, ${describeRange(cls.embedded.class.range)} (${cls.embedded.class.rfc})`;
  }
  if (host.kind === 'name') {
    const among = count > 1 ? ` (one of its ${String(count)} addresses, and every one must be public)` : '';
    return `${host.name} resolves to ${address}${among}, ${desc}: ${LAB}.`;
  }
  if (host.kind === 'ip' && unbracket(host.input).toLowerCase() !== address) return `Host ${host.input} means ${address}, ${desc}: ${LAB}.`;
  return `${address} is ${desc}: ${LAB}.`;
}

function unbracket(text: string): string {
  return text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
}

function localName(name: string): string | null {
  for (const [suffix, why] of LOCAL_SUFFIXES) {
    if (name === suffix || name.endsWith(`.${suffix}`)) return `${name} is a local name (.${suffix}: ${why}), not even resolved`;
  }
  if (!name.includes('.')) return `${name} has no dot, so the resolver would complete it with the local search domains; not even resolved`;
  return null;
}

/** Reads a URL host with the WHATWG URL parser, as a browser would. */
function normaliseHost(host: string): Host {
  if (typeof host !== 'string' || host.length === 0) return { kind: 'bad', message: 'The URL has no host.' };
  if (host.length > MAX_HOST_INPUT) return { kind: 'bad', message: 'The host is too long.' };
  const shown = JSON.stringify(host);
  // Characters that would make the URL parser read part of the text as user, port or path.
  for (const ch of host) {
    const code = ch.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || '@/\\?#'.includes(ch)) {
      return { kind: 'bad', message: `${shown} is not a host name: it contains ${code <= 0x20 || code === 0x7f ? 'a space or control character' : `"${ch}"`}.` };
    }
  }
  let text = host;
  const bracketed = host.startsWith('[') && host.endsWith(']');
  if (!bracketed && host.includes(':')) {
    if (isIP(host) !== 6) return { kind: 'bad', message: `${shown} is not a host name (a port or a stray ":" does not belong in the host).` };
    try {
      classifyAddress(host); // refuses zone ids with a clear message
    } catch (error) {
      if (error instanceof AddressFormatError) return { kind: 'bad', message: error.message };
      throw error;
    }
    text = `[${host}]`;
  }
  let url: URL;
  try {
    url = new URL(`http://${text}/`);
  } catch {
    return { kind: 'bad', message: `${shown} is not a valid host name or IP address.` };
  }
  if (url.username !== '' || url.password !== '' || url.port !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return { kind: 'bad', message: `${shown} is not a host name.` };
  }
  const hostname = url.hostname;
  if (hostname.startsWith('[') && hostname.endsWith(']')) return { kind: 'ip', ip: hostname.slice(1, -1), input: host };
  if (isIP(hostname) === 4) return { kind: 'ip', ip: hostname, input: host };
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (name === '' || name.startsWith('.') || name.includes('..')) return { kind: 'bad', message: `${shown} is not a valid host name.` };
  return { kind: 'name', name };
}

/** Host folding: www./m./mobile. and the like dropped, alias hosts mapped onto the one each platform reads (platforms/ declare theirs). */

import { PLATFORM_PARSERS } from './platforms/index.ts';

const GENERIC_PREFIXES = new Set(['www', 'www1', 'www2', 'www3', 'm', 'mobile', 'mbasic', 'web', 'touch', 'amp']);
/** Sub-domains that are the same site on sites without a platform parser, on top of the generic ones. */
const OTHER_PREFIXES: Readonly<Record<string, ReadonlySet<string>>> = {
  'messenger.com': new Set(['l']),
};
/** Alias hosts of sites without a platform parser. */
const OTHER_ALIASES: Readonly<Record<string, string>> = {
  'threads.net': 'threads.com',
};
const HOST_ALIASES: ReadonlyMap<string, string> = new Map([
  ...Object.entries(OTHER_ALIASES),
  ...PLATFORM_PARSERS.flatMap((parser) => (parser.aliases ?? []).map((alias) => [alias, parser.hosts[0] ?? alias] as const)),
]);

function isIpv4(host: string): boolean {
  return /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function sameSite(label: string, parent: string): boolean {
  if (GENERIC_PREFIXES.has(label) || OTHER_PREFIXES[parent]?.has(label) === true) return true;
  return PLATFORM_PARSERS.some((parser) => parser.sameSite?.(label, parent) === true);
}

/** `hostname` as URL gives it (lowercase, punycode, no trailing dot). */
export function foldHost(hostname: string): string {
  if (hostname.startsWith('[') || isIpv4(hostname)) return hostname;
  let host = hostname;
  for (let round = 0; round < 4; round++) {
    const dot = host.indexOf('.');
    const first = host.slice(0, dot);
    const remainder = host.slice(dot + 1);
    if (!remainder.includes('.')) break;
    if (!sameSite(first, remainder)) break;
    host = remainder;
  }
  return HOST_ALIASES.get(host) ?? host;
}

/**
 * A host's place in the Public Suffix List, through tldts, read one way for
 * every feature: private-section suffixes count (on blogspot.com, each blog is
 * its own registrable domain), except for a host that is itself such a
 * suffix, which is read with the ICANN section alone (blogspot.com is then
 * Google's domain, not a suffix with nothing before it).
 */
import { parse } from 'tldts';

/** tldts's reading of an ASCII (punycode) host name. */
export function suffixInfo(asciiHost: string): ReturnType<typeof parse> {
  const info = parse(asciiHost, { allowPrivateDomains: true });
  return info.domain === null && info.isPrivate === true ? parse(asciiHost) : info;
}

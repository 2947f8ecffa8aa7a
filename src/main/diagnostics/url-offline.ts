/**
 * Offline URL diagnostics (issue #11, "offline first"): what the text of one
 * URL says by itself, with no traffic at all (no DNS, no HTTP, nothing
 * resolved or fetched).
 *
 * - the host both ways: Unicode and ASCII (punycode), by the WHATWG URL
 *   parser's UTS #46 processing (node:url domainToASCII / domainToUnicode);
 * - per label, the Unicode scripts used, and whether a label mixes scripts
 *   beyond UTS #39 "highly restrictive" (scripts.ts);
 * - homographs of known platforms and Moroccan institutions: UTS #39
 *   skeletons (confusables.ts) of the host's labels, outside the public
 *   suffix, against the names in resources/diagnostics/url-targets.json; the
 *   real domains there and their subdomains are never flagged;
 * - the registrable domain and public suffix (Public Suffix List through
 *   tldts, private section included, read by urls/public-suffix.ts as observables do);
 * - known shorteners (resources/diagnostics/url-shorteners.json);
 * - the platform, account and post ids from the canonicaliser (urls/).
 *
 * The input is untrusted text, possibly defanged ("hxxps[://]x[.]com"): it is
 * read like the canonicaliser reads it (urls/typed-text.ts). Never throws;
 * bounded work (inputs over 4,096 characters are refused before any parsing).
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import shortenerData from '../../../resources/diagnostics/url-shorteners.json' with { type: 'json' };
import targetData from '../../../resources/diagnostics/url-targets.json' with { type: 'json' };
import type { ConfusableMatch, OfflineUrlDiagnosis, Substitution, UrlFlag, UrlParseError } from '../../shared/diagnostics.ts';
import { canonicaliseUrl, MAX_URL_INPUT_LENGTH } from '../urls/canonical-url.ts';
import { suffixInfo } from '../urls/public-suffix.ts';
import { peel, refang, splitTyped, stripInvisible, usableHost } from '../urls/typed-text.ts';
import { hostSkeleton } from './confusables.ts';
import { isMixedScript, scriptOf, scriptsOf } from './scripts.ts';

/** A URL longer than this is flagged `very_long`. */
export const VERY_LONG_URL = 512;
/** A host name longer than this is flagged `very_long`. */
export const VERY_LONG_HOST = 64;
/** This many labels before the registrable domain (or more) are flagged `many_subdomains`. */
export const MANY_SUBDOMAINS = 4;
/** Names shorter than this only match a whole label ("x", "iam", "cdm"): as parts of words they are everywhere. */
const SHORT_NAME = 4;
/** The very name on another domain ("facebook.net.ma") is flagged only from this length ("x.ma", "cnss.fr" are not). */
const SAME_NAME_MIN = 5;

type MatchMode = 'substring' | 'token' | 'label';

/**
 * confusables.txt maps CYRILLIC SMALL LETTER PALOCHKA (ӏ) to "i", though in most fonts it is drawn like
 * "l" ("аррӏе.com", the best-known IDN homograph of apple.com), and it maps "1" to "l" though "1" stands
 * for "i" as often ("1nstagram"). For labels with other scripts or digits only, "i" and "l" also count
 * as one letter; a plain "appie" is not flagged.
 */
function loose(skeleton: string): string {
  return skeleton.replaceAll('i', 'l');
}

interface Target {
  id: string;
  display: string;
  names: { text: string; skeleton: string; loose: string; mode: MatchMode }[];
  /** Real registrable domains, ASCII, with their labels. */
  domains: { ascii: string; labels: string[] }[];
  anySuffix: boolean;
}

const TARGETS: readonly Target[] = targetData.targets.map((t) => ({
  id: t.id,
  display: t.display,
  names: t.names.map((text) => ({ text, skeleton: hostSkeleton(text), loose: loose(hostSkeleton(text)), mode: text.length < SHORT_NAME ? 'label' : (t.match as MatchMode) })),
  domains: t.domains.map((d) => ({ ascii: d, labels: d.split('.') })),
  anySuffix: 'anySuffix' in t && t.anySuffix === true,
}));

/** Every real domain of every target: a host that is one of them, or under one, is never flagged. */
const REAL_DOMAINS: ReadonlySet<string> = new Set(TARGETS.flatMap((t) => t.domains.map((d) => d.ascii)));

const SHORTENERS: ReadonlySet<string> = new Set(shortenerData.shorteners.map((s) => s.toLowerCase()));

function failed(input: string, error: UrlParseError, flags: UrlFlag[] = []): OfflineUrlDiagnosis {
  return {
    input: input.slice(0, MAX_URL_INPUT_LENGTH),
    inputLength: input.length,
    parsed: false,
    error,
    url: null,
    canonical: null,
    host: null,
    port: null,
    scripts: [],
    mixedScript: false,
    confusable: null,
    registrableDomain: null,
    publicSuffix: null,
    shortener: false,
    shortenerService: null,
    platform: null,
    account: null,
    postId: null,
    contentKey: null,
    flags,
  };
}

/** Whether `host` is `domain` or one of its subdomains (both ASCII, lower case). */
function within(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The characters of a label that stand for others: anything but a-z and "-" whose skeleton differs from itself. */
function substitutionsIn(label: string): Substitution[] {
  const out: Substitution[] = [];
  const seen = new Set<string>();
  for (const char of label) {
    if (/^[a-z-]$/.test(char) || seen.has(char)) continue;
    const looksLike = hostSkeleton(char);
    if (looksLike === char || looksLike === char.normalize('NFD')) continue;
    seen.add(char);
    out.push({ char, codePoint: codePointLabel(char), script: scriptOf(char), looksLike });
  }
  return out;
}

/** A country-code public suffix ("fr", "co.ma", "com.br"): where a brand's own name is often its own site. */
function countrySuffix(suffix: string): boolean {
  return /^(?:(?:co|com|net|org|gov|ac)\.)?[a-z]{2}$/.test(suffix);
}

/** The labels (Unicode) of the host outside its public suffix. */
function labelsToCompare(unicodeHost: string, publicSuffix: string | null): string[] {
  const labels = unicodeHost.split('.');
  const suffixLabels = publicSuffix === null || publicSuffix === '' ? 0 : publicSuffix.split('.').length;
  return labels.slice(0, Math.max(1, labels.length - suffixLabels));
}

interface HostFacts {
  ascii: string;
  unicode: string;
  publicSuffix: string | null;
  /** The label just left of the public suffix, ASCII. */
  domainLabel: string | null;
}

/** A label of the host, with its skeletons computed once. */
interface LabelFacts {
  label: string;
  skeleton: string;
  /** Only for labels with other scripts or digits (see loose()). */
  loose: string | null;
  /** Its parts between hyphens and underscores, when it has several. */
  tokens: { skeleton: string; loose: string | null }[];
}

/** Other scripts or digits: where "i" and "l" also count as one letter (see loose()). */
// eslint-disable-next-line no-control-regex -- "not plain ASCII letters"
const NOT_PLAIN_LETTERS = /[^\x00-\x2f\x3a-\x7f]/;

function labelFacts(label: string): LabelFacts {
  const sk = hostSkeleton(label);
  const parts = label.split(/[-_]+/).filter((t) => t !== '');
  return {
    label,
    skeleton: sk,
    loose: NOT_PLAIN_LETTERS.test(label) ? loose(sk) : null,
    tokens:
      parts.length > 1
        ? parts.map((part) => {
            const partSkeleton = hostSkeleton(part);
            return { skeleton: partSkeleton, loose: NOT_PLAIN_LETTERS.test(part) ? loose(partSkeleton) : null };
          })
        : [],
  };
}

/** How a label shows a name: null when it does not. */
function matchLabel(facts: LabelFacts, name: Target['names'][number]): ConfusableMatch['kind'] | null {
  if (facts.skeleton === name.skeleton) return facts.label === name.text ? 'same_name' : 'homograph';
  if (facts.loose !== null && facts.loose === name.loose) return 'homograph';
  if (name.mode === 'label') return null;
  if (name.mode === 'substring' && (facts.skeleton.includes(name.skeleton) || (facts.loose !== null && facts.loose.includes(name.loose)))) return 'embedded';
  if (facts.tokens.some((token) => token.skeleton === name.skeleton || (token.loose !== null && token.loose === name.loose))) return 'embedded';
  return null;
}

const KIND_RANK: Record<ConfusableMatch['kind'], number> = { homograph: 3, embedded: 2, userinfo: 1, same_name: 1 };

/** The known site this host imitates, or null (a real domain, or nothing like one). */
export function imitation(host: HostFacts): ConfusableMatch | null {
  for (const domain of REAL_DOMAINS) if (within(host.ascii, domain)) return null;
  let best: ConfusableMatch | null = null;
  let bestScore = -1;
  const consider = (match: ConfusableMatch, nameLength: number): void => {
    const score = KIND_RANK[match.kind] * 1000 + nameLength;
    if (score > bestScore) {
      best = match;
      bestScore = score;
    }
  };
  const labels = labelsToCompare(host.unicode, host.publicSuffix).map(labelFacts);
  const asciiLabels = host.ascii.split('.');
  for (const target of TARGETS) {
    if (target.anySuffix && host.domainLabel !== null && host.publicSuffix !== null && countrySuffix(host.publicSuffix)) {
      // google.fr, amazon.de: the brand's own site under a country suffix (its subdomains too).
      if (target.names.some((n) => n.text === host.domainLabel)) continue;
    }
    for (const name of target.names) {
      for (const facts of labels) {
        const kind = matchLabel(facts, name);
        if (kind === null) continue;
        if (kind === 'same_name' && name.text.length < SAME_NAME_MIN) continue;
        consider({ imitates: target.display, target: target.id, kind, label: facts.label, skeleton: facts.skeleton, substitutions: substitutionsIn(facts.label) }, name.text.length);
      }
    }
    // A real domain written inside the host: "paypal.com.verify.example", "tax.gov.ma.login.example".
    for (const domain of target.domains) {
      const n = domain.labels.length;
      for (let i = 0; i + n < asciiLabels.length; i++) {
        if (domain.labels.every((l, k) => asciiLabels[i + k] === l)) {
          consider({ imitates: domain.ascii, target: target.id, kind: 'embedded', label: domainToUnicode(domain.ascii) || domain.ascii, skeleton: hostSkeleton(domain.ascii), substitutions: [] }, domain.ascii.length);
        }
      }
    }
  }
  return best;
}

/** "facebook.com@evil.example": a real domain of a target written as the user name. */
function userinfoImitation(userinfo: string): ConfusableMatch | null {
  const text = userinfo.toLowerCase();
  for (const target of TARGETS) {
    for (const domain of target.domains) {
      if (text === domain.ascii || text.includes(`${domain.ascii}`) || text.startsWith(`www.${domain.ascii}`)) {
        return { imitates: domain.ascii, target: target.id, kind: 'userinfo', label: userinfo, skeleton: hostSkeleton(userinfo), substitutions: [] };
      }
    }
  }
  return null;
}

function shortenerOf(host: string): string | null {
  const bare = host.startsWith('www.') ? host.slice(4) : host;
  if (SHORTENERS.has(bare)) return bare;
  for (const service of SHORTENERS) if (bare.endsWith(`.${service}`)) return service;
  return null;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The offline diagnosis of one URL, typed or defanged. Never throws. */
export function diagnoseUrlOffline(input: unknown): OfflineUrlDiagnosis {
  const text = typeof input === 'string' ? input : '';
  try {
    return diagnose(text);
  } catch {
    // Nothing below is meant to throw; this keeps the promise.
    return failed(text, 'unparseable');
  }
}

function diagnose(input: string): OfflineUrlDiagnosis {
  if (input.length > MAX_URL_INPUT_LENGTH) return failed(input, 'too_long');
  const visible = stripInvisible(input);
  const flags: UrlFlag[] = [];
  if (visible.length !== input.replace(/[\t\n\r]/g, '').length) flags.push('invisible_chars');
  const text = refang(peel(visible));
  if (text === '') return failed(input, 'empty', flags);
  const parts = splitTyped(text);
  if (parts === null) {
    // "javascript:", "data:", "file:"… (but not "host:8080", a host and its port).
    const scheme = /^([A-Za-z][A-Za-z0-9+*-]{0,31}):(?![0-9])/.exec(text)?.[1];
    if (scheme === undefined) return failed(input, 'no_host', flags);
    return failed(input, /^h{0,2}[tx*]{1,3}p{1,2}s?$/i.test(scheme) ? 'invalid_host' : 'unsupported_scheme', flags);
  }
  // The scheme as typed when it is plain http (hxxp, http): the port 80 is then its default.
  const scheme = /^h{0,2}[tx*]{1,3}p{1,2}:/i.test(text) ? 'http' : 'https';
  let url: URL;
  try {
    url = new URL(`${scheme}://${parts.authority}${parts.rest}`);
  } catch {
    return failed(input, 'unparseable', flags);
  }
  if (url.hostname === '') return failed(input, 'no_host', flags);
  // At most 253 characters, labels of 1 to 63 (or an IPv6 literal), as the canonicaliser wants them.
  const hostname = usableHost(url.hostname);
  if (hostname === null) return failed(input, 'invalid_host', flags);

  const isIp = hostname.startsWith('[') || IPV4.test(hostname);
  const ascii = isIp ? hostname : domainToASCII(hostname) || hostname;
  const unicode = isIp ? hostname : domainToUnicode(ascii) || ascii;
  const isIdn = !isIp && unicode !== ascii;
  if (isIdn) flags.push('idn');
  if (!isIp && /(?:^|[.。．｡])xn--/i.test(parts.authority)) flags.push('punycode_label');
  if (isIp) flags.push('ip_literal');

  const labels = isIp ? [] : unicode.split('.');
  const scripts = labels.map((label) => ({ label, scripts: scriptsOf(label), mixed: isMixedScript(label) }));
  const mixedScript = scripts.some((s) => s.mixed);
  if (mixedScript) flags.push('mixed_script');

  let registrableDomain: string | null = null;
  let publicSuffix: string | null = null;
  let domainLabel: string | null = null;
  if (!isIp) {
    const info = suffixInfo(ascii);
    if (info.publicSuffix !== null) publicSuffix = domainToUnicode(info.publicSuffix) || info.publicSuffix;
    if (info.domain !== null) {
      registrableDomain = domainToUnicode(info.domain) || info.domain;
      domainLabel = info.domainWithoutSuffix;
      const subdomainLabels = info.subdomain === null || info.subdomain === '' ? 0 : info.subdomain.split('.').length;
      if (subdomainLabels >= MANY_SUBDOMAINS) flags.push('many_subdomains');
    }
  }

  let confusable = isIp ? null : imitation({ ascii, unicode, publicSuffix: publicSuffix === null ? null : domainToASCII(publicSuffix) || publicSuffix, domainLabel });
  const userinfo = url.username !== '' || url.password !== '' ? decodeURIComponentSafe(`${url.username}${url.password === '' ? '' : `:${url.password}`}`) : null;
  if (userinfo !== null) {
    flags.push('userinfo');
    if (confusable === null) confusable = userinfoImitation(userinfo);
  }
  if (confusable !== null) flags.push('confusable_platform');

  const shortenerService = isIp ? null : shortenerOf(ascii);
  if (shortenerService !== null) flags.push('shortener');

  const port = url.port === '' ? null : url.port;
  if (port !== null && port !== '80' && port !== '443') flags.push('non_default_port');
  if (url.href.length > VERY_LONG_URL || ascii.length > VERY_LONG_HOST) flags.push('very_long');

  const canonical = canonicaliseUrl(input);
  return {
    input,
    inputLength: input.length,
    parsed: true,
    url: url.href,
    canonical: canonical?.canonical ?? null,
    host: { unicode, ascii, isIdn, isIp },
    port,
    scripts,
    mixedScript,
    confusable,
    registrableDomain,
    publicSuffix,
    shortener: shortenerService !== null,
    shortenerService,
    platform: canonical?.platform ?? null,
    account: canonical?.account ?? null,
    postId: canonical?.postId ?? null,
    contentKey: canonical?.contentKey ?? null,
    flags,
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

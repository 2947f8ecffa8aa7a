/**
 * URL diagnostics as the contract carries them. Offline first (issue #11):
 * what the text of a URL says by itself, with no traffic at all (no DNS, no
 * HTTP). Pure zod, shared by the core, the renderer and the CLI.
 */
import { z } from 'zod';
import { ReportId } from './triage.ts';

/** The longest URL text the channel takes (longer text is refused by the schema; over 4,096 the diagnosis says `too_long`). */
export const MAX_DIAGNOSE_INPUT = 16_384;

/** Why a URL could not be read. */
export const UrlParseError = z.enum(['empty', 'too_long', 'unsupported_scheme', 'no_host', 'invalid_host', 'unparseable']);
export type UrlParseError = z.infer<typeof UrlParseError>;

/** Machine codes of what deserves the analyst's attention (the UI words them). */
export const URL_FLAGS = [
  /** The host has non-ASCII labels (internationalised domain name). */
  'idn',
  /** The URL was written with punycode labels (xn--…). */
  'punycode_label',
  /** A label mixes scripts beyond UTS #39 "highly restrictive". */
  'mixed_script',
  /** The host imitates a known platform or institution (see `confusable`). */
  'confusable_platform',
  /** A known URL shortener: the destination is hidden. */
  'shortener',
  /** The host is an IP address, not a name. */
  'ip_literal',
  /** The URL carries user@ before the host (the "https://facebook.com@evil.example" trick). */
  'userinfo',
  /** An explicit port other than 80 and 443. */
  'non_default_port',
  /** A very long URL or host name. */
  'very_long',
  /** Four or more labels before the registrable domain. */
  'many_subdomains',
  /** Invisible characters (bidi, zero-width, controls) were in the text. */
  'invisible_chars',
] as const;
export const UrlFlag = z.enum(URL_FLAGS);
export type UrlFlag = z.infer<typeof UrlFlag>;

/** A character of the host that stands for another (UTS #39 confusables). */
export const Substitution = z.object({
  char: z.string(),
  /** "U+0430" */
  codePoint: z.string(),
  /** Its Unicode script ('Cyrillic', 'Greek', 'Common' for digits…). */
  script: z.string(),
  /** What it looks like ("a"). */
  looksLike: z.string(),
});
export type Substitution = z.infer<typeof Substitution>;

export const ConfusableMatch = z.object({
  /** The real site imitated, e.g. "facebook.com". */
  imitates: z.string(),
  /** Id of the target in resources/diagnostics/url-targets.json. */
  target: z.string(),
  /**
   * homograph: a label looks the same as the name (other characters);
   * embedded: the name inside a longer label ("faceb00k-login") or a real domain inside the host ("paypal.com.verify.example");
   * same_name: the very name on another domain ("facebook.net.ma");
   * userinfo: a real domain written before "@", where it is not the host.
   */
  kind: z.enum(['homograph', 'embedded', 'same_name', 'userinfo']),
  /** The label (or userinfo) that matched, in Unicode. */
  label: z.string(),
  /** Its UTS #39 skeleton (lower-cased for host names). */
  skeleton: z.string(),
  substitutions: z.array(Substitution),
});
export type ConfusableMatch = z.infer<typeof ConfusableMatch>;

export const OfflineUrlDiagnosis = z.object({
  /** The text as given (at most 4,096 characters of it; `inputLength` is its real length). */
  input: z.string(),
  inputLength: z.number().int().nonnegative(),
  parsed: z.boolean(),
  error: UrlParseError.optional(),
  /** The URL as read (scheme added, defanging undone), before canonicalisation. */
  url: z.string().nullable(),
  /** The canonical form (src/main/urls/canonical-url.ts), null when the canonicaliser refuses it. */
  canonical: z.string().nullable(),
  host: z
    .object({
      /** Unicode form ("bücher.de", "مثال.إختبار"). */
      unicode: z.string(),
      /** ASCII form (punycode: "xn--bcher-kva.de"). */
      ascii: z.string(),
      isIdn: z.boolean(),
      isIp: z.boolean(),
    })
    .nullable(),
  port: z.string().nullable(),
  /** Per label of the host (Unicode), the scripts it uses (Common and Inherited left out). */
  scripts: z.array(z.object({ label: z.string(), scripts: z.array(z.string()), mixed: z.boolean() })),
  mixedScript: z.boolean(),
  confusable: ConfusableMatch.nullable(),
  /** Registrable domain (eTLD+1, Public Suffix List with its private section), Unicode. */
  registrableDomain: z.string().nullable(),
  publicSuffix: z.string().nullable(),
  shortener: z.boolean(),
  /** Which shortener ("bit.ly"). */
  shortenerService: z.string().nullable(),
  platform: z.string().nullable(),
  account: z.string().nullable(),
  postId: z.string().nullable(),
  contentKey: z.string().nullable(),
  flags: z.array(UrlFlag),
});
export type OfflineUrlDiagnosis = z.infer<typeof OfflineUrlDiagnosis>;

export const OfflineDiagnoseInput = z.union([
  z.object({ reportId: ReportId }).strict(),
  z.object({ url: z.string().max(MAX_DIAGNOSE_INPUT) }).strict(),
]);
export type OfflineDiagnoseInput = z.infer<typeof OfflineDiagnoseInput>;

export const OfflineDiagnoseResult = z.object({
  /** The report and revision diagnosed; null for a single URL. */
  reportId: ReportId.nullable(),
  revision: z.number().int().nullable(),
  /** One per URL, in the order of the report's content. */
  urls: z.array(OfflineUrlDiagnosis),
});
export type OfflineDiagnoseResult = z.infer<typeof OfflineDiagnoseResult>;

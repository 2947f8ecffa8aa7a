/** What every platform parser (one a file in this folder) has and shares. */

import type { Param } from '../query.ts';

/** What a URL shape says about the content it points at. */
export interface Identity {
  account: string | null;
  postId: string | null;
  /** null: no content key from the shape, "url:" + canonical is used. */
  key: string | null;
}

/** The parts of a URL that a platform's rewrite may change before the platform is chosen. */
export interface UrlParts {
  /** Folded host, e.g. "youtu.be". */
  host: string;
  /** "" for the scheme's default port. */
  port: string;
  /** Normalised path; the root is "". */
  path: string;
  params: readonly Param[];
}

/** Reads the account, post and content key from the path segments (percent-decoded) and query of a URL on one of the parser's hosts. */
export type Parse = (host: string, segments: readonly string[], params: readonly Param[]) => Identity;

export interface PlatformParser {
  /** As in CanonicalUrl.platform and KNOWN_PLATFORMS. */
  readonly platform: string;
  /** The folded hosts whose URLs this parser reads (no port). */
  readonly hosts: readonly string[];
  /** Other hosts of the same site, folded into the first of `hosts` (twitter.com → x.com). */
  readonly aliases?: readonly string[];
  /** Whether `<label>.<parent>` is the same site as `parent`, beyond the generic www./m./mobile. etc. */
  readonly sameSite?: (label: string, parent: string) => boolean;
  /** Hosts whose old "#!/" links carry the path in the fragment (twitter.com/#!/user/status/1). */
  readonly hashBangHosts?: readonly string[];
  /** Query parameters that only track, on this platform's hosts, beyond the generic ones. */
  readonly tracking?: ReadonlySet<string>;
  /** Called for every URL, before the platform is chosen: moves URLs onto this parser's hosts (youtu.be/<id> → youtube.com/watch?v=<id>), or normalises its own. Returns `url` when there is nothing to do. */
  readonly rewrite?: (url: UrlParts) => UrlParts;
  readonly parse: Parse;
}

export const NONE: Identity = { account: null, postId: null, key: null };

export function accountOnly(platform: string, account: string, withKey: boolean): Identity {
  return { account, postId: null, key: withKey ? `${platform}:account:${account}` : null };
}

export const DIGITS = /^\d{1,25}$/;
export const SHORT_CODE = /^[A-Za-z0-9_-]{3,64}$/;

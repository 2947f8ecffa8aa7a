/**
 * URL canonicalisation: "same content, many reports".
 *
 * Citizens type URLs as they please (no scheme, m./www. hosts, short and
 * alias hosts, tracking parameters, defanged forms, quotes and punctuation
 * around them). Reports that point at the same content must get the same
 * `contentKey` so that they group into one cluster.
 *
 * Security: this is pure string work. Nothing is ever fetched or resolved
 * (short links stay short links), nothing throws, and the work is bounded:
 * inputs longer than MAX_URL_INPUT_LENGTH are refused before any regex runs,
 * every regex here is linear (no nested or overlapping quantifiers), and
 * redirect unwrapping is bounded in depth.
 */

import { foldHost } from './host.ts';
import { NONE, parserForHost, PLATFORM_PARSERS, rewriteForPlatforms } from './platforms/index.ts';
import { normalisePath, parseQuery, safeDecode, serialiseQuery } from './query.ts';
import { redirectTarget } from './redirects.ts';
import { isTracking } from './tracking.ts';
import { peel, refang, splitTyped, stripInvisible, usableHost } from './typed-text.ts';

export interface CanonicalUrl {
  /** Normalised absolute URL, e.g. "https://facebook.com/some.page/posts/123" */
  canonical: string;
  /** Host after folding (lowercase, no www./m./mobile. etc, alias hosts mapped), e.g. "facebook.com" */
  host: string;
  /** 'facebook' | 'instagram' | 'tiktok' | 'youtube' | 'x' | 'telegram' | 'whatsapp' | 'snapchat' | null (other sites) */
  platform: string | null;
  /** Account/handle/channel where the URL shape says so (lowercased where the platform is case-insensitive), else null */
  account: string | null;
  /** Post/video/status/message id where the URL shape says so, else null */
  postId: string | null;
  /** The "same content" key: e.g. "youtube:video:dQw4w9WgXcQ", "facebook:post:123", "facebook:account:some.page", otherwise "url:" + canonical */
  contentKey: string;
}

/** Longer inputs (in UTF-16 code units) are refused outright. */
export const MAX_URL_INPUT_LENGTH = 4096;

/** How many redirectors (l.facebook.com/l.php?u=..., google.com/url?q=...) are unwrapped one inside the other. */
const MAX_UNWRAP_DEPTH = 3;

/** Hosts whose old "#!/" links carry the path in the fragment. */
const HASH_BANG_HOSTS: ReadonlySet<string> = new Set(PLATFORM_PARSERS.flatMap((parser) => parser.hashBangHosts ?? []));

/** Never throws; returns null when the text is not a usable http(s) URL (non-http schemes such as javascript:, data:, file:, mailto: → null; empty; no host; spaces inside host; etc). */
export function canonicaliseUrl(raw: string): CanonicalUrl | null {
  const cached = memo.get(raw);
  if (cached !== undefined) return cached;
  let result: CanonicalUrl | null;
  try {
    result = canonicalise(raw, 0);
  } catch {
    // Nothing below is meant to throw; this is the last line of the "never throws" promise.
    result = null;
  }
  if (typeof raw === 'string' && raw.length <= MEMO_MAX_KEY) {
    // Bounded: cleared whole when full (the same URLs come in bursts: clusters, revisions).
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(raw, result === null ? null : Object.freeze(result));
  }
  return result;
}

/**
 * Recent results, by the text as typed: the sync canonicalises each URL for the
 * projection and again for the observables, and reports of one cluster repeat
 * the same URLs. Results are frozen: callers share them.
 */
const memo = new Map<string, Readonly<CanonicalUrl> | null>();
const MEMO_ENTRIES = 4096;
const MEMO_MAX_KEY = 512;

function canonicalise(raw: unknown, depth: number): CanonicalUrl | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_INPUT_LENGTH) return null;
  const text = refang(peel(stripInvisible(raw)));
  if (text === '') return null;
  const parts = splitTyped(text);
  if (parts === null) return null;
  let url: URL;
  try {
    url = new URL(`https://${parts.authority}${parts.rest}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const originalHost = usableHost(url.hostname);
  if (originalHost === null) return null;
  const folded = foldHost(originalHost);
  const port = url.port === '80' || url.port === '443' ? '' : url.port;

  let rawPath = url.pathname;
  let rawSearch = url.search;
  // Old "#!" links: twitter.com/#!/user/status/1, facebook.com/#!/page.
  if ((rawPath === '/' || rawPath === '') && url.hash.startsWith('#!/') && !url.hash.startsWith('#!//') && HASH_BANG_HOSTS.has(folded)) {
    const inner = new URL(url.hash.slice(2), 'https://host.invalid');
    rawPath = inner.pathname;
    rawSearch = inner.search;
  }
  const normalisedPath = normalisePath(rawPath);
  const parsedParams = parseQuery(rawSearch);

  const target = redirectTarget(originalHost, folded, normalisedPath, rawPath, rawSearch, parsedParams);
  if (target !== null && depth < MAX_UNWRAP_DEPTH) {
    const unwrapped = canonicalise(target, depth + 1);
    if (unwrapped !== null) return unwrapped;
  }

  // Platform shapes on other hosts (youtu.be/<id>, <name>.t.me) moved onto the platform's own.
  const { host, path, params: rewrittenParams } = rewriteForPlatforms({ host: folded, port, path: normalisedPath, params: parsedParams });
  const parser = port === '' ? parserForHost(host) : undefined;
  const params = rewrittenParams.filter((p) => !isTracking(p.key, parser?.tracking));
  const query = serialiseQuery(params);
  const canonical = `https://${host}${port === '' ? '' : `:${port}`}${path === '' && query !== '' ? '/' : path}${query === '' ? '' : `?${query}`}`;

  const segments = path === '' ? [] : path.slice(1).split('/').map(safeDecode);
  const identity = parser === undefined ? NONE : parser.parse(host, segments, params);
  return {
    canonical,
    host,
    platform: parser?.platform ?? null,
    account: identity.account,
    postId: identity.postId,
    contentKey: identity.key ?? `url:${canonical}`,
  };
}

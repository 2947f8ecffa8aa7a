/**
 * A cluster key (what groups reports about the same content, made by the
 * core's projection: `whatsapp:group:<code>`, `facebook:account:<handle>`,
 * `url:<canonical URL>`, `report:<id>`) read back into its parts, so that
 * screens name the content in words ("Groupe WhatsApp", "Page web") instead of
 * showing the internal key. Pure; every part stays untrusted text.
 */

/** The kinds of content the URL parsers name (src/main/urls/platforms), plus accounts, pages and lone reports. */
export const CLUSTER_KINDS = [
  'account',
  'channel',
  'event',
  'group',
  'highlight',
  'invite',
  'marketplace',
  'message',
  'phone',
  'photo',
  'playlist',
  'post',
  'share',
  'short',
  'spotlight',
  'status',
  'story',
  'video',
] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

export type ClusterKeyParts =
  /** A page with no platform identity: its canonical URL. */
  | { readonly kind: 'url'; readonly url: string }
  /** A report alone (no URL, no account). */
  | { readonly kind: 'report'; readonly reportId: string }
  /** Content of a platform: a group, a post, an account… and its id on that platform. */
  | { readonly kind: ClusterKind; readonly platform: string; readonly id: string }
  /** A key of a shape this interface does not know: shown verbatim. */
  | { readonly kind: 'unknown'; readonly key: string };

const KINDS: ReadonlySet<string> = new Set(CLUSTER_KINDS);

export function parseClusterKey(key: string): ClusterKeyParts {
  if (key.startsWith('url:') && key.length > 4) return { kind: 'url', url: key.slice(4) };
  if (key.startsWith('report:') && key.length > 7) return { kind: 'report', reportId: key.slice(7) };
  const match = /^([a-z][a-z0-9_]{0,31}):([a-z]{2,16}):([\s\S]+)$/.exec(key);
  if (match) {
    const [, platform, kind, id] = match as unknown as [string, string, string, string];
    if (KINDS.has(kind)) return { kind: kind as ClusterKind, platform, id };
  }
  return { kind: 'unknown', key };
}

/** The platform a cluster key names, when it names one (a `whatsapp:group:` cluster is WhatsApp's whatever the reporter chose). */
export function clusterKeyPlatform(key: string | null): string | null {
  if (key === null) return null;
  const parts = parseClusterKey(key);
  return 'platform' in parts ? parts.platform : null;
}

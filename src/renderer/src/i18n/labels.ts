/**
 * Codes that come from the intake service, as the analyst reads them: known
 * values translated, unknown ones returned as null so that the caller shows
 * them verbatim (isolated in a <bdi>), as the intake API requires.
 */
import { fr, type MessageKey } from './fr.ts';
import type { Translate } from './index.ts';
import { parseClusterKey } from '../../../shared/labels/cluster-key.ts';

function known(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}

function lookup(t: Translate, prefix: string, value: string): string | null {
  const key = `${prefix}${value}`;
  return known(key) ? t(key) : null;
}

/** The 12 categories of the public form, with the labels it shows. */
export function categoryLabel(t: Translate, category: string): string | null {
  return lookup(t, 'report.category.', category);
}

/** received, in_analysis, referred, closed_no_action, duplicate. */
export function reportStatusLabel(t: Translate, status: string): string | null {
  return lookup(t, 'report.status.', status);
}

/** anonymous or identified: never the reporter's name. */
export function reporterModeLabel(t: Translate, mode: string): string | null {
  return lookup(t, 'report.reporter.', mode);
}

/** The platforms the intake API names (others are shown verbatim). */
export function platformLabel(t: Translate, platform: string): string | null {
  return lookup(t, 'platform.', platform);
}

/** The 12 regions of Morocco (ISO 3166-2:MA). */
export function regionLabel(t: Translate, region: string): string | null {
  return lookup(t, 'region.', region);
}

/** The kinds of code a report carries, each with its "unknown" marker. */
export type CodeKind = 'category' | 'platform' | 'status' | 'reporterMode' | 'region' | 'channel' | 'language';

/** First-strong isolate … pop directional isolate: untrusted text inside a translated sentence keeps its own direction. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Workstation names inside a sentence: each once, isolated, comma-separated ("ws-casa-02, ws-fes-01"). */
export function stationList(workstationIds: readonly string[]): string {
  return [...new Set(workstationIds)].map(isolate).join(', ');
}

/** A code this interface does not know, verbatim (isolated) and said to be unknown: "online_gambling (catégorie inconnue)". */
export function unknownCodeText(t: Translate, kind: CodeKind, code: string): string {
  return t(`label.unknown.${kind}`, { code: isolate(code) });
}

/** How the reporter reached the intake service (web, mobile_web); null when unknown. */
export function channelLabel(t: Translate, channel: string): string | null {
  return lookup(t, 'channel.', channel);
}

/** A code's label, or the code marked as unknown: for places that take plain text (chips, charts, titles). */
export function codeText(t: Translate, kind: Exclude<CodeKind, 'language'>, code: string): string {
  const label =
    kind === 'category'
      ? categoryLabel(t, code)
      : kind === 'platform'
        ? platformLabel(t, code)
        : kind === 'status'
          ? reportStatusLabel(t, code)
          : kind === 'reporterMode'
            ? reporterModeLabel(t, code)
            : kind === 'region'
              ? regionLabel(t, code)
              : channelLabel(t, code);
  return label ?? unknownCodeText(t, kind, code);
}

/**
 * What a group of reports is about, from its cluster key: the kind of content
 * in words ("Groupe WhatsApp", "Page web", "Compte Instagram") and the
 * content's own id or URL (untrusted: the caller isolates it; URLs still to
 * defang). Never the internal key itself.
 */
export function clusterContent(t: Translate, key: string | null): { label: string; detail: string | null; isUrl: boolean } {
  if (key === null) return { label: t('cluster.kind.unknown'), detail: null, isUrl: false };
  const parts = parseClusterKey(key);
  switch (parts.kind) {
    case 'url':
      return { label: t('cluster.kind.url'), detail: parts.url, isUrl: true };
    case 'report':
      return { label: t('cluster.kind.report'), detail: parts.reportId, isUrl: false };
    case 'unknown':
      return { label: t('cluster.kind.unknown'), detail: parts.key, isUrl: false };
    default:
      return { label: t('cluster.label', { kind: t(`cluster.kind.${parts.kind}`), platform: codeText(t, 'platform', parts.platform) }), detail: parts.id, isUrl: false };
  }
}

/** A duration in seconds (numbers in the interface's language) as "1 h 5 min", "2 min 30 s" or "45 s". */
export function formatDuration(t: Translate, totalSeconds: number): string {
  if (totalSeconds > 0 && totalSeconds < 1) return t('time.underSecond');
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return t('time.hoursMinutes', { h, m });
  if (m > 0) return t('time.minutesSeconds', { m, s });
  return t('time.seconds', { s });
}

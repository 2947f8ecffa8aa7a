/**
 * The cells of a queue row. Everything that comes from the intake service
 * (ids, handles, URLs, unknown codes, the description's snippet) is rendered
 * as text, isolated in <bdi>; URLs are already defanged by the core and are
 * never links.
 */
import { isOpenQueueStatus } from '../../../../shared/statuses.ts';
import { memo, type ReactNode } from 'react';
import type { Highlighted, QueueRow } from '../../../../shared/triage.ts';
import type { UiLocale } from '../../../../shared/schemas.ts';
import { DISPLAY_TIME_ZONE, formatNumber, formatUtc, parseInstant, countryName, textDirection } from '../../format.ts';
import { useI18n, type Translate } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { CodeLabel } from '../../components/safe/CodeLabel.tsx';
import { clusterContent } from '../../i18n/labels.ts';
import { RevealedText } from '../../components/safe/UserText.tsx';
import { useMinuteClock } from './clock.ts';
import { categoryLabel, platformLabel, queueStatusLabel, regionLabel, reporterModeLabel } from './labels.ts';

export interface CellProps {
  readonly row: QueueRow;
  readonly clusters: boolean;
  readonly onOpen: (row: QueueRow) => void;
}

/** Scores at or above these read as high / medium priority. */
const PRIORITY_HIGH = 90;
const PRIORITY_MEDIUM = 50;
/** The bar is full at this score. */
const PRIORITY_FULL = 150;

export function PriorityCell({ row }: CellProps): ReactNode {
  const { t, locale } = useI18n();
  // Priority applies to open work: a finished report shows no score and no danger mark.
  if (!isOpenQueueStatus(row.status)) {
    return (
      <span className="q-priority q-priority-finished muted" title={t('queue.priority.finished')}>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('queue.priority.finished')}</span>
      </span>
    );
  }
  const level = row.priority >= PRIORITY_HIGH ? 'high' : row.priority >= PRIORITY_MEDIUM ? 'medium' : 'low';
  const fill = Math.max(0.04, Math.min(1, row.priority / PRIORITY_FULL));
  return (
    <span className={`q-priority q-priority-${level}`}>
      <span className="q-priority-main">
        <span className="q-priority-score num">{formatNumber(row.priority, locale)}</span>
        <span className="q-priority-bar" aria-hidden="true">
          <span className="q-priority-fill" style={{ inlineSize: `${Math.round(fill * 100)}%` }} />
        </span>
      </span>
      {row.imminentDanger ? (
        <span className="q-danger" title={t('queue.danger')}>
          <span aria-hidden="true">!</span>
          <span className="visually-hidden">{t('queue.danger')}</span>
        </span>
      ) : null}
    </span>
  );
}

export function IdCell({ row, onOpen }: CellProps): ReactNode {
  const { t } = useI18n();
  return (
    <span className="q-id">
      <button
        type="button"
        className="q-id-button"
        tabIndex={-1}
        aria-label={t('queue.openNamed', { id: row.id })}
        onClick={(event) => {
          event.stopPropagation();
          onOpen(row);
        }}
      >
        <bdi className="mono" dir="ltr">
          {row.id}
        </bdi>
      </button>
      {row.demo ? (
        <span className="demo-badge" title={t('demo.badgeTitle')}>
          {t('demo.badge')}
        </span>
      ) : null}
    </span>
  );
}

export function CategoryCell({ row }: CellProps): ReactNode {
  const { t } = useI18n();
  return <CodeLabel kind="category" label={categoryLabel(t, row.category)} code={row.category} ellipsis />;
}

export function PlatformCell({ row }: CellProps): ReactNode {
  const { t } = useI18n();
  return <CodeLabel kind="platform" label={platformLabel(t, row.platform)} code={row.platform} ellipsis />;
}

export function StatusCell({ row }: CellProps): ReactNode {
  const { t } = useI18n();
  if (row.claimedByOther) {
    return (
      <span className="q-ellipsis q-status q-status-claimed_other" title={t('queue.claimedBy', { workstation: row.statusWorkstation ?? '?' })}>
        <Msg
          id="queue.claimedBy"
          params={{
            workstation: (
              <bdi className="mono" dir="ltr">
                {row.statusWorkstation ?? '?'}
              </bdi>
            ),
          }}
        />
      </span>
    );
  }
  const label = queueStatusLabel(t, row.status);
  return label ? (
    <span className={`q-ellipsis q-status q-status-${row.status}`} title={label}>
      {label}
    </span>
  ) : (
    <span className="q-ellipsis q-status q-status-other">
      <CodeLabel kind="status" label={null} code={row.status} ellipsis />
    </span>
  );
}

const shortFormats = new Map<UiLocale, Intl.DateTimeFormat>();

function shortDateTime(date: Date, locale: UiLocale): string {
  let format = shortFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'ar' ? 'ar-MA' : 'fr-MA', {
      timeZone: DISPLAY_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    shortFormats.set(locale, format);
  }
  return format.format(date);
}

/** Casablanca time, compact; the UTC form on hover (as the Timestamp component does). */
export function SubmittedCell({ row }: CellProps): ReactNode {
  const { locale } = useI18n();
  const date = parseInstant(row.submittedAt);
  if (!date) return <bdi>{row.submittedAt}</bdi>;
  return (
    <time className="timestamp q-time" dateTime={date.toISOString()} title={`${formatUtc(date)} UTC`}>
      {shortDateTime(date, locale)}
    </time>
  );
}

/** A duration in minutes as the queue shows it: "42 min", "3 h 20", "2 j". */
export function shortDuration(t: Translate, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t('time.minutes', { count: m });
  const h = Math.floor(m / 60);
  if (h < 10) return m % 60 === 0 ? t('time.hours', { count: h }) : t('queue.duration.hoursMinutes', { h, m: String(m % 60).padStart(2, '0') });
  if (h < 48) return t('time.hours', { count: h });
  return t('time.days', { count: Math.floor(h / 24) });
}


export function DeadlineCell({ row }: CellProps): ReactNode {
  const { t } = useI18n();
  const now = useMinuteClock();
  const deadline = row.deadlineAt && isOpenQueueStatus(row.status) ? parseInstant(row.deadlineAt) : null;
  if (!deadline) return <span className="muted">{t('common.none')}</span>;
  const minutes = (deadline.getTime() - now) / 60_000;
  const overdue = minutes < 0;
  const text = overdue ? t('queue.deadline.overdue', { duration: shortDuration(t, -minutes) }) : t('queue.deadline.left', { duration: shortDuration(t, minutes) });
  return (
    <span className={`q-ellipsis q-deadline${overdue ? ' q-overdue' : minutes < 60 ? ' q-due-soon' : ''}`} title={`${formatUtc(deadline)} UTC`}>
      {text}
    </span>
  );
}

export function LocationCell({ row }: CellProps): ReactNode {
  const { t, locale } = useI18n();
  if (row.region) {
    const region = regionLabel(t, row.region);
    return <CodeLabel kind="region" label={region} code={row.region} ellipsis />;
  }
  const country = countryName(row.country, locale);
  const text = t('queue.abroadIn', { country: country ?? row.country });
  return row.country === 'MA' ? (
    <span className="q-ellipsis muted">{t('queue.region.none')}</span>
  ) : (
    <span className="q-ellipsis" title={text}>
      <Msg id="queue.abroadIn" params={{ country: <bdi title={row.country}>{country ?? row.country}</bdi> }} />
    </span>
  );
}

export function ReporterCell({ row }: CellProps): ReactNode {
  const { t } = useI18n();
  return <CodeLabel kind="reporterMode" label={reporterModeLabel(t, row.reporterMode)} code={row.reporterMode} ellipsis />;
}

export function AttachmentsCell({ row }: CellProps): ReactNode {
  const { t, locale } = useI18n();
  if (row.attachments === 0) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className="num" title={t('queue.attachmentsCount', { count: row.attachments })}>
      <span aria-hidden="true">{formatNumber(row.attachments, locale)}</span>
      <span className="visually-hidden">{t('queue.attachmentsCount', { count: row.attachments })}</span>
    </span>
  );
}

export function ClusterCell({ row, clusters }: CellProps): ReactNode {
  const { t } = useI18n();
  if (clusters) {
    // A group row says what content it groups ("Groupe WhatsApp"), then how many reports and how many the filters keep.
    const matches = row.clusterMatches ?? row.clusterSize;
    const reports = t('queue.clusterReports', { count: row.clusterSize });
    const counts = matches === row.clusterSize ? reports : t('queue.clusterMatches', { reports, matching: t('queue.clusterMatching', { count: matches }) });
    const content = clusterContent(t, row.clusterKey ?? null).label;
    const text = t('queue.clusterRow', { content, counts });
    return (
      <span className="q-ellipsis q-cluster q-cluster-group" title={text}>
        {text}
      </span>
    );
  }
  if (row.clusterSize <= 1) return <span className="muted">{t('common.none')}</span>;
  const text = t('queue.reportedTimes', { count: row.clusterSize });
  return (
    <span className={`q-ellipsis q-cluster${row.clusterSize >= 10 ? ' q-cluster-big' : ''}`} title={text}>
      {text}
    </span>
  );
}

export function AccountCell({ row }: CellProps): ReactNode {
  const { t } = useI18n();
  if (!row.accountHandle) return <span className="muted">{t('common.none')}</span>;
  if (row.accountFromUrl) {
    // Not typed by the reporter: worked out from the first reported URL, and marked so (first: a long name is cut).
    return (
      <span className="q-ellipsis" title={t('queue.accountFromUrlTitle', { handle: row.accountHandle })}>
        <span className="muted small">({t('queue.accountFromUrl')})</span> <bdi>{row.accountHandle}</bdi>
      </span>
    );
  }
  return (
    <bdi className="q-ellipsis" title={row.accountHandle}>
      {row.accountHandle}
    </bdi>
  );
}

export function UrlCell({ row }: CellProps): ReactNode {
  const { t } = useI18n();
  if (!row.url) return <span className="muted">{t('common.none')}</span>;
  return (
    <bdi className="q-ellipsis mono q-url" dir="ltr" title={row.url}>
      {row.url}
    </bdi>
  );
}

/** The first case holding the report (its reference, inert and left to right), and how many more. */
export function CasesCell({ row }: CellProps): ReactNode {
  const { t, locale } = useI18n();
  const [first, ...more] = row.cases;
  if (first === undefined) return <span className="muted">{t('common.none')}</span>;
  const all = row.cases.join(', ');
  return (
    <span className="q-ellipsis q-cases" title={all}>
      <bdi className="mono" dir="ltr">
        {first}
      </bdi>
      {more.length > 0 ? (
        <>
          {' '}
          <span className="q-cases-more" aria-hidden="true">
            <bdi dir="ltr">+{formatNumber(more.length, locale)}</bdi>
          </span>
          <span className="visually-hidden">{t('queue.casesMore', { count: more.length })}</span>
        </>
      ) : null}
    </span>
  );
}

export function SnippetCell({ row }: CellProps): ReactNode {
  const { t } = useI18n();
  if (!row.snippet) return <span className="muted">{t('queue.noSnippet')}</span>;
  return <HighlightedText value={row.snippet} />;
}

/** Match ranges made safe: within the text, sorted, not overlapping. */
export function cleanRanges(text: string, ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = ranges
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as [number, number])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

/** Untrusted text with its bidi controls and invisible characters as visible marks (the report view's marks). */
function marked(text: string, ranges: readonly (readonly [number, number])[], offset: number): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = offset;
  const end = offset + text.length;
  for (const [start, stop] of ranges) {
    if (stop <= at || start >= end) continue;
    const a = Math.max(start, at);
    const b = Math.min(stop, end);
    if (a > at) parts.push(<RevealedText key={`t${at}`} text={text.slice(at - offset, a - offset)} />);
    parts.push(
      <mark key={`m${a}`}>
        <RevealedText text={text.slice(a - offset, b - offset)} />
      </mark>,
    );
    at = b;
  }
  if (at < end) parts.push(<RevealedText key={`t${at}`} text={text.slice(at - offset)} />);
  return parts;
}

/**
 * A piece of user text with its matches in <mark>, laid out in the text's own
 * direction whatever the interface's: what comes before the first match is
 * cut at its far end (at most 45% of the cell), the rest starts with the match
 * and is cut at its end, so the match always shows inside the cell. Text nodes
 * only, isolated in <bdi>; bidi controls and invisible characters show as marks.
 */
export const HighlightedText = memo(function HighlightedText({ value }: { readonly value: Highlighted }): ReactNode {
  const text = value.text;
  const ranges = cleanRanges(text, value.ranges);
  const dir = textDirection(text);
  const cut = ranges[0]?.[0] ?? 0;
  const before = text.slice(0, cut);
  const rest = text.slice(cut);
  return (
    <span className="q-snippet" dir={dir} title={text}>
      {before || value.clippedStart ? (
        <span className="q-snippet-before">
          <bdi dir={dir}>
            {value.clippedStart ? <span aria-hidden="true">… </span> : null}
            {marked(before, ranges, 0)}
          </bdi>
        </span>
      ) : null}
      <span className="q-snippet-rest">
        <bdi dir={dir}>{marked(rest, ranges, cut)}</bdi>
        {value.clippedEnd ? <span aria-hidden="true"> …</span> : null}
      </span>
    </span>
  );
});

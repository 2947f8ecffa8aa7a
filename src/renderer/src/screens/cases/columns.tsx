/**
 * The cases table's columns, declared once for TanStack Table (headless: the
 * core sorts): ids, header labels, the core's sort key, the grid track and
 * the cell each row renders. Titles come from analysts: text only, isolated.
 */
import type { ReactNode } from 'react';
import { createColumnHelper, rowSortingFeature, tableFeatures, type Column } from '@tanstack/react-table';
import type { CaseRow } from '../../../../shared/cases.ts';
import { DISPLAY_TIME_ZONE, formatDateTime, formatNumber, formatUtc, parseInstant } from '../../format.ts';
import { INTL_LOCALE } from '../../i18n/translate.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { regionLabel } from '../../i18n/labels.ts';
import { caseStatusLabel } from './caseLabels.ts';
import type { CaseSortKey } from './useCaseList.ts';

export interface CaseCellProps {
  readonly row: CaseRow;
}

export interface CaseColumnMeta {
  readonly track: string;
  readonly label: MessageKey;
  readonly Cell: (props: CaseCellProps) => ReactNode;
  readonly sortKey?: CaseSortKey;
  readonly align?: 'end';
}

export const caseFeatures = tableFeatures({ rowSortingFeature, columnMeta: {} as CaseColumnMeta });
export type CaseTableColumn = Column<typeof caseFeatures, CaseRow, unknown>;

const helper = createColumnHelper<typeof caseFeatures, CaseRow>();

function RefCell({ row }: CaseCellProps): ReactNode {
  const { t } = useI18n();
  return (
    <span className="cs-ref-cell">
      {row.imminentDanger ? (
        <span className="cs-danger-dot" title={t('cases.imminentDanger')}>
          <span aria-hidden="true">!</span>
          <span className="visually-hidden">{t('cases.imminentDanger')}</span>
        </span>
      ) : null}
      <bdi dir="ltr" className="mono">
        {row.ref}
      </bdi>
    </span>
  );
}

function TitleCell({ row }: CaseCellProps): ReactNode {
  const { t } = useI18n();
  return (
    <span className="cs-title-cell">
      <bdi dir="auto" className="cs-ellipsis" title={row.title}>
        {row.title}
      </bdi>
      {row.restricted ? <span className="cs-tag cs-tag-restricted">{t('cases.restricted')}</span> : null}
    </span>
  );
}

function StatusCell({ row }: CaseCellProps): ReactNode {
  const { t } = useI18n();
  return (
    <span className="cs-status-cell">
      <span className={`cs-status cs-status-${row.status}`}>{caseStatusLabel(t, row.status)}</span>
      {row.overdue ? <span className="cs-tag cs-tag-overdue">{t('cases.overdue')}</span> : null}
    </span>
  );
}

function AssigneeCell({ row }: CaseCellProps): ReactNode {
  const { t } = useI18n();
  return row.assignee ? (
    <bdi dir="auto" className="cs-ellipsis" title={row.assignee}>
      {row.assignee}
    </bdi>
  ) : (
    <span className="muted">{t('cases.unassigned')}</span>
  );
}

function ReportsCell({ row }: CaseCellProps): ReactNode {
  const { locale } = useI18n();
  return <span className="num">{formatNumber(row.reports, locale)}</span>;
}

function QualificationsCell({ row }: CaseCellProps): ReactNode {
  const { t } = useI18n();
  if (row.qualifications.length === 0) return <span className="muted">{t('common.none')}</span>;
  const text = row.qualifications.join(', ');
  return (
    <bdi dir="ltr" className="cs-ellipsis mono cs-small" title={text}>
      {text}
    </bdi>
  );
}

function RegionCell({ row }: CaseCellProps): ReactNode {
  const { t } = useI18n();
  if (!row.region) return <span className="muted">{t('common.none')}</span>;
  const label = regionLabel(t, row.region);
  return label ? (
    <span className="cs-ellipsis" title={label}>
      {label}
    </span>
  ) : (
    <bdi className="mono">{row.region}</bdi>
  );
}

const shortFormats = new Map<string, Intl.DateTimeFormat>();

/** "06/12/26 05:52", Casablanca time: a column's width, the full instant on hover. */
function UpdatedCell({ row }: CaseCellProps): ReactNode {
  const { locale } = useI18n();
  const date = parseInstant(row.updatedAt);
  if (!date) return <bdi>{row.updatedAt}</bdi>;
  let format = shortFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: DISPLAY_TIME_ZONE, day: '2-digit', month: '2-digit', year: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
    shortFormats.set(locale, format);
  }
  return (
    <time className="timestamp" dateTime={date.toISOString()} title={`${formatDateTime(date, locale)} (${formatUtc(date)} UTC)`}>
      {format.format(date)}
    </time>
  );
}

export const caseColumns = helper.columns([
  helper.accessor((row) => row.ref, { id: 'ref', meta: { track: '186px', label: 'cases.column.ref', Cell: RefCell, sortKey: 'ref' } }),
  helper.accessor((row) => row.title, { id: 'title', meta: { track: 'minmax(140px, 3fr)', label: 'cases.column.title', Cell: TitleCell, sortKey: 'title' } }),
  helper.accessor((row) => row.status, { id: 'status', meta: { track: 'minmax(150px, 1.2fr)', label: 'cases.column.status', Cell: StatusCell, sortKey: 'status' } }),
  helper.accessor((row) => row.reports, {
    id: 'reports',
    sortDescFirst: true,
    meta: { track: '112px', label: 'cases.column.reports', Cell: ReportsCell, sortKey: 'reports', align: 'end' },
  }),
  helper.accessor((row) => row.assignee, { id: 'assignee', meta: { track: 'minmax(100px, 1fr)', label: 'cases.column.assignee', Cell: AssigneeCell, sortKey: 'assignee' } }),
  helper.display({ id: 'qualifications', meta: { track: 'minmax(90px, 1fr)', label: 'cases.column.qualifications', Cell: QualificationsCell } }),
  helper.display({ id: 'region', meta: { track: 'minmax(90px, 1fr)', label: 'cases.column.region', Cell: RegionCell } }),
  helper.accessor((row) => row.updatedAt, {
    id: 'updatedAt',
    sortDescFirst: true,
    meta: { track: '120px', label: 'cases.column.updatedAt', Cell: UpdatedCell, sortKey: 'updatedAt' },
  }),
]);

export function columnForSortKey(key: CaseSortKey): string {
  return caseColumns.find((column) => column.meta?.sortKey === key)?.id ?? key;
}

export function sortKeyOfColumn(id: string): CaseSortKey | null {
  return caseColumns.find((column) => column.id === id)?.meta?.sortKey ?? null;
}

/** The audit entries as a table: index in the chain, time, analyst, action, detail. */
import type { ReactNode } from 'react';
import type { AuditEvent } from '../../../../shared/schemas.ts';
import { DataTable, type DataColumn } from '../../components/DataTable.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { detailItems } from './auditDetail.ts';

interface AuditTableProps {
  readonly events: readonly AuditEvent[];
  /** Every analyst with an entry: names for profile ids in the details. */
  readonly analysts: readonly { readonly id: string; readonly name: string }[];
}

export function AuditTable({ events, analysts }: AuditTableProps): ReactNode {
  const { t, locale } = useI18n();
  const profileNames: ReadonlyMap<string, string> = new Map(analysts.map((a) => [a.id, a.name]));
  const columns: DataColumn<AuditEvent>[] = [
    { key: 'index', header: t('audit.col.index'), headerClassName: 'audit-col-index', className: 'audit-col-index', cell: (event) => formatNumber(event.id, locale) },
    { key: 'time', header: t('audit.col.time'), headerClassName: 'col-time', className: 'nowrap', cell: (event) => <Timestamp iso={event.at} /> },
    {
      key: 'analyst',
      header: t('audit.col.analyst'),
      headerClassName: 'audit-col-analyst',
      className: 'audit-col-analyst',
      cell: (event) => (event.analystName === null ? <span className="muted">{t('audit.system')}</span> : <bdi>{event.analystName}</bdi>),
    },
    {
      key: 'action',
      header: t('audit.col.action'),
      headerClassName: 'audit-col-action',
      className: (event) => `audit-col-action audit-action audit-action-${event.action.split('.')[0] ?? ''}`,
      cell: (event) => t(`audit.action.${event.action}`),
    },
    {
      key: 'detail',
      header: t('audit.col.detail'),
      className: 'audit-detail',
      cell: (event) =>
        detailItems(event, t, locale, profileNames).map((item) => (
          <span key={item.key} className="detail-item">
            <Msg id="common.pair" params={{ label: item.label, value: <bdi>{item.value}</bdi> }} />
          </span>
        )),
    },
  ];
  return <DataTable caption={t('audit.caption')} columns={columns} rows={events} rowKey={(event) => event.id} />;
}

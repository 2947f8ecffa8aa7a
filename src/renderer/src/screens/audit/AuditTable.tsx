/** The audit events as a table: time, analyst, action, detail. */
import type { ReactNode } from 'react';
import type { AuditEvent } from '../../../../shared/schemas.ts';
import { DataTable, type DataColumn } from '../../components/DataTable.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { detailItems } from './auditDetail.ts';

interface AuditTableProps {
  readonly events: readonly AuditEvent[];
  readonly profileNames: ReadonlyMap<string, string>;
}

export function AuditTable({ events, profileNames }: AuditTableProps): ReactNode {
  const { t, locale } = useI18n();
  const columns: DataColumn<AuditEvent>[] = [
    { key: 'time', header: t('audit.col.time'), headerClassName: 'col-time', className: 'nowrap', cell: (event) => <Timestamp iso={event.at} /> },
    {
      key: 'analyst',
      header: t('audit.col.analyst'),
      cell: (event) => (event.analystName === null ? <span className="muted">{t('audit.system')}</span> : <bdi>{event.analystName}</bdi>),
    },
    {
      key: 'action',
      header: t('audit.col.action'),
      className: (event) => `audit-action audit-action-${event.action.split('.')[0] ?? ''}`,
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

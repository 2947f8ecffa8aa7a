/** The audit events as a table: time, analyst, action, detail. */
import type { ReactNode } from 'react';
import type { AuditEvent } from '../../../../shared/schemas.ts';
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
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-time">
              {t('audit.col.time')}
            </th>
            <th scope="col">{t('audit.col.analyst')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="nowrap">
                <Timestamp iso={event.at} />
              </td>
              <td>{event.analystName === null ? <span className="muted">{t('audit.system')}</span> : <bdi>{event.analystName}</bdi>}</td>
              <td className={`audit-action audit-action-${event.action.split('.')[0] ?? ''}`}>{t(`audit.action.${event.action}`)}</td>
              <td className="audit-detail">
                {detailItems(event, t, locale, profileNames).map((item) => (
                  <span key={item.key} className="detail-item">
                    <Msg id="common.pair" params={{ label: item.label, value: <bdi>{item.value}</bdi> }} />
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

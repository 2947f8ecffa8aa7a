/**
 * What the sync refused to apply (bad signature, schema, attachment digest),
 * kept as received for review. Read again when a run ends.
 */
import { useCallback, type ReactNode } from 'react';
import type { QuarantineItem } from '../../../../shared/schemas.ts';
import { DataTable, type DataColumn } from '../../components/DataTable.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSyncTrigger } from '../../intake/useSyncTrigger.ts';
import { useApi } from '../../session/SessionContext.ts';

const REASON_CODES = ['malformed', 'too_large', 'signature', 'not_json', 'kind_mismatch', 'schema', 'unknown_kind', 'attachment_mismatch', 'attachment_refused'] as const;

/** The translated label of a quarantine reason; a code this version does not know reads "other". */
function reasonLabel(code: string): MessageKey {
  const known = (REASON_CODES as readonly string[]).includes(code) ? code : 'other';
  return `sync.quarantine.reason.${known}` as MessageKey;
}

const PAGE_SIZE = 100;

interface QuarantineSectionProps {
  /** The count the live status reports, shown before the list arrives. */
  readonly total: number;
}

export function QuarantineSection({ total }: QuarantineSectionProps): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const list = useLoad(useCallback(() => api('sync.quarantine', { limit: PAGE_SIZE, offset: 0 }), [api]));
  useSyncTrigger(list.reload);
  const items = list.value?.items ?? [];
  const shownTotal = list.value?.total ?? total;
  const columns: DataColumn<QuarantineItem>[] = [
    { key: 'seq', header: t('sync.quarantine.col.seq'), className: 'num', cell: (item) => (item.seq === null ? t('common.none') : formatNumber(item.seq, locale)) },
    { key: 'kind', header: t('sync.quarantine.col.kind'), cell: (item) => <bdi className="mono">{item.kind}</bdi> },
    {
      key: 'reason',
      header: t('sync.quarantine.col.reason'),
      className: 'cell-text',
      cell: (item) => (
        <>
          <span className="strong">{t(reasonLabel(item.reasonCode))}</span>
          <br />
          <bdi className="muted small" lang="en">
            {item.reason}
          </bdi>
        </>
      ),
    },
    { key: 'receivedAt', header: t('sync.quarantine.col.receivedAt'), headerClassName: 'col-time', className: 'nowrap', cell: (item) => <Timestamp iso={item.receivedAt} /> },
    {
      key: 'ref',
      header: t('sync.quarantine.col.ref'),
      className: 'cell-ids',
      cell: (item) => (
        <>
          {item.attachmentId ? (
            <bdi className="mono" dir="ltr">
              {item.attachmentId}
            </bdi>
          ) : null}
          {item.reportId ? (
            <bdi className="mono" dir="ltr">
              {item.reportId}
            </bdi>
          ) : null}
          {!item.attachmentId && !item.reportId ? t('common.none') : null}
        </>
      ),
    },
    { key: 'bytes', header: t('sync.quarantine.col.bytes'), headerClassName: 'cell-num', className: 'num cell-num', cell: (item) => formatNumber(item.bytes, locale) },
  ];

  return (
    <section className="panel" aria-labelledby="quarantine-title">
      <h2 className="panel-title" id="quarantine-title">
        {t('sync.quarantine.title')} <span className="count-badge">{formatNumber(shownTotal, locale)}</span>
      </h2>
      <p className="panel-intro">{t('sync.quarantine.intro')}</p>
      {list.loading && !list.value ? <Loading /> : null}
      <ErrorNotice error={list.error} />
      {list.value && items.length === 0 ? <p className="empty-line">{t('sync.quarantine.empty')}</p> : null}
      {items.length > 0 ? (
        <>
          <p className="table-summary">{t('common.shownOf', { shown: items.length, total: shownTotal })}</p>
          <DataTable caption={t('sync.quarantine.caption')} columns={columns} rows={items} rowKey={(item) => item.id} />
        </>
      ) : null}
    </section>
  );
}

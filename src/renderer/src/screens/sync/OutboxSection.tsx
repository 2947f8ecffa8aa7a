/**
 * Statuses set on this workstation and pushed back to the intake service in
 * order: live counts from the sync status, and the latest entries, read again
 * when a run ends.
 */
import { useCallback, type ReactNode } from 'react';
import type { OutboxEntry, SyncStatus } from '../../../../shared/schemas.ts';
import { DataTable, type DataColumn } from '../../components/DataTable.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { reportStatusLabel } from '../../i18n/labels.ts';
import { useSyncTrigger } from '../../intake/useSyncTrigger.ts';
import { useApi } from '../../session/SessionContext.ts';

const PAGE_SIZE = 50;

const STATE_BADGE = { pending: 'badge-warn', sent: 'badge-on', rejected: 'badge-danger' } as const;

interface OutboxSectionProps {
  readonly counts: SyncStatus['outbox'];
}

export function OutboxSection({ counts }: OutboxSectionProps): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const list = useLoad(useCallback(() => api('sync.outbox', { limit: PAGE_SIZE, offset: 0 }), [api]));
  useSyncTrigger(list.reload);
  const entries = list.value?.entries ?? [];
  const columns: DataColumn<OutboxEntry>[] = [
    {
      key: 'report',
      header: t('sync.outbox.col.report'),
      rowHeader: true,
      cell: (entry) => (
        <bdi className="mono" dir="ltr">
          {entry.reportId}
        </bdi>
      ),
    },
    { key: 'status', header: t('sync.outbox.col.status'), cell: (entry) => reportStatusLabel(t, entry.status) ?? <bdi>{entry.status}</bdi> },
    { key: 'at', header: t('sync.outbox.col.at'), headerClassName: 'col-time', className: 'nowrap', cell: (entry) => <Timestamp iso={entry.at} /> },
    {
      key: 'state',
      header: t('sync.outbox.col.state'),
      cell: (entry) => <span className={`badge ${STATE_BADGE[entry.state]}`}>{t(`sync.outbox.state.${entry.state}`)}</span>,
    },
    { key: 'attempts', header: t('sync.outbox.col.attempts'), headerClassName: 'cell-num', className: 'num cell-num', cell: (entry) => formatNumber(entry.attempts, locale) },
    {
      key: 'lastError',
      header: t('sync.outbox.col.lastError'),
      className: 'cell-text',
      // The core's (English) words for support, behind a disclosure: the state column says what happened.
      cell: (entry) =>
        entry.lastError ? (
          <details className="notice-detail">
            <summary>{t('common.technicalDetail')}</summary>
            <code dir="ltr" lang="en">
              {entry.lastError}
            </code>
          </details>
        ) : (
          t('common.none')
        ),
    },
  ];

  return (
    <section className="panel" aria-labelledby="outbox-title">
      <h2 className="panel-title" id="outbox-title">
        {t('sync.outbox.title')}
      </h2>
      <p className="panel-intro">{t('sync.outbox.intro')}</p>
      <dl className="facts" aria-label={t('sync.outbox.counts')}>
        {(['pending', 'sent', 'rejected'] as const).map((state) => (
          <div className="fact" key={state}>
            <dt>{t(`sync.outbox.${state}`)}</dt>
            <dd className="num">{formatNumber(counts[state], locale)}</dd>
          </div>
        ))}
      </dl>
      {list.loading && !list.value ? <Loading /> : null}
      <ErrorNotice error={list.error} />
      {list.value && entries.length === 0 ? <p className="empty-line">{t('sync.outbox.empty')}</p> : null}
      {entries.length > 0 && list.value ? (
        <>
          <p className="table-summary">{t('common.shownOf', { shown: entries.length, total: list.value.total })}</p>
          <DataTable caption={t('sync.outbox.caption')} columns={columns} rows={entries} rowKey={(entry) => entry.id} />
        </>
      ) : null}
    </section>
  );
}

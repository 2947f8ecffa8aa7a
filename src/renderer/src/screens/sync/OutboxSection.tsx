/**
 * Statuses set on this workstation and pushed back to the intake service in
 * order: live counts from the sync status, and the latest entries, read again
 * when a run ends.
 */
import { useCallback, type ReactNode } from 'react';
import type { SyncStatus } from '../../../../shared/schemas.ts';
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
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('sync.outbox.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sync.outbox.col.report')}</th>
                  <th scope="col">{t('sync.outbox.col.status')}</th>
                  <th scope="col" className="col-time">
                    {t('sync.outbox.col.at')}
                  </th>
                  <th scope="col">{t('sync.outbox.col.state')}</th>
                  <th scope="col" className="cell-num">
                    {t('sync.outbox.col.attempts')}
                  </th>
                  <th scope="col">{t('sync.outbox.col.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">
                      <bdi className="mono" dir="ltr">
                        {entry.reportId}
                      </bdi>
                    </th>
                    <td>{reportStatusLabel(t, entry.status) ?? <bdi>{entry.status}</bdi>}</td>
                    <td className="nowrap">
                      <Timestamp iso={entry.at} />
                    </td>
                    <td>
                      <span className={`badge ${STATE_BADGE[entry.state]}`}>{t(`sync.outbox.state.${entry.state}`)}</span>
                    </td>
                    <td className="num cell-num">{formatNumber(entry.attempts, locale)}</td>
                    <td className="cell-text">{entry.lastError ? <bdi>{entry.lastError}</bdi> : t('common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

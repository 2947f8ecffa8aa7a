/**
 * How far the store is behind the intake service: changes applied (`cursor`)
 * of the service's highest (`headSeq`), and while a run goes on, its step,
 * pace and estimated time left.
 */
import type { ReactNode } from 'react';
import type { SyncStatus } from '../../../../shared/schemas.ts';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatDuration } from '../../i18n/labels.ts';

interface SyncProgressProps {
  readonly sync: SyncStatus;
}

export function SyncProgress({ sync }: SyncProgressProps): ReactNode {
  const { t, locale } = useI18n();
  const head = Math.max(sync.headSeq, sync.cursor);
  const percent = head > 0 ? Math.floor((sync.cursor / head) * 100) : 0;
  const counts = { cursor: sync.cursor, count: sync.headSeq };
  const phase = sync.running ? sync.phase : sync.phase === 'done' ? 'done' : 'idle';

  return (
    <section className="panel" aria-labelledby="sync-progress-title" aria-busy={sync.running}>
      <h2 className="panel-title" id="sync-progress-title">
        {t('sync.progress.title')}
      </h2>
      <p className="sync-phase">
        {sync.running ? <span className="spinner" aria-hidden="true" /> : null}
        <span className="muted">{t('sync.progress.phase')}</span>
        {/* Only the step is announced; the attachment count beside it changes too often for a live region. */}
        <span className="strong" role="status">
          {t(`sync.phase.${phase}`)}
        </span>
        {phase === 'attachments' ? (
          <span className="num">{t('sync.phase.attachmentsCount', { done: sync.attachmentsDone, total: sync.attachmentsTotal })}</span>
        ) : null}
        {phase === 'observables' ? (
          <span className="num">{t('sync.phase.observablesCount', { done: formatNumber(sync.observablesDone, locale), total: formatNumber(sync.observablesTotal, locale) })}</span>
        ) : null}
      </p>
      {phase === 'observables' ? <p className="muted">{t('sync.phase.observablesHint')}</p> : null}
      <div className="progress-block">
        <div className="progress-head">
          <span id="sync-progress-label">{t('sync.progress.label')}</span>
          <span className="num">{t('sync.progress.value', counts)}</span>
        </div>
        <progress
          className="progress"
          aria-labelledby="sync-progress-label"
          aria-valuetext={t('sync.progress.valueText', { ...counts, percent })}
          value={Math.min(sync.cursor, head)}
          max={Math.max(head, 1)}
        />
      </div>
      {sync.running || sync.applied > 0 ? (
        <dl className="facts">
          <div className="fact">
            <dt>{t(sync.running ? 'sync.progress.applied' : 'sync.progress.appliedLast')}</dt>
            <dd className="num">{formatNumber(sync.applied, locale)}</dd>
          </div>
          {sync.running ? (
            <>
              <div className="fact">
                <dt>{t('sync.progress.rate')}</dt>
                <dd className="num">{t('sync.progress.rateValue', { rate: formatNumber(sync.ratePerSecond, locale, 1) })}</dd>
              </div>
              <div className="fact">
                <dt>{t('sync.progress.eta')}</dt>
                <dd className="num">{sync.etaSeconds === null ? t('sync.progress.unknown') : formatDuration(t, sync.etaSeconds)}</dd>
              </div>
            </>
          ) : null}
        </dl>
      ) : null}
      {sync.retrying ? (
        <div className="notice notice-warning" role="status">
          <p>{t('sync.retrying')}</p>
          <details className="notice-detail">
            <summary>{t('common.technicalDetail')}</summary>
            <code dir="ltr" lang="en">
              {sync.retrying}
            </code>
          </details>
        </div>
      ) : null}
    </section>
  );
}

/**
 * Exchanges with the intake service: where the connection stands, the run in
 * progress (live, from the `sync.progress` events), the last failure in plain
 * words, the quarantine and the outbox. Without a configured service: an
 * honest empty state pointing to Settings.
 */
import { useRef, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { SyncStatus } from '../../../../shared/schemas.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { useIntake } from '../../intake/IntakeContext.ts';
import { DemoOffer } from '../../intake/StartDemoButton.tsx';
import { useApi } from '../../session/SessionContext.ts';
import type { ScreenId } from '../../shell/screens.ts';
import { OutboxSection } from './OutboxSection.tsx';
import { QuarantineSection } from './QuarantineSection.tsx';
import { SyncFailure } from './SyncFailure.tsx';
import { SyncProgress } from './SyncProgress.tsx';

interface SyncScreenProps {
  readonly onNavigate: (screen: ScreenId) => void;
  readonly supervisor: boolean;
}

export function SyncScreen({ onNavigate, supervisor }: SyncScreenProps): ReactNode {
  const { t } = useI18n();
  const { settings, sync, error } = useIntake();
  const configured = sync?.configured ?? settings?.configured ?? null;

  if (configured === true && sync) return <SyncDashboard sync={sync} onNavigate={onNavigate} />;
  return (
    <>
      <ScreenHeader title={t('nav.sync')} />
      <ErrorNotice error={error} />
      {configured === null || (configured && !sync) ? (
        error ? null : <Loading />
      ) : (
        <>
          <p className="status-line">
            <span className="status-dot status-dot-off" aria-hidden="true" />
            {t('settings.intake.status')}
          </p>
          <EmptyState title={t('sync.emptyTitle')} action={{ label: t('sync.toSettings'), onClick: () => onNavigate('settings') }}>
            <p>{t('sync.emptyBody')}</p>
            {supervisor ? <DemoOffer /> : null}
          </EmptyState>
        </>
      )}
    </>
  );
}

interface SyncDashboardProps {
  readonly sync: SyncStatus;
  readonly onNavigate: (screen: ScreenId) => void;
}

function SyncDashboard({ sync, onNavigate }: SyncDashboardProps): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const { adoptSync } = useIntake();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const syncNowRef = useRef<HTMLButtonElement>(null);

  async function run(channel: 'sync.start' | 'sync.cancel'): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await api(channel);
    setBusy(false);
    if (result.ok) adoptSync(result.value);
    else setError(result.error);
  }

  // A service that answers but refuses this workstation is reachable, not usable: the line says so.
  const online = sync.online === null ? 'unknown' : !sync.online ? 'offline' : sync.lastErrorKind === 'auth' ? 'refusing' : 'online';
  return (
    <>
      <ScreenHeader
        title={t('nav.sync')}
        intro={t('sync.intro')}
        actions={
          <>
            <button
              ref={syncNowRef}
              type="button"
              className="btn btn-primary"
              aria-disabled={sync.running || busy || undefined}
              onClick={() => {
                if (!sync.running) void run('sync.start');
              }}
            >
              {t('sync.now')}
            </button>
            {sync.running ? (
              <button
                type="button"
                className="btn"
                aria-disabled={busy || undefined}
                onClick={() => {
                  // This button goes away with the run: keep the keyboard on the header's actions.
                  syncNowRef.current?.focus();
                  void run('sync.cancel');
                }}
              >
                {t('sync.cancel')}
              </button>
            ) : null}
          </>
        }
      />
      <ErrorNotice error={error} />
      <div className="panels">
        <section className="panel" aria-labelledby="sync-state-title">
          <h2 className="visually-hidden" id="sync-state-title">
            {t('sync.facts')}
          </h2>
          <p className="status-line">
            <span className={`status-dot status-dot-${online === 'refusing' ? 'offline' : online}`} aria-hidden="true" />
            {t(`sync.${online}`)}
            {sync.demo ? (
              <span className="demo-badge" title={t('demo.badgeTitle')}>
                {t('demo.badge')}
              </span>
            ) : null}
          </p>
          <dl className="facts">
            <div className="fact">
              <dt>{t('sync.lastSuccess')}</dt>
              <dd>{sync.lastSuccessAt ? <Timestamp iso={sync.lastSuccessAt} /> : t('sync.never')}</dd>
            </div>
            <div className="fact">
              <dt>{t('sync.lastAttempt')}</dt>
              <dd>{sync.lastAttemptAt ? <Timestamp iso={sync.lastAttemptAt} /> : t('sync.never')}</dd>
            </div>
            <div className="fact">
              <dt>{t('sync.nextRun')}</dt>
              <dd>{sync.nextRunAt ? <Timestamp iso={sync.nextRunAt} /> : t('sync.noBackground')}</dd>
            </div>
            <div className="fact">
              <dt>{t('sync.reports')}</dt>
              <dd className="num">{formatNumber(sync.reports, locale)}</dd>
            </div>
          </dl>
          <SyncFailure sync={sync} onNavigate={onNavigate} />
        </section>
        <SyncProgress sync={sync} />
        <QuarantineSection total={sync.quarantined} />
        <OutboxSection counts={sync.outbox} />
      </div>
    </>
  );
}

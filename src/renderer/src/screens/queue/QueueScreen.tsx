/**
 * The queue of reports to triage. Reports arrive through intake sync, which
 * this version of the workstation does not have yet: the screen says so, and
 * how to get there.
 */
import { useCallback, type ReactNode } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import type { ScreenId } from '../../shell/screens.ts';

interface QueueScreenProps {
  readonly onNavigate: (screen: ScreenId) => void;
}

export function QueueScreen({ onNavigate }: QueueScreenProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const status = useLoad(useCallback(() => api('store.status'), [api]));
  const reports = status.value?.counts.reports ?? null;
  const toSettings = { label: t('queue.toSettings'), onClick: () => onNavigate('settings') };

  return (
    <>
      <ScreenHeader title={t('nav.queue')} />
      {status.loading && reports === null ? <Loading /> : null}
      <ErrorNotice error={status.error} />
      {reports === 0 ? (
        <EmptyState title={t('queue.emptyTitle')} action={toSettings}>
          <p>{t('queue.emptyBody')}</p>
          <p>{t('queue.emptyMore')}</p>
        </EmptyState>
      ) : null}
      {reports !== null && reports > 0 ? (
        <EmptyState title={t('queue.stored', { count: reports })} action={toSettings}>
          <p>{t('queue.storedBody')}</p>
        </EmptyState>
      ) : null}
    </>
  );
}
